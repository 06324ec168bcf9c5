import { and, eq } from 'drizzle-orm';
import { toActor } from '../auth/policy.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { Db, Tx } from '../db/client.ts';
import { queryOf, runStatements } from '../db/raw.ts';
import { cases, sopVersions } from '../db/schema.ts';
import type { AppDeps } from '../deps.ts';
import { canMigrate, migrateCaseState } from '../engine/core/index.ts';
import type { AlurEvent } from '../engine/core/types.ts';
import { caseCacheOf } from '../engine/store/case-cache.ts';
import { toCaseChanges } from '../engine/store/case-changes.ts';
import { caseWriteStatement } from '../engine/store/case-writer.ts';
import { loadCaseState, loadVersionDocument, rethrowLostRace } from '../engine/store/store.ts';
import { AppError, notFound } from '../errors.ts';
import { loadAgencyClock } from './calendar.ts';

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
  const clock = await loadAgencyClock(deps.database.db, admin.agencyId);
  let moved: AlurEvent | null = null;
  const answer = await deps.database.db
    .transaction(async (tx) => {
      const t = await loadTarget(tx, admin, input.caseId, input.toVersionId, true);
      const actor = toActor(admin);
      const result = migrateCaseState(t.state, t.fromDoc, t.toDoc, actor, { toVersion: t.version.number });
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
      // The same writer as every other command: moved tasks (guarded), the case row with its new
      // version and revision, the audit event.
      const { changes, event } = toCaseChanges(
        { caseId: t.row.id, agencyId: admin.agencyId, sopId: t.row.sopId, actor, now, clock },
        { next: result.next, versionId: t.version.id },
        result.effects,
        t.state.tasks,
        'case.changed',
      );
      await runStatements(queryOf(tx), [caseWriteStatement(changes)]);
      moved = event;
      return { ok: true as const, versionNumber: t.version.number };
    })
    .catch(rethrowLostRace);
  // Committed: the inboxes of the positions the tasks left and joined hear of it, and this process
  // forgets the case as it was on the old version.
  caseCacheOf(deps.database).forget(input.caseId);
  if (moved) deps.bus.announce(moved);
  return answer;
}
