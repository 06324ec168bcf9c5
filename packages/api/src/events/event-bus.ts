import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/client.ts';
import { preparedQuery } from '../db/raw.ts';
import type { AlurEvent } from '../engine/core/types.ts';

export type { AlurEvent };

/** The NOTIFY channel every process listens on. */
export const EVENT_CHANNEL = 'alur_events';

/**
 * How long announced events wait to travel together. Each NOTIFY costs this process the better
 * part of a millisecond of CPU (sending it, the reply, hearing it back), whether it carries one
 * event or fifty: 30 ms instead of 15 cut the bus's CPU per event by about a fifth at 2,000
 * completions/s, and leaves a live inbox's refresh well within 100 ms (#16).
 */
const BATCH_MS = 30;
/** Payloads sent by one statement at most (one prepared text per count, `notifyStatement`). */
const PAYLOADS_PER_STATEMENT = 8;
/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more. */
const MAX_PAYLOAD = 7_000;

/**
 * Fan-out of events across server processes through PostgreSQL LISTEN/NOTIFY. A payload is one
 * event or a JSON array of them. NOTIFY has no replay: a client that reconnects re-reads its inbox
 * from the database.
 */
export interface EventBus {
  /** Publishes inside `tx`: delivered only if it commits (rare changes: sweeps, migrations). */
  publish(tx: Tx, event: AlurEvent): Promise<void>;
  /**
   * Publishes a change that has already committed (task commands, case starts). Events announced
   * within `BATCH_MS` (30 ms) of the first travel in one NOTIFY: NOTIFY makes commits wait for one
   * another, so one per command would serialise every task completion in the database.
   */
  announce(event: AlurEvent): void;
  subscribe(handler: (event: AlurEvent) => void): () => void;
  /** Sends what is still waiting, then stops listening. */
  close(): Promise<void>;
}

/** Splits events into NOTIFY payloads (JSON arrays) under the size limit. */
export function toPayloads(events: readonly AlurEvent[]): string[] {
  const payloads: string[] = [];
  let batch: string[] = [];
  let size = 2;
  for (const event of events) {
    const json = JSON.stringify(event);
    if (batch.length > 0 && size + json.length + 1 > MAX_PAYLOAD) {
      payloads.push(`[${batch.join(',')}]`);
      batch = [];
      size = 2;
    }
    batch.push(json);
    size += json.length + 1;
  }
  if (batch.length > 0) payloads.push(`[${batch.join(',')}]`);
  return payloads;
}

/**
 * Groups a batch's payloads to send several in one statement: one round trip and one commit
 * instead of one each. PostgreSQL delivers identical payloads notified in one transaction only
 * once: a payload equal to one already in the group starts the next group, so every event arrives.
 */
export function toStatements(payloads: readonly string[]): string[][] {
  const groups: string[][] = [];
  let group: string[] = [];
  for (const payload of payloads) {
    if (group.length === PAYLOADS_PER_STATEMENT || group.includes(payload)) {
      groups.push(group);
      group = [];
    }
    group.push(payload);
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

const notifyTexts: string[] = [];
/**
 * `select pg_notify($1, $2), pg_notify($1, $3), ...` for `count` payloads, evaluated (so queued
 * and delivered) in order. A constant text per count: prepared once per pool connection
 * (`preparedQuery`).
 */
function notifyStatement(count: number): string {
  notifyTexts[count] ??=
    `select ${Array.from({ length: count }, (_, i) => `pg_notify($1, $${i + 2})`).join(', ')}`;
  return notifyTexts[count];
}

function parsePayload(payload: string): AlurEvent[] {
  try {
    const parsed = JSON.parse(payload) as AlurEvent | AlurEvent[];
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    return [];
  }
}

/** Starts listening on the shared channel and dispatches to in-process subscribers. */
export async function createEventBus(database: Database): Promise<EventBus> {
  const handlers = new Set<(event: AlurEvent) => void>();
  const unlisten = await database.listen(EVENT_CHANNEL, (payload) => {
    for (const event of parsePayload(payload)) for (const h of handlers) h(event);
  });
  // Not `database.query`: drizzle builds the statement on every call and sends it unnamed, so the
  // driver has PostgreSQL describe it first, two round trips per NOTIFY; the bus cost a third
  // less CPU per event this way (BENCHMARKS.md, #16).
  const query = preparedQuery(database.db);
  let waiting: AlurEvent[] = [];
  let timer: NodeJS.Timeout | null = null;
  let sending: Promise<void> = Promise.resolve();

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const events = waiting;
    waiting = [];
    if (events.length === 0) return sending;
    sending = sending.then(async () => {
      for (const group of toStatements(toPayloads(events))) {
        // A lost announcement only delays a live refresh (clients also refetch every minute and
        // on reconnect); it must never fail the request that caused it.
        await query(notifyStatement(group.length), [EVENT_CHANNEL, ...group]).catch((error: unknown) =>
          console.error('[events] NOTIFY failed:', error),
        );
      }
    });
    return sending;
  }

  return {
    async publish(tx, event) {
      await tx.execute(sql`select pg_notify(${EVENT_CHANNEL}, ${JSON.stringify(event)})`);
    },
    announce(event) {
      waiting.push(event);
      timer ??= setTimeout(() => void flush(), BATCH_MS);
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async close() {
      await flush();
      handlers.clear();
      await unlisten();
    },
  };
}
