import { describeForm, waktuToNominalMinutes } from '@alur/schema';
import { and, asc, desc, eq } from 'drizzle-orm';
import { assertMay, loadVisibleCase, toActor, visibleCasesWhere } from '../auth/policy.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { workingMinutesBetween } from '../calendar/index.ts';
import type { Db } from '../db/client.ts';
import { auditEvents, cases, sops, tasks, users } from '../db/schema.ts';
import { uuidv7 } from '../db/uuid7.ts';
import type { AppDeps } from '../deps.ts';
import type { AlurEvent } from '../engine/core/types.ts';
import { type CachedCase, caseCacheOf } from '../engine/store/case-cache.ts';
import { loadVersionDocument, startCase } from '../engine/store/store.ts';
import { todayInAgency } from './agency-time.ts';
import { loadAgencyClock, loadWorkingCalendar } from './calendar.ts';
import { checkSubmission, maskedCaseData } from './case-data.ts';
import { currentStepsOf } from './case-search.ts';
import { attachStagedFiles, listCaseFiles, stagedFilesOf } from './files/case-files.ts';
import { withIdempotency } from './idempotency.ts';
import { listCaseLetters } from './letters/letter-register.ts';
import { startingVersion } from './start-form.ts';
import { formatTrackingCode, generateTrackingCode } from './tracking/tracking-code.ts';

/**
 * Starts a case on the SOP's version in effect with its start form's `data`; the first task lands
 * in its lane's inbox. The data is checked against the start form (400 INVALID_FORM_DATA naming
 * each field, nothing written); files staged for the start form (`POST /api/files` with `sopId`)
 * are named by id in their file fields and join the case in the same transaction.
 */
export async function startCaseForUser(
  deps: AppDeps,
  user: SessionUser,
  input: { sopId: string; title: string; data?: Record<string, unknown>; idempotencyKey?: string },
) {
  assertMay(user, 'startCases');
  let started: AlurEvent | null = null;
  let after: CachedCase | null = null;
  const answer = await withIdempotency(
    deps.database.db,
    user.id,
    input.idempotencyKey,
    'case.start',
    async (tx) => {
      const now = deps.now();
      const { today, version, startNodeId: startId } = await startingVersion(tx, user, input.sopId, now);
      const caseId = uuidv7(now.getTime());
      const staged = await stagedFilesOf(tx, user, input.sopId);
      const checked = startId
        ? checkSubmission({
            document: version.document,
            nodeId: startId,
            data: input.data ?? {},
            current: {},
            filesByField: new Map(),
            allowedFileIds: (field) => new Set(staged.filter((f) => f.field === field).map((f) => f.fileId)),
            currentYear: Number(today.slice(0, 4)),
            taskId: null,
          })
        : { patch: {}, fileIds: [], audits: [] };
      const {
        event,
        after: cached,
        ...result
      } = await startCase(tx, {
        now,
        clock: await loadAgencyClock(tx, user.agencyId),
        actor: toActor(user),
        agencyId: user.agencyId,
        sopId: input.sopId,
        version,
        caseId,
        title: input.title,
        data: checked.patch,
        dataAudits: checked.audits,
        trackingCode: generateTrackingCode(),
        today,
      });
      await attachStagedFiles(tx, { user, caseId, fileIds: checked.fileIds, at: now });
      started = event;
      after = cached;
      return { ...result, trackingCode: formatTrackingCode(result.trackingCode) };
    },
  );
  // Committed: the first task's position hears of it, and its first command needs no read.
  if (after) caseCacheOf(deps.database).put(after);
  if (started) deps.bus.announce(started);
  return answer;
}

/** The start form of the SOP's version in effect today, for a client to render. */
export async function getStartForm(db: Db, user: SessionUser, sopId: string, now: Date) {
  assertMay(user, 'startCases');
  const { version, startNodeId: nodeId } = await startingVersion(db, user, sopId, now);
  return {
    sopId,
    versionId: version.id,
    nodeId,
    form: nodeId ? describeForm(version.document, nodeId) : [],
  };
}

/** A case with its tasks (every attempt), audit timeline and actual vs standard time per step. */
export async function getCase(db: Db, user: SessionUser, caseId: string, now: Date) {
  const row = await loadVisibleCase(db, user, caseId);
  const document = await loadVersionDocument(db, row.versionId);
  const calendar = await loadWorkingCalendar(db, row.agencyId);
  const taskRows = await db
    .select({ task: tasks, claimedByName: users.displayName })
    .from(tasks)
    .leftJoin(users, eq(users.id, tasks.claimedBy))
    .where(eq(tasks.caseId, row.id))
    .orderBy(asc(tasks.createdAt));
  const events = await db
    .select({ event: auditEvents, actorName: users.displayName })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(eq(auditEvents.caseId, row.id))
    .orderBy(asc(auditEvents.id));
  const [sop] = await db.select({ name: sops.name }).from(sops).where(eq(sops.id, row.sopId));
  const { data, trackingCode, ...caseRow } = row;
  return {
    case: { ...caseRow, sopName: sop?.name ?? '' },
    /** The case file's values; personal ones masked (`case.revealField` shows one, audited). */
    data: maskedCaseData(document.dataFields, data),
    document,
    tasks: taskRows.map(({ task, claimedByName }) => {
      const node = document.nodes.find((n) => n.id === task.nodeId);
      const end = task.completedAt ? new Date(task.completedAt) : now;
      return {
        ...task,
        claimedByName,
        kegiatan: node?.kegiatan ?? '',
        standardMinutes: node?.mutuBaku.waktu ? waktuToNominalMinutes(node.mutuBaku.waktu) : null,
        waktu: node?.mutuBaku.waktu ?? null,
        actualWorkingMinutes: Math.round(workingMinutesBetween(new Date(task.createdAt), end, calendar)),
        onTime: task.dueAt === null ? null : end <= new Date(task.dueAt),
      };
    }),
    events: events.map(({ event, actorName }) => ({ ...event, actorName })),
    /** Documents attached to the case (bytes at `GET /api/files/<fileId>`). */
    files: await listCaseFiles(db, row.id),
    /** Numbered letters in force (DOCX at `GET /api/files/<fileId>`), see docs/letters.md. */
    letters: await listCaseLetters(db, row.id),
    /** The public tracking code ("K7QF-…"); null for an older case until its receipt is printed. */
    trackingCode: trackingCode ? formatTrackingCode(trackingCode) : null,
  };
}

/** Cases the user may see: the whole agency for leaders/admins, else those they took part in. */
export async function listCases(
  db: Db,
  user: SessionUser,
  input: { status?: 'active' | 'completed' | 'cancelled'; sopId?: string; limit?: number; offset?: number },
) {
  const conditions = [visibleCasesWhere(user)];
  if (input.status) conditions.push(eq(cases.status, input.status));
  if (input.sopId) conditions.push(eq(cases.sopId, input.sopId));
  const rows = await db
    .select({
      id: cases.id,
      number: cases.number,
      title: cases.title,
      status: cases.status,
      sopId: cases.sopId,
      sopName: sops.name,
      startedAt: cases.startedAt,
      completedAt: cases.completedAt,
      versionId: cases.versionId,
    })
    .from(cases)
    .innerJoin(sops, eq(sops.id, cases.sopId))
    .where(and(...conditions))
    .orderBy(desc(cases.startedAt))
    .limit(Math.min(input.limit ?? 50, 200))
    .offset(input.offset ?? 0);
  const current = await currentStepsOf(db, rows);
  return rows.map(({ versionId: _, ...row }) => ({ ...row, currentStep: current.get(row.id) ?? null }));
}

export { todayInAgency };
