import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.ts';

describe('the tracking rate limiter (token bucket per client address)', () => {
  it('allows a burst, then refuses with the seconds until the next token, then refills', () => {
    const limiter = createRateLimiter({ capacity: 30, perMinute: 30 });
    const t0 = 1_000_000;
    for (let i = 0; i < 30; i++) expect(limiter.take('203.0.113.7', t0)).toBeNull();
    expect(limiter.take('203.0.113.7', t0)).toBe(2);
    // One token every 2 s.
    expect(limiter.take('203.0.113.7', t0 + 1_000)).toBe(1);
    expect(limiter.take('203.0.113.7', t0 + 2_000)).toBeNull();
    expect(limiter.take('203.0.113.7', t0 + 2_000)).not.toBeNull();
    // Another address is untouched; the IPv4-mapped IPv6 form is the same address.
    expect(limiter.take('203.0.113.8', t0)).toBeNull();
    expect(limiter.take('::ffff:203.0.113.7', t0 + 2_000)).not.toBeNull();
  });

  it('counts an IPv6 client by its /64', () => {
    const limiter = createRateLimiter({ capacity: 2, perMinute: 1 });
    expect(limiter.take('2001:db8:1:2::1', 0)).toBeNull();
    expect(limiter.take('2001:0db8:0001:0002:ffff::9', 0)).toBeNull();
    expect(limiter.take('2001:db8:1:2:aaaa:bbbb:cccc:dddd', 0)).not.toBeNull();
    expect(limiter.take('2001:db8:1:3::1', 0)).toBeNull();
  });

  it('keeps at most maxClients buckets: idle (full) ones go first, then the oldest', () => {
    const limiter = createRateLimiter({ capacity: 2, perMinute: 1, maxClients: 3 });
    const [a, b, c, d, e] = ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4', '198.51.100.5'];
    limiter.take(a, 0);
    limiter.take(a, 0);
    expect(limiter.take(a, 0)).not.toBeNull();
    limiter.take(b, 0);
    limiter.take(c, 0);
    limiter.take(c, 0);
    // A minute later B has refilled (idle): the fourth address pushes B out, not the busy A.
    expect(limiter.take(d, 60_000)).toBeNull();
    expect(limiter.take(a, 60_000)).toBeNull();
    expect(limiter.take(a, 60_000)).not.toBeNull();
    // No bucket is full now: the fifth address pushes out the oldest, A, which starts afresh.
    expect(limiter.take(e, 60_000)).toBeNull();
    expect(limiter.take(a, 60_000)).toBeNull();
  });
});
