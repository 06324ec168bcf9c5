import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Database } from '../db/client.ts';
import type { AppDeps } from '../deps.ts';
import { buildDoc } from '../engine/core/testing/build-doc.ts';
import type { AlurEvent } from '../engine/core/types.ts';
import { createEventBus } from '../events/event-bus.ts';
import { sweepOverdue } from '../services/sweeper.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

/*
 * Several server processes on one PostgreSQL are modelled by separate connection pools and event
 * buses on the same database (PGlite is one connection in one process, so this needs a server).
 *   kasi lane:  (s) → [a 10 menit] → (e)
 */
const doc = buildDoc({
  lanes: { kasi: 'position:kasi' },
  nodes: { s: 'start@kasi', a: 'activity@kasi 10 menit', e: 'end@kasi' },
  flows: ['s > a > e'],
});

const onPostgres = Boolean(process.env.DATABASE_URL);
describe.runIf(onPostgres)('several processes on one PostgreSQL', () => {
  let app: TestApp;
  const others: Database[] = [];
  beforeAll(async () => {
    app = await createTestApp([{ slug: 'a', document: doc }]);
  });
  afterAll(async () => {
    for (const d of others) await d.close();
    await app.close();
  });

  async function openProcess(): Promise<AppDeps> {
    const database = await createDb({ kind: 'postgres', url: app.testDb.url!, max: 4 });
    others.push(database);
    return { database, bus: await createEventBus(database), now: app.clock.now, secureCookies: false };
  }

  it('delivers an event published in one process to the listeners of another, on commit only', async () => {
    const a = await openProcess();
    const b = await openProcess();
    const seen: AlurEvent[] = [];
    b.bus.subscribe((e) => seen.push(e));
    const event: AlurEvent = { type: 'task.changed', agencyId: 'x', positionKeys: ['kasi'] };
    await a.database.db
      .transaction(async (tx) => {
        await a.bus.publish(tx, { ...event, caseId: 'rolled-back' });
        tx.rollback();
      })
      .catch(() => {});
    await a.database.db.transaction((tx) => a.bus.publish(tx, event));
    await expect.poll(() => seen.length, { timeout: 5000 }).toBe(1);
    expect(seen[0]).toEqual(event);
    await a.bus.close();
    await b.bus.close();
  });

  it('notifies exactly once per overdue task while three sweepers race', async () => {
    const kasi = await app.as('kasi');
    const [sop] = await kasi.sop.list();
    for (let i = 0; i < 60; i++) await kasi.case.start({ sopId: sop!.id, title: `Kasus ${i}` });
    app.clock.advance(30 * 86_400_000);
    const sweepers = await Promise.all([openProcess(), openProcess(), openProcess()]);
    const counts = await Promise.all(sweepers.map((d) => sweepOverdue(d, 7)));
    // Keep sweeping until every process finds nothing left.
    for (let round = 0; round < 20; round++) {
      const more = await Promise.all(sweepers.map((d) => sweepOverdue(d, 7)));
      counts.push(...more);
      if (more.every((n) => n === 0)) break;
    }
    expect(counts.reduce((a, b) => a + b, 0)).toBe(60);
    const [row] = await app.testDb.database.query<{ n: number; distinct_tasks: number }>(
      sql`select count(*)::int as n, count(distinct task_id)::int as distinct_tasks from notifications where kind = 'task.overdue'`,
    );
    expect(row).toEqual({ n: 60, distinct_tasks: 60 });
    for (const s of sweepers) await s.bus.close();
  });
});
