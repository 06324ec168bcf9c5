import { randomUUID } from 'node:crypto';
import { parseDocument, type SopDocument, type Waktu } from '@alur/schema';
import { and, desc, eq, lte, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { caseCounters, cases, sopVersions, tasks } from '../db/schema.ts';
import { AppError, type AppErrorKind, notFound } from '../errors.ts';
import type { AppDeps } from '../trpc/context.ts';
import { createCaseState, decide } from './decide.ts';
import { writeEffects } from './store-effects.ts';
import type { Actor, CaseState, DecideResult, EngineCommand, EngineErrorCode, TaskState } from './types.ts';

/**
 * The engine's thin IO layer: load the case under a row lock, call the pure `decide`, write the
 * result, in one transaction. The lock on the case row serialises commands on a case across
 * server processes; a second completion of a task then sees it completed and is rejected.
 */

export type DueDateFn = (waktu: Waktu | null, from: Date) => Date | null;
/** The agency's working calendar as the engine needs it. */
export interface AgencyClock {
  computeDueAt: DueDateFn;
  /** Working minutes between two instants (stored on completion for the evaluation report). */
  workingMinutesBetween: (a: Date, b: Date) => number;
}
/** Resolves the agency's working calendar inside the transaction. */
export type CalendarLoader = (tx: Tx, agencyId: string) => Promise<AgencyClock>;

const documentCache = new Map<string, SopDocument>();

/** Published versions are immutable, so their parsed documents are cached by version id. */
export async function loadVersionDocument(tx: Db | Tx, versionId: string): Promise<SopDocument> {
  const cached = documentCache.get(versionId);
  if (cached) return cached;
  const [row] = await tx
    .select({ document: sopVersions.document })
    .from(sopVersions)
    .where(eq(sopVersions.id, versionId));
  if (!row) throw notFound('Versi SOP', 'SOP version');
  const parsed = parseDocument(row.document);
  if (!parsed.ok) throw new Error(`published version ${versionId} does not parse`);
  if (documentCache.size > 500) documentCache.clear();
  documentCache.set(versionId, parsed.document);
  return parsed.document;
}

export interface EngineIo {
  deps: AppDeps;
  loadCalendar: CalendarLoader;
}

/** Starts a case of an SOP on its newest version in effect; returns its id and readable number. */
export async function startCase(
  io: EngineIo,
  tx: Tx,
  input: { actor: Actor; agencyId: string; sopId: string; title: string; today: string },
): Promise<{ caseId: string; number: string }> {
  const [version] = await tx
    .select({ id: sopVersions.id })
    .from(sopVersions)
    .where(
      and(
        eq(sopVersions.sopId, input.sopId),
        eq(sopVersions.agencyId, input.agencyId),
        lte(sopVersions.effectiveDate, input.today),
      ),
    )
    .orderBy(desc(sopVersions.number))
    .limit(1);
  if (!version) {
    throw new AppError('BAD_REQUEST', 'NO_VERSION_IN_EFFECT', {
      id: 'SOP ini belum punya versi terbit yang berlaku hari ini.',
      en: 'This SOP has no published version in effect today.',
    });
  }
  const document = await loadVersionDocument(tx, version.id);
  const now = io.deps.now();
  const year = Number(input.today.slice(0, 4));
  const [counter] = await tx
    .insert(caseCounters)
    .values({ agencyId: input.agencyId, year, last: 1 })
    .onConflictDoUpdate({
      target: [caseCounters.agencyId, caseCounters.year],
      set: { last: sql`${caseCounters.last} + 1` },
    })
    .returning({ last: caseCounters.last });
  const number = `${year}/${String(counter!.last).padStart(6, '0')}`;
  const caseId = randomUUID();
  const clock = await io.loadCalendar(tx, input.agencyId);
  const result = decide(
    createCaseState(caseId),
    { type: 'case.start', actor: input.actor, title: input.title },
    document,
    { now, computeDueAt: clock.computeDueAt, newId: randomUUID },
  );
  const next = unwrap(result);
  await tx.insert(cases).values({
    id: caseId,
    agencyId: input.agencyId,
    sopId: input.sopId,
    versionId: version.id,
    number,
    title: input.title,
    status: next.next.status,
    engineState: { joins: next.next.joins, tokens: next.next.tokens },
    startedBy: input.actor.userId,
    startedAt: now.toISOString(),
    completedAt: next.next.status === 'completed' ? now.toISOString() : null,
  });
  await writeEffects(
    io,
    tx,
    { caseId, agencyId: input.agencyId, sopId: input.sopId, actor: input.actor, now, clock },
    next.effects,
    [],
  );
  return { caseId, number };
}

/**
 * Runs a task command (claim, release, reassign, complete) on the task's case. The case is found
 * from the task inside the locking statement itself, so the lock, the read of the case's tasks and
 * the visibility check cost one round trip. `canSee` decides whether the caller may see the task;
 * a task it may not see answers "not found", like one that does not exist.
 */
export async function runTaskCommand(
  io: EngineIo,
  tx: Tx,
  input: {
    agencyId: string;
    taskId: string;
    command: EngineCommand;
    canSee?: (task: typeof tasks.$inferSelect) => boolean;
  },
): Promise<{ caseId: string; state: CaseState }> {
  const caseOfTask = sql`(select ${tasks.caseId} from ${tasks} where ${tasks.id} = ${input.taskId} and ${tasks.agencyId} = ${input.agencyId})`;
  const [[row], taskRows] = await Promise.all([
    tx
      .select()
      .from(cases)
      .where(and(eq(cases.id, caseOfTask), eq(cases.agencyId, input.agencyId)))
      .for('update'),
    tx.select().from(tasks).where(eq(tasks.caseId, caseOfTask)).orderBy(tasks.createdAt, tasks.id),
  ]);
  const task = taskRows.find((t) => t.id === input.taskId);
  if (!row || !task || (input.canSee && !input.canSee(task))) throw notFound('Tugas', 'Task');
  return decideAndWrite(io, tx, row, taskRows, input.command);
}

/** Loads the case under `FOR UPDATE`, decides, writes. */
export async function runCaseCommand(
  io: EngineIo,
  tx: Tx,
  input: { agencyId: string; caseId: string; command: EngineCommand },
): Promise<{ caseId: string; state: CaseState }> {
  // The lock and the read of the case's tasks are sent together: on one connection they run in
  // order (the tasks are read once the lock is held), in one round trip on PostgreSQL.
  const [[row], taskRows] = await Promise.all([
    tx
      .select()
      .from(cases)
      .where(and(eq(cases.id, input.caseId), eq(cases.agencyId, input.agencyId)))
      .for('update'),
    selectCaseTasks(tx, input.caseId),
  ]);
  if (!row) throw notFound('Kasus', 'Case');
  return decideAndWrite(io, tx, row, taskRows, input.command);
}

async function decideAndWrite(
  io: EngineIo,
  tx: Tx,
  row: typeof cases.$inferSelect,
  taskRows: (typeof tasks.$inferSelect)[],
  command: EngineCommand,
): Promise<{ caseId: string; state: CaseState }> {
  const state = toCaseState(row, taskRows);
  const document = await loadVersionDocument(tx, row.versionId);
  const now = io.deps.now();
  const clock = await io.loadCalendar(tx, row.agencyId);
  const result = unwrap(
    decide(state, command, document, { now, computeDueAt: clock.computeDueAt, newId: randomUUID }),
  );
  await Promise.all([
    tx
      .update(cases)
      .set({
        status: result.next.status,
        engineState: { joins: result.next.joins, tokens: result.next.tokens },
        completedAt:
          result.next.status !== 'active' && row.status === 'active' ? now.toISOString() : row.completedAt,
        revision: row.revision + 1,
      })
      .where(eq(cases.id, row.id)),
    writeEffects(
      io,
      tx,
      { caseId: row.id, agencyId: row.agencyId, sopId: row.sopId, actor: command.actor, now, clock },
      result.effects,
      state.tasks,
    ),
  ]);
  return { caseId: row.id, state: result.next };
}

function selectCaseTasks(tx: Tx, caseId: string) {
  return tx.select().from(tasks).where(eq(tasks.caseId, caseId)).orderBy(tasks.createdAt, tasks.id);
}

function toCaseState(row: typeof cases.$inferSelect, taskRows: (typeof tasks.$inferSelect)[]): CaseState {
  const engineState = row.engineState as Pick<CaseState, 'joins' | 'tokens'>;
  return {
    id: row.id,
    status: row.status,
    tasks: taskRows.map(toTaskState),
    joins: engineState.joins,
    tokens: engineState.tokens,
  };
}

/** Rebuilds the engine's view of a case from its row and its tasks. */
export async function loadCaseState(tx: Tx, row: typeof cases.$inferSelect): Promise<CaseState> {
  return toCaseState(row, await selectCaseTasks(tx, row.id));
}

/** How engine refusals reach the client; the rest (stale or repeated commands) are conflicts. */
const ERROR_KINDS: Partial<Record<EngineErrorCode, AppErrorKind>> = {
  NOT_YOUR_POSITION: 'FORBIDDEN',
  TASK_NOT_FOUND: 'NOT_FOUND',
  CASE_NOT_FOUND: 'NOT_FOUND',
  DOCUMENT_INVALID: 'BAD_REQUEST',
  OUTCOME_REQUIRED: 'BAD_REQUEST',
  OUTCOME_NOT_ALLOWED: 'BAD_REQUEST',
};

function unwrap(result: DecideResult): Extract<DecideResult, { ok: true }> {
  if (result.ok) return result;
  const kind = ERROR_KINDS[result.error.code] ?? 'CONFLICT';
  throw new AppError(kind, result.error.code, result.error.message);
}

function toTaskState(r: typeof tasks.$inferSelect): TaskState {
  return {
    id: r.id,
    nodeId: r.nodeId,
    kind: r.kind,
    positionKey: r.positionKey,
    status: r.status,
    attempt: r.attempt,
    token: r.token,
    claimedBy: r.claimedBy,
    createdAt: new Date(r.createdAt).toISOString(),
    dueAt: r.dueAt ? new Date(r.dueAt).toISOString() : null,
    completedAt: r.completedAt ? new Date(r.completedAt).toISOString() : null,
    completedBy: r.completedBy,
    outcome: r.outcome,
    note: r.note,
  };
}
