import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDoc } from '../../engine/core/testing/build-doc.ts';
import { sweepOverdue } from '../../services/sweeper.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

/*
 *  kasi lane        kabid lane
 *  (s) → [draft 1 hari] → <periksa 30 menit> —ya→ (e)
 *           ↑                    |
 *           └──────tidak─────────┘
 */
const review = buildDoc({
  lanes: { kasi: 'position:kasi', kabid: 'position:kabid' },
  nodes: {
    s: 'start@kasi',
    draft: 'activity@kasi 1 hari',
    periksa: 'decision@kabid 30 menit',
    e: 'end@kabid',
  },
  flows: ['s > draft > periksa:ya > e', 'periksa:tidak > draft'],
});

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp([{ slug: 'review', document: review }]);
});
afterAll(async () => {
  await app.close();
});

describe('a case through the API', () => {
  it('runs start → draft → tidak → draft → ya → end, one task per step and attempt', async () => {
    const kasi = await app.as('kasi');
    const kabid = await app.as('kabid');
    const [sop] = await kasi.sop.list();
    expect(sop!.versionInEffect).toBe(1);
    const { caseId, number } = await kasi.case.start({ sopId: sop!.id, title: 'Permohonan Budi' });
    expect(number).toMatch(/^2026\/000001$/);

    const inbox = await kasi.task.inbox();
    expect(inbox.tasks.map((t) => t.kegiatan)).toEqual(['Kegiatan draft']);
    // Started Monday 08:00 WIB with 1 hari: due Tuesday 08:00, one working day (07:30–16:00) away.
    expect(inbox.tasks[0]!.dueAt).toBe('2026-11-24T01:00:00.000Z');
    expect(inbox.tasks[0]!.remainingWorkingMinutes).toBe(510);
    // At 19:00 the office is closed: only Tuesday 07:30–08:00 remains.
    app.clock.set('2026-11-23T12:00:00.000Z');
    expect((await kasi.task.get({ taskId: inbox.tasks[0]!.id })).remainingWorkingMinutes).toBe(30);
    app.clock.set('2026-11-23T01:00:00.000Z');
    expect(await kabid.task.inbox()).toMatchObject({ tasks: [] });

    await kasi.task.complete({ taskId: inbox.tasks[0]!.id });
    const review1 = (await kabid.task.inbox()).tasks[0]!;
    await expect(kabid.task.complete({ taskId: review1.id })).rejects.toThrow(/ya.*tidak|keputusan/i);
    await kabid.task.complete({ taskId: review1.id, outcome: 'tidak', note: 'Lengkapi data' });

    const again = (await kasi.task.inbox()).tasks;
    expect(again).toHaveLength(1);
    expect(again[0]!.attempt).toBe(2);
    await kasi.task.claim({ taskId: again[0]!.id });
    await kasi.task.complete({ taskId: again[0]!.id });
    const review2 = (await kabid.task.inbox()).tasks[0]!;
    const done = await kabid.task.complete({ taskId: review2.id, outcome: 'ya' });
    expect(done.caseStatus).toBe('completed');

    const detail = await kabid.case.get({ caseId });
    expect(detail.case.status).toBe('completed');
    expect(detail.tasks.map((t) => [t.nodeId, t.attempt, t.outcome])).toEqual([
      ['draft', 1, null],
      ['periksa', 1, 'tidak'],
      ['draft', 2, null],
      ['periksa', 2, 'ya'],
    ]);
    expect(detail.events.map((e) => e.action)).toContain('decision.made');
  });

  it('rejects a second completion of the same task', async () => {
    const kasi = await app.as('kasi');
    const [sop] = await kasi.sop.list();
    await kasi.case.start({ sopId: sop!.id, title: 'Dua kali' });
    const task = (await kasi.task.inbox()).tasks[0]!;
    await kasi.task.complete({ taskId: task.id });
    await expect(kasi.task.complete({ taskId: task.id })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('replays the original answer for a retried idempotency key', async () => {
    const kasi = await app.as('kasi');
    const [sop] = await kasi.sop.list();
    await kasi.case.start({ sopId: sop!.id, title: 'Idempoten' });
    const task = (await kasi.task.inbox()).tasks.find((t) => t.caseTitle === 'Idempoten')!;
    const first = await kasi.task.complete({ taskId: task.id, idempotencyKey: 'retry-key-0001' });
    const second = await kasi.task.complete({ taskId: task.id, idempotencyKey: 'retry-key-0001' });
    expect(second).toEqual(first);
  });

  it('hides another position’s task from a staff user', async () => {
    const kasi = await app.as('kasi');
    const staf = await app.as('staf');
    const [sop] = await kasi.sop.list();
    await kasi.case.start({ sopId: sop!.id, title: 'Rahasia' });
    const task = (await kasi.task.inbox()).tasks.find((t) => t.caseTitle === 'Rahasia')!;
    await expect(staf.task.get({ taskId: task.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(staf.task.complete({ taskId: task.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('marks an overdue task once and notifies the supervisor once', async () => {
    const kasi = await app.as('kasi');
    const [sop] = await kasi.sop.list();
    await kasi.case.start({ sopId: sop!.id, title: 'Terlambat' });
    app.clock.advance(10 * 86_400_000);
    const first = await sweepOverdue(app.deps);
    const second = await sweepOverdue(app.deps);
    expect(first).toBeGreaterThan(0);
    expect(second).toBe(0);
  });

  it('pages the inbox: every open task once, soonest due first, and counts of them all', async () => {
    const kasi = await app.as('kasi');
    const [sop] = await kasi.sop.list();
    for (let i = 0; i < 7; i++) {
      await kasi.case.start({ sopId: sop!.id, title: `Halaman ${i}` });
      app.clock.advance(60_000);
    }
    const all = (await kasi.task.inbox({ limit: 500 })).tasks;
    expect(all.length).toBeGreaterThanOrEqual(7);
    const seen: typeof all = [];
    let cursor: number | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof kasi.task.inbox>> = await kasi.task.inbox({ limit: 3, cursor });
      expect(page.tasks.length).toBeLessThanOrEqual(3);
      expect(page.countsByPosition.kasi).toBe(all.length);
      seen.push(...page.tasks);
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null);
    expect(pages).toBe(Math.ceil(all.length / 3));
    expect(seen.map((t) => t.id)).toEqual(all.map((t) => t.id));
    const due = seen.map((t) => t.dueAt ?? '9999');
    expect(due).toEqual([...due].sort());
    // The screen's first page is 50 rows.
    expect((await kasi.task.inbox()).nextCursor).toBe(all.length > 50 ? 50 : null);
  });
});
