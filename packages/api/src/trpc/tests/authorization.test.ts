import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../auth/password.ts';
import { agencies, positions, userPositions, users } from '../../db/schema.ts';
import { buildDoc } from '../../engine/core/testing/build-doc.ts';
import { buildWordTemplate } from '../../testing/letter-fixtures.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { appRouter } from '../root.ts';

/*
 *  kasi lane:  (s) → [a] → (e)
 */
const plain = buildDoc({
  lanes: { kasi: 'position:kasi' },
  nodes: { s: 'start@kasi', a: 'activity@kasi 1 jam', e: 'end@kasi' },
  flows: ['s > a > e'],
});
/** The start form may take the applicant's name (optional, so `case.start` needs no data). */
const doc = {
  ...plain,
  dataFields: [{ key: 'nama', label: 'Nama', type: 'text' as const }],
  nodes: plain.nodes.map((n) =>
    n.id === 's' ? { ...n, fields: [{ key: 'nama', mode: 'edit' as const }] } : n,
  ),
};

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

  // Step "a" makes a letter (built-in tags only: the SOP has no data fields).
  await (await app.as('admin')).letter.uploadTemplate({
    sopId: ids.sopId,
    nodeId: 'a',
    fileName: 'surat.docx',
    contentBase64: Buffer.from(await buildWordTemplate(['{nomor_surat} {kasus.nomor}'])).toString('base64'),
  });
});
afterAll(async () => {
  await app.close();
});

type Call = (c: Caller) => Promise<unknown>;

/** A fresh open task of the kasi position (a new case), so mutating calls never collide. */
async function freshTask(startedBy: 'kasi' | 'admin' = 'kasi'): Promise<{ caseId: string; taskId: string }> {
  const kasi = await app.as('kasi');
  const { caseId } = await (await app.as(startedBy)).case.start({ sopId: ids.sopId, title: 'Segar' });
  const task = (await kasi.task.inbox()).tasks.find((t) => t.caseId === caseId)!;
  return { caseId, taskId: task.id };
}
let counter = 0;
const unique = () => `u${Date.now().toString(36)}${counter++}`;

const ROLES = ['kasi', 'kadis', 'admin', 'perancang'] as const;
type Role = (typeof ROLES)[number];
/** The HTTP status each demo user gets (docs/api.md § Permissions). */
type Answers = Record<Role, 200 | 403 | 404 | 409>;

/** `roles` may call it; everyone else is refused by the role rule (403). */
const allow = (roles: Role[]): Answers =>
  Object.fromEntries(ROLES.map((r) => [r, roles.includes(r) ? 200 : 403])) as Answers;

/**
 * Each procedure with the answer of each demo user: kasi (staff, holds "kasi"), kadis (leader,
 * staff), admin (admin, leader, designer, staff; no position), perancang (designer only).
 * Objects the user may not see are 404; a task seen but not in one's position is 403
 * (NOT_YOUR_POSITION); someone else's claim is 409 (TASK_CLAIMED_BY_OTHER) unless one is an admin.
 */
const matrix: [string, Call, Answers][] = [
  ['auth.whoami', (c) => c.auth.whoami(), allow(['kasi', 'kadis', 'admin', 'perancang'])],
  ['sop.list', (c) => c.sop.list(), allow(['kasi', 'kadis', 'admin', 'perancang'])],
  ['sop.get', (c) => c.sop.get({ sopId: ids.sopId }), allow(['kadis', 'admin', 'perancang'])],
  ['sop.create', (c) => c.sop.create({ name: 'Baru' }), allow(['admin', 'perancang'])],
  [
    'sop.saveDraft',
    async (c) => {
      const created = await (await app.as('admin')).sop.create({ name: 'Draf', document: doc });
      return c.sop.saveDraft({ sopId: created.sopId, document: doc, baseRevision: created.revision });
    },
    allow(['admin', 'perancang']),
  ],
  ['sop.validate', (c) => c.sop.validate({ document: doc }), allow(['kasi', 'kadis', 'admin', 'perancang'])],
  [
    'sop.publish',
    async (c) => {
      const created = await (await app.as('admin')).sop.create({ name: 'Terbit', document: doc });
      return c.sop.publish({
        sopId: created.sopId,
        note: '',
        effectiveDate: '2026-01-01',
        signer: { jabatan: 'Kepala Dinas', nama: 'N', nip: '' },
      });
    },
    allow(['admin']),
  ],
  [
    'sop.versions',
    (c) => c.sop.versions({ sopId: ids.sopId }),
    allow(['kasi', 'kadis', 'admin', 'perancang']),
  ],
  [
    'sop.version',
    (c) => c.sop.version({ versionId: ids.versionId }),
    allow(['kasi', 'kadis', 'admin', 'perancang']),
  ],
  [
    'sop.import',
    (c) => c.sop.import({ format: 'json', content: JSON.stringify(doc) }),
    allow(['admin', 'perancang']),
  ],
  ['case.start', (c) => c.case.start({ sopId: ids.sopId, title: 'x' }), allow(['kasi', 'kadis', 'admin'])],
  [
    // A case started by the admin: kasi sees it (its task is in kasi's position) but may not cancel.
    'case.cancel',
    async (c) => c.case.cancel({ caseId: (await freshTask('admin')).caseId, reason: 'Berkas ditarik' }),
    { kasi: 403, kadis: 200, admin: 200, perancang: 404 },
  ],
  [
    'case.get',
    (c) => c.case.get({ caseId: ids.caseId }),
    { kasi: 200, kadis: 200, admin: 200, perancang: 404 },
  ],
  ['case.list', (c) => c.case.list(), allow(['kasi', 'kadis', 'admin', 'perancang'])],
  ['case.startForm', (c) => c.case.startForm({ sopId: ids.sopId }), allow(['kasi', 'kadis', 'admin'])],
  [
    'case.revealField',
    (c) => c.case.revealField({ caseId: ids.caseId, key: 'nama' }),
    { kasi: 200, kadis: 200, admin: 200, perancang: 404 },
  ],
  ['case.search', (c) => c.case.search({ q: 'Kasus' }), allow(['kasi', 'kadis', 'admin', 'perancang'])],
  ['task.inbox', (c) => c.task.inbox(), allow(['kasi', 'kadis', 'admin', 'perancang'])],
  [
    'task.get',
    (c) => c.task.get({ taskId: ids.taskId }),
    { kasi: 200, kadis: 200, admin: 200, perancang: 404 },
  ],
  [
    'task.colleagues',
    (c) => c.task.colleagues({ taskId: ids.taskId }),
    { kasi: 200, kadis: 200, admin: 200, perancang: 404 },
  ],
  [
    'task.claim',
    async (c) => c.task.claim({ taskId: (await freshTask()).taskId }),
    { kasi: 200, kadis: 403, admin: 403, perancang: 404 },
  ],
  [
    'task.release',
    async (c) => {
      const { taskId } = await freshTask();
      await (await app.as('kasi')).task.claim({ taskId });
      return c.task.release({ taskId });
    },
    { kasi: 200, kadis: 409, admin: 200, perancang: 404 },
  ],
  [
    'task.reassign',
    async (c) => {
      const { taskId } = await freshTask();
      await (await app.as('kasi')).task.claim({ taskId });
      return c.task.reassign({ taskId, toUserId: ids.userId });
    },
    { kasi: 200, kadis: 409, admin: 200, perancang: 404 },
  ],
  [
    'task.complete',
    async (c) => c.task.complete({ taskId: (await freshTask()).taskId }),
    { kasi: 200, kadis: 403, admin: 403, perancang: 404 },
  ],
  ['notification.list', (c) => c.notification.list(), allow(['kasi', 'kadis', 'admin', 'perancang'])],
  [
    'notification.unreadCount',
    (c) => c.notification.unreadCount(),
    allow(['kasi', 'kadis', 'admin', 'perancang']),
  ],
  [
    'notification.markRead',
    (c) => c.notification.markRead({}),
    allow(['kasi', 'kadis', 'admin', 'perancang']),
  ],
  ['report.evaluation', (c) => c.report.evaluation(), allow(['kadis', 'admin'])],
  [
    'letter.generate',
    async (c) => c.letter.generate({ taskId: (await freshTask()).taskId }),
    { kasi: 200, kadis: 403, admin: 403, perancang: 404 },
  ],
  [
    'letter.forTask',
    (c) => c.letter.forTask({ taskId: ids.taskId }),
    { kasi: 200, kadis: 200, admin: 200, perancang: 404 },
  ],
  ['letter.register', (c) => c.letter.register({}), allow(['kadis', 'admin'])],
  ['letter.setup', (c) => c.letter.setup({ sopId: ids.sopId }), allow(['admin'])],
  [
    'letter.uploadTemplate',
    async (c) =>
      c.letter.uploadTemplate({
        sopId: ids.sopId,
        nodeId: 'a',
        fileName: 'surat.docx',
        contentBase64: Buffer.from(await buildWordTemplate(['{nomor_surat} {kasus.nomor}'])).toString(
          'base64',
        ),
      }),
    allow(['admin']),
  ],
  [
    'letter.removeTemplate',
    async (c) => {
      const created = await (await app.as('admin')).sop.create({ name: 'Tanpa surat', document: doc });
      return c.letter.removeTemplate({ sopId: created.sopId, nodeId: 'a' });
    },
    allow(['admin']),
  ],
  [
    'letter.updateOutput',
    (c) =>
      c.letter.updateOutput({
        sopId: ids.sopId,
        nodeId: 'a',
        kode: '470',
        format: null,
        subject: 'Surat',
        recipientField: null,
        signer: null,
      }),
    allow(['admin']),
  ],
  [
    'letter.updateSettings',
    (c) => c.letter.updateSettings({ format: '{kode}/{urut:4}/{tahun}', unit: 'Dinsos' }),
    allow(['admin']),
  ],
  ['admin.users.list', (c) => c.admin.users.list(), allow(['admin'])],
  [
    'admin.users.create',
    (c) =>
      c.admin.users.create({
        username: unique(),
        displayName: 'Baru',
        password: 'sandi-panjang-sekali',
        permissions: ['staff'],
        positions: [],
      }),
    allow(['admin']),
  ],
  [
    'admin.users.update',
    (c) => c.admin.users.update({ userId: ids.userId, displayName: 'Kepala Seksi' }),
    allow(['admin']),
  ],
  [
    'admin.users.resetPassword',
    (c) => c.admin.users.resetPassword({ userId: ids.userId, password: 'alur-demo-baru-1' }),
    allow(['admin']),
  ],
  ['admin.positions.list', (c) => c.admin.positions.list(), allow(['kasi', 'kadis', 'admin', 'perancang'])],
  [
    'admin.positions.upsert',
    (c) => c.admin.positions.upsert({ key: 'tksk', name: 'TKSK', supervisorKey: 'kasi' }),
    allow(['admin']),
  ],
  [
    'admin.positions.remove',
    async (c) => {
      const key = unique();
      await (await app.as('admin')).admin.positions.upsert({ key, name: 'Sementara', supervisorKey: null });
      return c.admin.positions.remove({ key });
    },
    allow(['admin']),
  ],
  ['admin.calendar.get', (c) => c.admin.calendar.get({ year: 2026 }), allow(['kadis', 'admin'])],
  [
    'admin.calendar.update',
    (c) =>
      c.admin.calendar.update({
        timeZone: 'Asia/Jakarta',
        hours: {
          1: { start: '07:30', end: '16:00' },
          2: { start: '07:30', end: '16:00' },
          3: { start: '07:30', end: '16:00' },
          4: { start: '07:30', end: '16:00' },
          5: { start: '07:30', end: '11:30' },
          6: null,
          7: null,
        },
      }),
    allow(['admin']),
  ],
  [
    'admin.calendar.setHoliday',
    (c) =>
      c.admin.calendar.setHoliday({ date: '2026-12-24', name: 'Cuti Bersama Natal', kind: 'cuti_bersama' }),
    allow(['admin']),
  ],
  [
    'admin.calendar.removeEntry',
    (c) => c.admin.calendar.removeEntry({ date: '2026-12-31' }),
    allow(['admin']),
  ],
  [
    'admin.cases.migrationPreview',
    async (c) =>
      c.admin.cases.migrationPreview({ caseId: (await freshTask()).caseId, toVersionId: ids.versionId }),
    allow(['admin']),
  ],
  [
    'admin.cases.migrate',
    async (c) => c.admin.cases.migrate({ caseId: (await freshTask()).caseId, toVersionId: ids.versionId }),
    allow(['admin']),
  ],
];

/** Reachable without signing in; the live inbox subscription is checked over HTTP (http.test.ts). */
const PUBLIC_OR_ELSEWHERE = [
  'auth.demoAccounts',
  'auth.login',
  'auth.logout',
  'auth.me',
  'task.onInboxChange',
];

it('covers every procedure of the API', () => {
  // biome-ignore lint/suspicious/noExplicitAny: reading the router's procedure table
  const all = Object.keys((appRouter as any)._def.procedures).sort();
  expect([...matrix.map(([name]) => name), ...PUBLIC_OR_ELSEWHERE].sort()).toEqual(all);
});

describe('authorisation', () => {
  for (const [name, call, answers] of matrix) {
    for (const username of ROLES) {
      const expected = answers[username];
      it(`${name} as ${username} answers ${expected}`, async () => {
        const caller = await app.as(username);
        const status = await call(caller).then(
          () => 200,
          (error: unknown) => {
            if (!(error instanceof TRPCError)) throw error;
            return getHTTPStatusCodeFromError(error);
          },
        );
        expect(status).toBe(expected);
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
