import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../auth/password.ts';
import { agencies, positions, userPositions, users } from '../../db/schema.ts';
import { buildDoc } from '../../engine/testing/build-doc.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

/*
 *  kasi lane:  (s) → [a] → (e)
 */
const doc = buildDoc({
  lanes: { kasi: 'position:kasi' },
  nodes: { s: 'start@kasi', a: 'activity@kasi 1 jam', e: 'end@kasi' },
  flows: ['s > a > e'],
});

type Caller = Awaited<ReturnType<TestApp['as']>>;
let app: TestApp;
let ids: { sopId: string; caseId: string; taskId: string; versionId: string; userId: string };
let other: { sopId: string; caseId: string; taskId: string };

beforeAll(async () => {
  app = await createTestApp([{ slug: 'a', document: doc }]);
  const kasi = await app.as('kasi');
  const [sop] = await kasi.sop.list();
  const { caseId } = await kasi.case.start({ sopId: sop!.id, title: 'Kasus' });
  const [task] = (await kasi.task.inbox()).tasks;
  const [version] = await kasi.sop.versions({ sopId: sop!.id });
  ids = {
    sopId: sop!.id,
    caseId,
    taskId: task!.id,
    versionId: version!.id,
    userId: (await kasi.auth.whoami()).id,
  };

  // A second agency with its own SOP, case and task: nobody of the first may touch them.
  const db = app.testDb.database.db;
  const [agency] = await db.insert(agencies).values({ slug: 'lain', name: 'Dinas Lain' }).returning();
  await db.insert(positions).values({ agencyId: agency!.id, key: 'kasi', name: 'Kepala Seksi' });
  const [u] = await db
    .insert(users)
    .values({
      agencyId: agency!.id,
      username: 'lain-admin',
      displayName: 'Admin lain',
      passwordHash: await hashPassword('rahasia-sekali'),
      permissions: ['admin', 'designer', 'staff', 'leader'],
    })
    .returning();
  await db.insert(userPositions).values({ userId: u!.id, agencyId: agency!.id, positionKey: 'kasi' });
  const foreign = await app.as('lain-admin');
  const created = await foreign.sop.create({ name: 'SOP lain', document: doc });
  await foreign.sop.publish({
    sopId: created.sopId,
    note: '',
    effectiveDate: '2020-01-01',
    signer: { jabatan: 'Kepala', nama: 'X', nip: '' },
  });
  const c = await foreign.case.start({ sopId: created.sopId, title: 'Kasus lain' });
  const [t] = (await foreign.task.inbox()).tasks;
  other = { sopId: created.sopId, caseId: c.caseId, taskId: t!.id };
});
afterAll(async () => {
  await app.close();
});

type Call = (c: Caller) => Promise<unknown>;
/** Each procedure with the roles (demo usernames) that may call it. */
const matrix: [string, Call, string[]][] = [
  ['sop.list', (c) => c.sop.list(), ['kasi', 'kadis', 'admin', 'perancang']],
  ['sop.get', (c) => c.sop.get({ sopId: ids.sopId }), ['kadis', 'admin', 'perancang']],
  ['sop.create', (c) => c.sop.create({ name: 'Baru' }), ['admin', 'perancang']],
  ['sop.versions', (c) => c.sop.versions({ sopId: ids.sopId }), ['kasi', 'kadis', 'admin', 'perancang']],
  ['case.start', (c) => c.case.start({ sopId: ids.sopId, title: 'x' }), ['kasi', 'kadis', 'admin']],
  ['case.list', (c) => c.case.list(), ['kasi', 'kadis', 'admin', 'perancang']],
  ['task.get', (c) => c.task.get({ taskId: ids.taskId }), ['kasi', 'kadis', 'admin']],
  ['report.evaluation', (c) => c.report.evaluation(), ['kadis', 'admin']],
  ['admin.users.list', (c) => c.admin.users.list(), ['admin']],
  ['admin.calendar.get', (c) => c.admin.calendar.get({ year: 2026 }), ['kadis', 'admin']],
  [
    'admin.positions.upsert',
    (c) => c.admin.positions.upsert({ key: 'tksk', name: 'TKSK', supervisorKey: 'kasi' }),
    ['admin'],
  ],
];

describe('authorisation', () => {
  for (const [name, call, allowed] of matrix) {
    for (const username of ['kasi', 'kadis', 'admin', 'perancang']) {
      const ok = allowed.includes(username);
      it(`${name} as ${username} is ${ok ? 'allowed' : 'refused'}`, async () => {
        const caller = await app.as(username);
        if (ok) await expect(call(caller)).resolves.toBeDefined();
        else
          await expect(call(caller)).rejects.toMatchObject({
            code: expect.stringMatching(/FORBIDDEN|NOT_FOUND/),
          });
      });
    }
    it(`${name} refuses anonymous callers`, async () => {
      await expect(call(app.anonymous() as Caller)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    });
  }

  it('hides every object of another agency, even from its admin-equivalent here', async () => {
    const admin = await app.as('admin');
    await expect(admin.sop.get({ sopId: other.sopId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(admin.sop.versions({ sopId: other.sopId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(admin.case.get({ caseId: other.caseId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(admin.task.get({ taskId: other.taskId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(admin.task.complete({ taskId: other.taskId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(admin.case.start({ sopId: other.sopId, title: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      admin.sop.saveDraft({ sopId: other.sopId, document: doc, baseRevision: 1 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const cases = await admin.case.list();
    expect(cases.map((c) => c.id)).not.toContain(other.caseId);
  });
});
