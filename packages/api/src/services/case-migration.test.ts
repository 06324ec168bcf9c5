import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDoc } from '../engine/core/testing/build-doc.ts';
import type { AlurEvent } from '../engine/core/types.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

/*
 *  v1   kasi lane:  (s) → [a] → (e)
 *  v2   kabid lane: (s) → [a] → (e)      the same steps; the lane now belongs to the kabid
 */
const v1 = buildDoc({
  lanes: { l: 'position:kasi' },
  nodes: { s: 'start@l', a: 'activity@l 1 jam', e: 'end@l' },
  flows: ['s > a > e'],
});
const v2 = buildDoc({
  lanes: { l: 'position:kabid' },
  nodes: { s: 'start@l', a: 'activity@l 1 jam', e: 'end@l' },
  flows: ['s > a > e'],
});

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp([{ slug: 'pindah', document: v1 }]);
});
afterAll(async () => {
  await app.close();
});

describe('case migration', () => {
  it('moves the open task through the case writer: new position, new version, revision, audit, live event', async () => {
    const kasi = await app.as('kasi');
    const admin = await app.as('admin');
    const [sop] = await kasi.sop.list();
    const { caseId } = await kasi.case.start({ sopId: sop!.id, title: 'Pindah' });
    const draft = await admin.sop.get({ sopId: sop!.id });
    await admin.sop.saveDraft({ sopId: sop!.id, document: v2, baseRevision: draft.revision });
    const { versionId } = await admin.sop.publish({
      sopId: sop!.id,
      note: 'jabatan baru',
      effectiveDate: '2026-01-01',
      signer: { jabatan: 'Kepala Dinas', nama: 'N', nip: '' },
    });
    const events: AlurEvent[] = [];
    const stop = app.deps.bus.subscribe((e) => events.push(e));
    const before = await app.deps.database.query<{ revision: number }>(
      sql`select revision from cases where id = ${caseId}`,
    );

    await expect(admin.admin.cases.migrate({ caseId, toVersionId: versionId })).resolves.toEqual({
      ok: true,
      versionNumber: 2,
    });

    const [row] = await app.deps.database.query<{ version_id: string; revision: number }>(
      sql`select version_id, revision from cases where id = ${caseId}`,
    );
    expect(row).toEqual({ version_id: versionId, revision: before[0]!.revision + 1 });
    const open = await app.deps.database.query<{ position_key: string }>(
      sql`select position_key from tasks where case_id = ${caseId} and status = 'open'`,
    );
    expect(open).toEqual([{ position_key: 'kabid' }]);
    const [audit] = await app.deps.database.query<{ action: string; data: { toVersion: number } }>(
      sql`select action, data from audit_events where case_id = ${caseId} order by id desc limit 1`,
    );
    expect(audit).toMatchObject({ action: 'case.migrated', data: { toVersion: 2 } });
    // Announced after COMMIT to the inbox the task left and the one it joined.
    await expect
      .poll(() => events.find((e) => e.type === 'case.changed' && e.caseId === caseId)?.positionKeys.sort())
      .toEqual(['kabid', 'kasi']);
    stop();
    expect((await kasi.task.inbox()).tasks.map((t) => t.caseId)).not.toContain(caseId);
    expect((await (await app.as('kabid')).task.inbox()).tasks.map((t) => t.caseId)).toContain(caseId);
  });
});
