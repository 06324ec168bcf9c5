import type postgres from 'postgres';

/** What a listener learns besides the payloads: whether notifications can currently be missed. */
export interface ListenHooks {
  /** LISTEN is in force (again): called once subscribed and after every reconnect. */
  onUp?(): void;
  /** The listening connection closed: NOTIFYs are lost until the next `onUp`. */
  onDown?(): void;
}

interface Listener {
  onPayload(payload: string): void;
  hooks: ListenHooks;
}

/** First wait before listening again after the connection closed; doubles up to the last. */
const RETRY_MS = [50, 100, 200, 500, 1000, 2000];

/**
 * LISTEN on one dedicated PostgreSQL connection, for every channel of a process. postgres-js's
 * own `listen` re-subscribes after a reconnect but does not say when the connection was down;
 * the session cache must know (notifications sent meanwhile are lost, so what it holds may be
 * stale), hence this: `onDown` when the connection closes, `onUp` once LISTEN holds again.
 */
export function createSubscriber(driver: typeof postgres, url: string) {
  const channels = new Map<string, Set<Listener>>();
  let closed = false;
  let up = false;
  let attempt = 0;
  let retry: NodeJS.Timeout | null = null;
  let relistening: Promise<void> | null = null;
  /** A channel's first LISTEN while it is on its way, for listeners that join it meanwhile. */
  const firstListen = new Map<string, Promise<void>>();
  const sql = driver(url, {
    max: 1,
    max_lifetime: null,
    fetch_types: false,
    onnotice: () => {},
    // Not in postgres-js's types, but the option its own `listen` uses.
    ...({
      onnotify: (channel: string, payload: string) => {
        for (const l of channels.get(channel) ?? []) l.onPayload(payload);
      },
    } as object),
    onclose: () => {
      if (closed) return;
      if (up) {
        up = false;
        for (const set of channels.values()) for (const l of set) l.hooks.onDown?.();
      }
      scheduleRelisten();
    },
  });
  const listenSql = (channel: string) => sql.unsafe(`listen "${channel.replace(/"/g, '""')}"`);

  function scheduleRelisten() {
    if (closed || retry || relistening || channels.size === 0) return;
    const wait = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]!;
    attempt++;
    retry = setTimeout(() => {
      retry = null;
      relistening = (async () => {
        try {
          for (const channel of channels.keys()) await listenSql(channel);
          attempt = 0;
          up = true;
          for (const set of channels.values()) for (const l of set) l.hooks.onUp?.();
        } catch {
          // The connection's own close (if it opened at all) schedules the next try; if it never
          // opened, nothing else will.
        } finally {
          relistening = null;
          if (!up) scheduleRelisten();
        }
      })();
    }, wait);
  }

  return {
    /** Subscribes; resolves once LISTEN is in force (rejects if the database cannot be reached). */
    async listen(channel: string, onPayload: (payload: string) => void, hooks: ListenHooks = {}) {
      const listener: Listener = { onPayload, hooks };
      let set = channels.get(channel);
      if (!set) {
        set = new Set();
        channels.set(channel, set);
        const listening = listenSql(channel).then(() => {});
        firstListen.set(channel, listening);
        try {
          await listening;
        } catch (error) {
          channels.delete(channel);
          throw error;
        } finally {
          firstListen.delete(channel);
        }
        // Unless the connection closed meanwhile (a re-listen is then due and says when).
        if (!retry && !relistening) up = true;
      } else {
        // Another listener's LISTEN for this channel may still be on its way.
        await firstListen.get(channel);
      }
      set.add(listener);
      if (up) hooks.onUp?.();
      return async () => {
        set.delete(listener);
        if (set.size > 0 || channels.get(channel) !== set) return;
        channels.delete(channel);
        if (up) await sql.unsafe(`unlisten "${channel.replace(/"/g, '""')}"`).catch(() => {});
      };
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await sql.end({ timeout: 0 });
    },
  };
}
