import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../db/client.ts';

/** A change other users should see live (inbox, case page, notifications). */
export interface AlurEvent {
  type: 'task.changed' | 'case.changed' | 'notification.created';
  agencyId: string;
  /** Positions whose inboxes changed. */
  positionKeys: string[];
  caseId?: string;
  taskId?: string;
}

/** The NOTIFY channel every process listens on. */
export const EVENT_CHANNEL = 'alur_events';

/**
 * Fan-out of events across server processes through PostgreSQL LISTEN/NOTIFY. Events are published
 * inside the transaction that causes them, so they are delivered only if it commits. NOTIFY has no
 * replay: a client that reconnects re-reads its inbox from the database.
 */
export interface EventBus {
  publish(tx: Tx, event: AlurEvent): Promise<void>;
  subscribe(handler: (event: AlurEvent) => void): () => void;
  close(): Promise<void>;
}

/** Starts listening on the shared channel and dispatches to in-process subscribers. */
export async function createEventBus(database: Database): Promise<EventBus> {
  const handlers = new Set<(event: AlurEvent) => void>();
  const unlisten = await database.listen(EVENT_CHANNEL, (payload) => {
    let event: AlurEvent;
    try {
      event = JSON.parse(payload) as AlurEvent;
    } catch {
      return;
    }
    for (const h of handlers) h(event);
  });
  return {
    async publish(tx, event) {
      await tx.execute(sql`select pg_notify(${EVENT_CHANNEL}, ${JSON.stringify(event)})`);
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async close() {
      handlers.clear();
      await unlisten();
    },
  };
}
