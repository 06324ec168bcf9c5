import { isIPv6 } from 'node:net';

/** A per-client token bucket: `capacity` requests at once, refilled at `perMinute`. */
export interface RateLimiter {
  /** Takes one token for `client`: null when allowed, else the seconds to wait (Retry-After). */
  take(client: string, now?: number): number | null;
}

/**
 * Token buckets in this process's memory, one per client address (an IPv6 address counts by its
 * /64, which one subscriber usually holds whole). With several server processes each keeps its
 * own buckets, so the limit a client meets is per process. At most `maxClients` buckets are kept:
 * past that, full (idle) buckets are dropped first, then the oldest.
 */
export function createRateLimiter(options: {
  capacity: number;
  perMinute: number;
  maxClients?: number;
}): RateLimiter {
  const { capacity, perMinute } = options;
  const maxClients = options.maxClients ?? 10_000;
  const perMs = perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refill = (b: { tokens: number; at: number }, now: number) => {
    b.tokens = Math.min(capacity, b.tokens + (now - b.at) * perMs);
    b.at = now;
  };
  const prune = (now: number) => {
    for (const [k, b] of buckets) {
      refill(b, now);
      if (b.tokens >= capacity) buckets.delete(k);
    }
    for (const k of buckets.keys()) {
      if (buckets.size < maxClients) break;
      buckets.delete(k);
    }
  };
  return {
    take(client, now = Date.now()) {
      const key = clientKey(client);
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= maxClients) prune(now);
        b = { tokens: capacity, at: now };
        buckets.set(key, b);
      }
      refill(b, now);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return null;
      }
      return Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000));
    },
  };
}

/** The bucket an address falls in: IPv4 as it is, IPv6 by its first four groups (/64). */
function clientKey(address: string): string {
  const ip = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g || '0', 16).toString(16))
    .join(':')}::/64`;
}
