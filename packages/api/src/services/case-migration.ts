import { and, eq } from 'drizzle-orm';
import type { SessionUser } from '../auth/sessions.ts';
import type { Db, Tx } from '../db/client.ts';
import { auditEvents, cases, sopVersions, tasks } from '../db/schema.ts';
import { canMigrate, migrateCaseState } from '../engine/core/index.ts';
import { loadCaseState, loadVersionDocument } from '../engine/store/store.ts';
import { AppError, notFound } from '../errors.ts';
import type { AppDeps } from '../trpc/context.ts';
import { toActor } from './tasks.ts';

async function loadTarget(tx: Tx, admin: SessionUser, caseId: string, toVersionId: string, lock: boolean) {
  const query = tx
    .select()
    .from(cases)
    .where(and(eq(cases.id, caseId), eq(cases.agencyId, admin.agencyId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('Kasus', 'Case');
  const [version] = await tx
    .select({ id: sopVersions.id, sopId: sopVersions.sopId, number: sopVersions.number })
    .from(sopVersions)
    .where(and(eq(sopVersions.id, toVersionId), eq(sopVersions.agencyId, admin.agencyId)));
  if (!version || version.sopId !== row.sopId) throw notFound('Versi SOP', 'SOP version');
  if (row.status !== 'active') {
    throw new AppError('CONFLICT', 'CASE_NOT_ACTIVE', {
      id: 'Hanya kasus yang masih berjalan yang dapat dipindahkan.',
      en: 'Only running cases can be migrated.',
    });
  }
  const state = await loadCaseState(tx, row);
  const fromDoc = await loadVersionDocument(tx, row.versionId);
  const toDoc = await loadVersionDocument(tx, version.id);
  return { row, version, state, fromDoc, toDoc };
}

/** Whether a running case can move to another version, and which current steps block it. */
export async function previewMigration(
  db: Db,
  admin: SessionUser,
  input: { caseId: string; toVersionId: string },
) {
  return db.transaction(async (tx) => {
    const t = await loadTarget(tx, admin, input.caseId, input.toVersionId, false);
    return canMigrate(t.state, t.fromDoc, t.toDoc);
  });
}

/** Moves a running case to another version of its SOP (DOMAIN §4), in one transaction. */
export async function migrateCase(
  deps: AppDeps,
  admin: SessionUser,
  input: { caseId: string; toVersionId: string },
) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const t = await loadTarget(tx, admin, input.caseId, input.toVersionId, true);
    const result = migrateCaseState(t.state, t.fromDoc, t.toDoc, toActor(admin), {
      toVersion: t.version.number,
    });
    if (!result.ok) {
      throw new AppError(
        'CONFLICT',
        'MIGRATION_BLOCKED',
        {
          id: `Kasus tidak dapat dipindahkan: langkah ${result.missingNodeIds.join(', ')} tidak ada di versi ${t.version.number}.`,
          en: `The case cannot move: steps ${result.missingNodeIds.join(', ')} do not exist in version ${t.version.number}.`,
        },
        { missingNodeIds: result.missingNodeIds },
      );
    }
    for (const e of result.effects) {
      if (e.type === 'task.updated') {
        await tx.update(tasks).set({ positionKey: e.task.positionKey }).where(eq(tasks.id, e.task.id));
      } else if (e.type === 'audit') {
        await tx.insert(auditEvents).values({
          agencyId: admin.agencyId,
          actorId: admin.id,
          action: e.action,
          sopId: t.row.sopId,
          caseId: t.row.id,
          data: e.data,
          at: now.toISOString(),
        });
      }
    }
    await tx
      .update(cases)
      .set({ versionId: t.version.id, revision: t.row.revision + 1 })
      .where(eq(cases.id, t.row.id));
    await deps.bus.publish(tx, {
      type: 'case.changed',
      agencyId: admin.agencyId,
      positionKeys: [...new Set(result.next.tasks.map((x) => x.positionKey))],
      caseId: t.row.id,
    });
    return { ok: true as const, versionNumber: t.version.number };
  });
}
