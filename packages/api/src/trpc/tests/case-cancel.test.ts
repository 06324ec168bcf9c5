import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDoc } from '../../engine/core/testing/build-doc.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

/*
 *  kasi lane:  (s) → [a 1 jam] → (e)
 */
const doc = buildDoc({
  lanes: { kasi: 'position:kasi' },
  nodes: { s: 'start@kasi', a: 'activity@kasi 1 jam', e: 'end@kasi' },
  flows: ['s > a > e'],
});

let app: TestApp;
let sopId: string;
beforeAll(async () => {
  app = await createTestApp([{ slug: 'a', document: doc }]);
  const [sop] = await (await app.as('kasi')).sop.list();
  sopId = sop!.id;
});
afterAll(async () => {
  await app.close();
});

async function startAs(username: string) {
  const { caseId } = await (await app.as(username)).case.start({ sopId, title: `Kasus ${username}` });
  const task = (await (await app.as('kasi')).task.inbox()).tasks.find((t) => t.caseId === caseId)!;
  return { caseId, taskId: task.id };
}

describe('case.cancel', () => {
  it('cancels the case and its open tasks, which leave the inbox; the reason is audited', async () => {
    const kasi = await app.as('kasi');
    const { caseId, taskId } = await startAs('kasi');
    await kasi.task.claim({ taskId });
    const result = await kasi.case.cancel({ caseId, reason: '  Pemohon menarik berkasnya  ' });
    expect(result).toEqual({ caseId, caseStatus: 'cancelled', cancelledTaskIds: [taskId] });

    expect((await kasi.task.inbox()).tasks.map((t) => t.caseId)).not.toContain(caseId);
    const view = await kasi.case.get({ caseId });
    expect(view.case.status).toBe('cancelled');
    expect(view.case.completedAt).not.toBeNull();
    expect(view.tasks.find((t) => t.id === taskId)!.status).toBe('cancelled');
    const cancelled = view.events.filter((e) => e.action === 'case.cancelled');
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]!.data).toMatchObject({
      reason: 'Pemohon menarik berkasnya',
      cancelledTaskIds: [taskId],
    });
    expect(cancelled[0]!.actorName).toBe('Kepala Seksi (demo)');
    // Nothing more can be done on it.
    await expect(kasi.task.complete({ taskId })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('requires a reason, naming the field', async () => {
    const { caseId } = await startAs('kasi');
    const kasi = await app.as('kasi');
    const refusal = await kasi.case.cancel({ caseId, reason: '   ' }).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: 'BAD_REQUEST' });
    expect((refusal as Error).message).toMatch(/reason/);
    expect((await kasi.case.get({ caseId })).case.status).toBe('active');
  });

  it('lets leaders, admins and the starter cancel; others who see the case get 403, the rest 404', async () => {
    const byAdmin = await startAs('admin');
    // kasi sees the case (its task is in kasi's position) but neither started it nor leads.
    await expect(
      (await app.as('kasi')).case.cancel({ caseId: byAdmin.caseId, reason: 'x' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      (await app.as('perancang')).case.cancel({ caseId: byAdmin.caseId, reason: 'x' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      (await app.as('kadis')).case.cancel({ caseId: byAdmin.caseId, reason: 'Duplikat' }),
    ).resolves.toMatchObject({ caseStatus: 'cancelled' });
    const again = await startAs('kasi');
    await expect(
      (await app.as('admin')).case.cancel({ caseId: again.caseId, reason: 'Salah SOP' }),
    ).resolves.toMatchObject({ caseStatus: 'cancelled' });
  });

  it('answers a retry with the same key with the first answer, and refuses a second cancel', async () => {
    const kasi = await app.as('kasi');
    const { caseId, taskId } = await startAs('kasi');
    const input = { caseId, reason: 'Ganda', idempotencyKey: 'cancel-key-0001' };
    const first = await kasi.case.cancel(input);
    expect(await kasi.case.cancel(input)).toEqual(first);
    expect(first.cancelledTaskIds).toEqual([taskId]);
    const events = (await kasi.case.get({ caseId })).events.filter((e) => e.action === 'case.cancelled');
    expect(events).toHaveLength(1);
    await expect(kasi.case.cancel({ caseId, reason: 'Lagi' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('task.reassign through "Alihkan"', () => {
  it('lists the colleagues holding the position and hands the claimed task to one of them', async () => {
    const admin = await app.as('admin');
    await admin.admin.users.create({
      username: 'kasi2',
      displayName: 'Kasi Pengganti',
      password: 'sandi-panjang-sekali',
      permissions: ['staff'],
      positions: ['kasi'],
    });
    await admin.admin.users.create({
      username: 'staf2',
      displayName: 'Staf Lain',
      password: 'sandi-panjang-sekali',
      permissions: ['staff'],
      positions: ['staf'],
    });
    const kasi = await app.as('kasi');
    const kasi2 = await app.as('kasi2');
    const { taskId } = await startAs('kasi');
    await kasi.task.claim({ taskId });

    const colleagues = await kasi.task.colleagues({ taskId });
    expect(colleagues.map((c) => c.displayName)).toEqual(['Kasi Pengganti']);
    await expect((await app.as('perancang')).task.colleagues({ taskId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    // Someone outside the position is refused: they could not complete the task.
    const staf2 = (await admin.admin.users.list()).find((u) => u.username === 'staf2')!;
    await expect(kasi.task.reassign({ taskId, toUserId: staf2.id })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });

    await kasi.task.reassign({ taskId, toUserId: colleagues[0]!.id });
    const page = await kasi2.task.get({ taskId });
    expect(page.task).toMatchObject({ status: 'claimed', claimedBy: colleagues[0]!.id });
    expect(page.task.claimedByName).toBe('Kasi Pengganti');
    await expect(kasi.task.complete({ taskId })).rejects.toMatchObject({ code: 'CONFLICT' });
    await kasi2.task.complete({ taskId });
  });
});
