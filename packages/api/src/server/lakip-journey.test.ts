import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeed } from '../seeds/load-seeds.ts';
import { createHttpClient, serveOnLoopback, signIn } from '../testing/http-client.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

/*
 * The Tegal LAKIP SOP over real HTTP, six users:
 *   sekdin starts the case → kadis r1 → kabid r2 → kasi r3 → staf r4 → kasi r5
 *   → kabid r6 "tidak" → kasi r5 again → kabid r6 "ya" → kadis r7 "ya" → kabid r8 → kasi r9
 *   → staf r10 → end; peksos never sees a task; kadis (leader) sees it in the report.
 */
let app: TestApp;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  app = await createTestApp([loadSeed('tegal-lakip')]);
  ({ base, close } = await serveOnLoopback(app.deps));
});
afterAll(async () => {
  await close();
  await app.close();
});

type Client = Awaited<ReturnType<typeof signIn>>['client'];

async function completeOnly(user: Client, expectedNode: string, outcome?: 'ya' | 'tidak') {
  const { tasks } = await user.task.inbox.query();
  expect(tasks.map((t) => t.nodeId)).toEqual([expectedNode]);
  const task = tasks[0]!;
  await user.task.claim.mutate({ taskId: task.id });
  return user.task.complete.mutate({
    taskId: task.id,
    outcome,
    note: outcome === 'tidak' ? 'Perbaiki tabel capaian' : undefined,
  });
}

describe('LAKIP journey over HTTP', () => {
  it('runs to the end through six users with one tidak loop', async () => {
    const [sekdin, kadis, kabid, kasi, staf, peksos] = await Promise.all(
      ['sekdin', 'kadis', 'kabid', 'kasi', 'staf', 'peksos'].map(async (u) => (await signIn(base, u)).client),
    );
    const sop = (await sekdin!.sop.list.query()).find((s) => s.name.includes('LAKIP'))!;
    const started = await sekdin!.case.start.mutate({
      sopId: sop.id,
      title: 'LAKIP 2026',
      idempotencyKey: 'lakip-2026-start',
    });
    expect(started.number).toMatch(/^\d{4}\/\d{6}$/);
    // A double-submitted start form gives back the same case.
    expect(
      await sekdin!.case.start.mutate({
        sopId: sop.id,
        title: 'LAKIP 2026',
        idempotencyKey: 'lakip-2026-start',
      }),
    ).toEqual(started);

    await completeOnly(kadis!, 'r1');
    await completeOnly(kabid!, 'r2');
    await completeOnly(kasi!, 'r3');
    await completeOnly(staf!, 'r4');
    await completeOnly(kasi!, 'r5');
    await completeOnly(kabid!, 'r6', 'tidak');
    await completeOnly(kasi!, 'r5');
    await completeOnly(kabid!, 'r6', 'ya');
    await completeOnly(kadis!, 'r7', 'ya');
    await completeOnly(kabid!, 'r8');
    await completeOnly(kasi!, 'r9');
    expect((await peksos!.task.inbox.query()).tasks).toEqual([]);
    const last = await completeOnly(staf!, 'r10');
    expect(last.caseStatus).toBe('completed');

    const detail = await kadis!.case.get.query({ caseId: started.caseId });
    expect(detail.case.status).toBe('completed');
    expect(detail.tasks.filter((t) => t.nodeId === 'r5').map((t) => t.attempt)).toEqual([1, 2]);
    expect(detail.tasks.find((t) => t.outcome === 'tidak')?.note).toBe('Perbaiki tabel capaian');
    const actions = detail.events.map((e) => e.action);
    expect(actions[0]).toBe('case.started');
    expect(actions.at(-1)).toBe('case.completed');
    // Nine activities and three decisions were completed.
    expect(actions.filter((a) => a === 'task.completed').length).toBe(9);
    expect(actions.filter((a) => a === 'decision.made').length).toBe(3);

    await expect(peksos!.case.get.query({ caseId: started.caseId })).rejects.toMatchObject({
      data: { code: 'NOT_FOUND' },
    });
    const report = await kadis!.report.evaluation.query({ sopId: sop.id });
    expect(report.sops[0]).toMatchObject({ cases: 1, completedCases: 1, openTasks: 0 });
    expect(report.sops[0]!.steps.find((s) => s.nodeId === 'r5')).toMatchObject({ completed: 2, rowNo: 5 });
    // The report's percentiles are PostgreSQL's percentile_cont, computed from a histogram.
    const sqlPercentiles = await app.testDb.database.query<{ node_id: string; p50: number; p90: number }>(
      sql`select node_id, percentile_cont(0.5) within group (order by working_minutes) as p50,
                 percentile_cont(0.9) within group (order by working_minutes) as p90
          from tasks where status = 'completed' group by node_id`,
    );
    for (const row of sqlPercentiles) {
      const step = report.sops[0]!.steps.find((s) => s.nodeId === row.node_id)!;
      expect(step.medianMinutes).toBeCloseTo(Number(row.p50), 0);
      expect(step.p90Minutes).toBeCloseTo(Number(row.p90), 0);
    }
  });

  it('lets exactly one of 50 concurrent completions of a task win', async () => {
    const sekdin = (await signIn(base, 'sekdin')).client;
    const kadisClients = await Promise.all(Array.from({ length: 5 }, () => signIn(base, 'kadis')));
    const sop = (await sekdin.sop.list.query()).find((s) => s.name.includes('LAKIP'))!;
    const { caseId } = await sekdin.case.start.mutate({ sopId: sop.id, title: 'Balapan' });
    const task = (await kadisClients[0]!.client.task.inbox.query()).tasks.find((t) => t.caseId === caseId)!;
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        kadisClients[i % 5]!.client.task.complete.mutate({ taskId: task.id }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected')
        expect((r.reason as { data: { httpStatus: number } }).data.httpStatus).toBe(409);
    }
    const detail = await kadisClients[0]!.client.case.get.query({ caseId });
    expect(detail.tasks.filter((t) => t.nodeId === 'r1')).toHaveLength(1);
    expect(detail.tasks.filter((t) => t.nodeId === 'r2')).toHaveLength(1);
    expect(detail.events.filter((e) => e.action === 'task.completed')).toHaveLength(1);
  });

  it('refuses a stale draft save with a conflict and keeps the saved draft', async () => {
    const a = (await signIn(base, 'perancang')).client;
    const b = (await signIn(base, 'admin')).client;
    const sop = (await a.sop.list.query()).find((s) => s.name.includes('LAKIP'))!;
    const draft = await a.sop.get.query({ sopId: sop.id });
    const mine = structuredClone(draft.document);
    mine.identity.nomor = '060/01/2026';
    const theirs = structuredClone(draft.document);
    theirs.identity.nomor = '060/99/2026';
    await b.sop.saveDraft.mutate({ sopId: sop.id, document: theirs, baseRevision: draft.revision });
    const err = await a.sop.saveDraft
      .mutate({ sopId: sop.id, document: mine, baseRevision: draft.revision })
      .catch((e) => e);
    expect(err.data).toMatchObject({
      code: 'CONFLICT',
      appCode: 'DRAFT_CONFLICT',
      details: { currentRevision: draft.revision + 1, updatedByName: 'Administrator (demo)' },
    });
    expect((await a.sop.get.query({ sopId: sop.id })).updatedByName).toBe('Administrator (demo)');
    expect((await a.sop.get.query({ sopId: sop.id })).document.identity.nomor).toBe('060/99/2026');
  });

  it('publishes only a valid draft, as admin, with signer and effective date', async () => {
    const admin = (await signIn(base, 'admin')).client;
    const perancang = (await signIn(base, 'perancang')).client;
    const sop = (await admin.sop.list.query()).find((s) => s.name.includes('LAKIP'))!;
    const signer = {
      jabatan: 'Kepala Dinas Sosial',
      nama: 'Dra. NURHAYATI, M.M',
      nip: '19700426 199001 2 001',
    };
    await expect(
      perancang.sop.publish.mutate({ sopId: sop.id, note: 'x', effectiveDate: '2026-12-01', signer }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    const draft = await admin.sop.get.query({ sopId: sop.id });
    const broken = structuredClone(draft.document);
    broken.edges = broken.edges.filter((e) => e.label !== 'tidak');
    const saved = await admin.sop.saveDraft.mutate({
      sopId: sop.id,
      document: broken,
      baseRevision: draft.revision,
    });
    const refused = await admin.sop.publish
      .mutate({ sopId: sop.id, note: 'rusak', effectiveDate: '2026-12-01', signer })
      .catch((e) => e);
    expect(refused.data.appCode).toBe('VALIDATION_FAILED');
    expect(refused.data.details.issues.map((i: { code: string }) => i.code)).toContain('DECISION_EXITS');
    await admin.sop.saveDraft.mutate({
      sopId: sop.id,
      document: draft.document,
      baseRevision: saved.revision,
    });
    const request = {
      sopId: sop.id,
      note: 'Revisi 2026',
      effectiveDate: '2026-12-01',
      signer,
      idempotencyKey: 'publish-lakip-2026',
    };
    const published = await admin.sop.publish.mutate(request);
    expect(published.number).toBe(2);
    // A retried publish (a lost response, a double click) does not publish a third version.
    expect(await admin.sop.publish.mutate(request)).toEqual(published);
    const versions = await admin.sop.versions.query({ sopId: sop.id });
    expect(versions.map((v) => v.number)).toEqual([2, 1]);
    expect(versions[0]).toMatchObject({ effectiveDate: '2026-12-01', note: 'Revisi 2026', signer });
    // Version 2 is not in effect before 1 December: new cases still start on version 1.
    expect((await admin.sop.list.query()).find((s) => s.id === sop.id)?.versionInEffect).toBe(1);
  });

  it('rejects a bad login without saying which part was wrong', async () => {
    const c = createHttpClient(base).client;
    const err = await c.auth.login.mutate({ username: 'tidak-ada', password: 'x' }).catch((e) => e);
    expect(err.message).toBe('Nama pengguna atau kata sandi salah.');
  });
});
