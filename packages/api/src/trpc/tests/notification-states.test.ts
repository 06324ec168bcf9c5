import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDoc } from '../../engine/core/testing/build-doc.ts';
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

/** Through a caller an item arrives as the envelope `tracked()` made, [id, data, marker]. */
const dataOf = (item: unknown) => (item as [string, unknown])[1];

let app: TestApp;
let sopId: string;
beforeAll(async () => {
  app = await createTestApp([{ slug: 'review', document: review }]);
  sopId = (await (await app.as('kasi')).sop.list())[0]!.id;
});
afterAll(async () => {
  await app.close();
});

describe('notifications follow the work', () => {
  it('marks "arrived" done on completion, says why a step came back, tells the starter the case ended', async () => {
    const kasi = await app.as('kasi');
    const kabid = await app.as('kabid');
    const { caseId } = await kasi.case.start({ sopId, title: 'Permohonan Sari' });
    const ofCase = async (c: typeof kasi) => (await c.notification.list()).filter((n) => n.caseId === caseId);

    const [arrived] = await ofCase(kasi);
    expect(arrived).toMatchObject({ kind: 'task.arrived', done: false, read: false });
    const unreadBefore = (await kasi.notification.unreadCount()).count;
    await kasi.task.complete({ taskId: arrived!.taskId! });
    expect((await ofCase(kasi)).find((n) => n.id === arrived!.id)).toMatchObject({ done: true });
    // A task already done no longer calls for attention.
    expect((await kasi.notification.unreadCount()).count).toBe(unreadBefore - 1);

    const decision = (await kabid.task.inbox()).tasks.find((t) => t.caseId === caseId)!;
    expect(decision.sentBack).toBeNull();
    await kabid.task.complete({ taskId: decision.id, outcome: 'tidak', note: 'Lampirkan fotokopi KK' });
    expect((await ofCase(kabid)).find((n) => n.taskId === decision.id)).toMatchObject({ done: true });

    // The reworked step says why, in the inbox row, on its page and on its notification.
    const again = (await kasi.task.inbox()).tasks.find((t) => t.caseId === caseId)!;
    expect(again.attempt).toBe(2);
    expect(again.sentBack).toMatchObject({ taskId: decision.id, note: 'Lampirkan fotokopi KK' });
    expect((await kasi.task.get({ taskId: again.id })).task.sentBack).toMatchObject({
      note: 'Lampirkan fotokopi KK',
    });
    const second = (await ofCase(kasi)).find((n) => n.taskId === again.id)!;
    expect(second).toMatchObject({ kind: 'task.arrived', done: false });
    expect(second.data).toMatchObject({ sentBack: { note: 'Lampirkan fotokopi KK' } });

    await kasi.task.complete({ taskId: again.id });
    const review2 = (await kabid.task.inbox()).tasks.find((t) => t.caseId === caseId)!;
    expect(review2.sentBack).toBeNull();
    await kabid.task.complete({ taskId: review2.id, outcome: 'ya' });

    // kasi started the case: kasi hears it ended; kabid, who did not start it, does not.
    const ended = (await ofCase(kasi)).filter((n) => n.kind === 'case.completed');
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ caseTitle: 'Permohonan Sari', read: false, positionKey: null });
    expect((await ofCase(kabid)).filter((n) => n.kind === 'case.completed')).toEqual([]);
    expect((await ofCase(kasi)).every((n) => n.kind === 'case.completed' || n.done)).toBe(true);
  });

  it("marks the notifications of a cancelled case's tasks done and tells a starter who did not cancel", async () => {
    const kasi = await app.as('kasi');
    const kadis = await app.as('kadis');
    const { caseId } = await kasi.case.start({ sopId, title: 'Permohonan Dodi' });
    const before = (await kasi.notification.unreadCount()).count;
    await kadis.case.cancel({ caseId, reason: 'Pemohon pindah domisili' });
    const mine = (await kasi.notification.list()).filter((n) => n.caseId === caseId);
    expect(mine.find((n) => n.kind === 'task.arrived')).toMatchObject({ done: true });
    expect(mine.filter((n) => n.kind === 'case.cancelled')).toHaveLength(1);
    // The arrived one stopped counting, the cancellation counts.
    expect((await kasi.notification.unreadCount()).count).toBe(before);
  });

  it('keeps read marks per user, for what is addressed to them only', async () => {
    const kasi = await app.as('kasi');
    const kabid = await app.as('kabid');
    const { caseId } = await kasi.case.start({ sopId, title: 'Permohonan Wati' });
    const arrived = (await kasi.notification.list()).find((n) => n.caseId === caseId)!;
    expect(arrived).toMatchObject({ kind: 'task.arrived', read: false, done: false });
    const unread = (await kasi.notification.unreadCount()).count;
    expect(unread).toBeGreaterThan(0);

    // Someone of another position cannot mark it (it is not addressed to them).
    expect(await kabid.notification.markRead({ ids: [arrived.id] })).toEqual({ marked: 0 });
    expect((await kasi.notification.list()).find((n) => n.id === arrived.id)).toMatchObject({ read: false });

    expect(await kasi.notification.markRead({ ids: [arrived.id] })).toEqual({ marked: 1 });
    expect((await kasi.notification.list()).find((n) => n.id === arrived.id)).toMatchObject({ read: true });
    expect((await kasi.notification.unreadCount()).count).toBe(unread - 1);
    // Marking it again changes nothing.
    expect(await kasi.notification.markRead({ ids: [arrived.id] })).toEqual({ marked: 0 });

    await kasi.notification.markRead({});
    expect((await kasi.notification.unreadCount()).count).toBe(0);
    expect((await kasi.notification.list()).filter((n) => !n.read && !n.done)).toEqual([]);
  });

  it("lets a starter who holds none of the case's positions hear live that it ended", async () => {
    const admin = await app.as('admin');
    const { caseId } = await admin.case.start({ sopId, title: 'Permohonan Eka' });
    const kasi = await app.as('kasi');
    const kabid = await app.as('kabid');
    await kasi.task.complete({
      taskId: (await kasi.task.inbox()).tasks.find((t) => t.caseId === caseId)!.id,
    });
    const decision = (await kabid.task.inbox()).tasks.find((t) => t.caseId === caseId)!;

    const abort = new AbortController();
    const listening = await app.as('admin', { signal: abort.signal });
    const stream = (await listening.task.onInboxChange())[Symbol.asyncIterator]();
    expect(dataOf((await stream.next()).value)).toEqual({ type: 'ready' });
    const next = stream.next();
    await kabid.task.complete({ taskId: decision.id, outcome: 'ya' });
    expect(dataOf((await next).value)).toEqual({ type: 'task.changed', caseId });
    abort.abort();
    expect((await admin.notification.list()).filter((n) => n.caseId === caseId).map((n) => n.kind)).toEqual([
      'case.completed',
    ]);
  });
});
