import { parseDocument, type SopDocument } from '@alur/schema';
import { and, desc, eq, lte, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import {
  EXPECTATION_FAILED,
  type Query,
  queryOf,
  runStatements,
  type Statement,
  sqlState,
} from '../../db/raw.ts';
import { caseCounters, sopVersions, toIsoInstant } from '../../db/schema.ts';
import { uuidv7 } from '../../db/uuid7.ts';
import { AppError, type AppErrorKind, notFound } from '../../errors.ts';
import { isTaskOpen } from '../core/case-state.ts';
import { createCaseState, decide } from '../core/decide.ts';
import type {
  Actor,
  AgencyClock,
  AlurEvent,
  CaseState,
  DecideResult,
  EngineCommand,
  EngineErrorCode,
  TaskState,
} from '../core/types.ts';
import type { CachedCase } from './case-cache.ts';
import { toCaseChanges } from './case-changes.ts';
import { type AuditEntry, type CaseChanges, caseWriteStatement } from './case-writer.ts';
import {
  type CaseRow,
  type CaseTasks,
  type CaseWithTasksRow,
  LIVE_TASK_FIELDS,
  LOCK_CASE,
  LOCK_CASE_WITH_TASKS,
  TASKS_OF_CASE,
  type TaskRow,
  VERSION_DOCUMENT,
} from './sql.ts';

/**
 * The engine's thin IO layer: load the case under a row lock, call the pure `decide`, write the
 * result, in one transaction. The lock on the case row serialises commands on a case across
 * server processes; a second completion of a task then sees it completed and is rejected.
 *
 * A command is planned (read under the lock, decide) and its writes are returned as one statement,
 * so the caller can send them together with COMMIT (`Database.transact`: two round trips per
 * command on PostgreSQL) or run them inside a transaction it already holds (`runStatements`).
 *
 * A task command on a case this process changed last can also be planned without reading
 * (`planCachedTaskCommand`, from `CaseCache`): its writes then update the case only at the
 * revision it was planned on, the guard that stands in for the lock (one round trip).
 */

const documentCache = new Map<string, SopDocument>();

/** Published versions are immutable, so their parsed documents are cached by version id. */
export async function loadVersionDocument(source: Db | Tx | Query, versionId: string): Promise<SopDocument> {
  const cached = documentCache.get(versionId);
  if (cached) return cached;
  const q = typeof source === 'function' ? source : queryOf(source);
  const [row] = await q<{ document: unknown }>(VERSION_DOCUMENT, [versionId]);
  if (!row) throw notFound('Versi SOP', 'SOP version');
  const parsed = parseDocument(row.document);
  if (!parsed.ok) throw new Error(`published version ${versionId} does not parse`);
  if (documentCache.size > 500) documentCache.clear();
  documentCache.set(versionId, parsed.document);
  return parsed.document;
}

/** The newest published version of an SOP in effect on `today` (the agency's date), or a 400. */
export async function versionInEffect(
  tx: Db | Tx,
  input: { agencyId: string; sopId: string; today: string },
): Promise<{ id: string; document: SopDocument }> {
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
  return { id: version.id, document: await loadVersionDocument(tx, version.id) };
}

/**
 * Starts a case on `version` (see `versionInEffect`) with its start form's cleaned `data`;
 * returns its id and readable number. `dataAudits` are written with the start's own events.
 */
export async function startCase(
  tx: Tx,
  input: {
    actor: Actor;
    agencyId: string;
    sopId: string;
    version: { id: string; document: SopDocument };
    title: string;
    data?: Record<string, unknown>;
    dataAudits?: AuditEntry[];
    /** The public tracking code (canonical form), minted by the caller. */
    trackingCode: string;
    today: string;
    now: Date;
    clock: AgencyClock;
    /** The new case's id (the caller may need it before the start, e.g. to attach files). */
    caseId?: string;
  },
): Promise<{
  caseId: string;
  number: string;
  trackingCode: string;
  event: AlurEvent;
  /** The case as this start leaves it, for the case cache once the caller's transaction commits. */
  after: CachedCase | null;
}> {
  const { now, clock, version } = input;
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
  const caseId = input.caseId ?? uuidv7();
  const result = decide(
    createCaseState(caseId),
    { type: 'case.start', actor: input.actor, title: input.title },
    version.document,
    { now, computeDueAt: clock.computeDueAt, newId: () => uuidv7(now.getTime()) },
  );
  const started = unwrap(result);
  const scope = { caseId, agencyId: input.agencyId, sopId: input.sopId, actor: input.actor, now, clock };
  const { changes, event } = toCaseChanges(
    scope,
    {
      next: started.next,
      start: {
        versionId: version.id,
        number,
        title: input.title,
        data: input.data ?? {},
        trackingCode: input.trackingCode,
      },
    },
    started.effects,
    [],
  );
  changes.audits.push(...(input.dataAudits ?? []));
  await runStatements(queryOf(tx), [caseWriteStatement(changes)]);
  const inserted = changes.newCase!;
  const after =
    started.next.status === 'active'
      ? cachedAfter(
          {
            id: caseId,
            agencyId: input.agencyId,
            sopId: input.sopId,
            versionId: version.id,
            status: inserted.status,
            engineState: inserted.engineState,
            completedAt: null,
            startedBy: inserted.startedBy,
            // The row's first revision is 1 (the schema's default).
            revision: 0,
          },
          inserted.engineState,
          started.next,
        )
      : null;
  return { caseId, number, trackingCode: input.trackingCode, event, after };
}

/**
 * What a command does to the case file beside its engine step (the form of a completed task):
 * a patch of values and their audit events. Runs under the case's lock, after the engine has
 * accepted the command; throwing refuses the whole command.
 */
export type CaseDataAmendment = (context: {
  q: Query;
  document: SopDocument;
  caseRow: CaseRow;
  /** The task the command acted on, as the engine left it. */
  task: TaskState | null;
}) => Promise<{ data: Record<string, unknown> | null; audits: AuditEntry[] }>;

/** What a task or case command will do: its outcome, and the writes that make it so. */
export interface CommandPlan {
  caseId: string;
  state: CaseState;
  /** What the command changes, by name (what `writes` says in SQL). */
  changes: CaseChanges;
  /** The command's writes, one statement; send it with COMMIT or run it with `runStatements`. */
  writes: Statement[];
  /** What to announce to the live inboxes once the writes have committed. */
  event: AlurEvent;
  /**
   * The case as it will be once the writes have committed, for the process's case cache (without
   * the case file's values); null when the command ended the case.
   */
  after: CachedCase | null;
}

/**
 * Plans a task command (claim, release, reassign, complete) on the task's case: finds the case from
 * the task inside the locking statement, which also returns the case's tasks read after the lock
 * (one statement, `LOCK_CASE_WITH_TASKS`), decides, and returns the writes. `canSee` decides whether
 * the caller may see the task; a task it may not see answers "not found", like one that does not
 * exist.
 */
export async function planTaskCommand(
  q: Query,
  input: {
    agencyId: string;
    taskId: string;
    command: EngineCommand;
    now: Date;
    clock: AgencyClock;
    canSee?: (task: TaskState) => boolean;
    amend?: CaseDataAmendment;
  },
): Promise<CommandPlan> {
  const locked = await readCaseOfTask(q, input.taskId, input.agencyId);
  return planOnTaskOfCase(q, locked, input);
}

/**
 * The case of task `taskId`, locked (`LOCK_CASE_WITH_TASKS`), as a task command plans on it: the
 * row, the live tasks (open, claimed, and `taskId` itself) in created order (ties by id, as
 * PostgreSQL orders uuids: their lowercase hex text sorts the same), the finished rest counted by
 * step (`earlierVisits`). Undefined when there is no such task in the agency. A case cached by
 * `CaseCache` is what this would read, but for the case file's values (case-cache.store.test.ts).
 */
export async function readCaseOfTask(
  q: Query,
  taskId: string,
  agencyId: string,
): Promise<CaseAsRead | undefined> {
  const [locked] = await q<CaseWithTasksRow>(LOCK_CASE_WITH_TASKS, [taskId, agencyId]);
  if (!locked) return undefined;
  const { tasks: read, ...row } = locked;
  const { live, done } = (typeof read === 'string' ? JSON.parse(read) : read) as CaseTasks;
  const tasks = live.sort(byCreatedThenId).map(liveTaskState);
  const earlierVisits: Record<string, number> = {};
  for (const nodeId of done) earlierVisits[nodeId] = (earlierVisits[nodeId] ?? 0) + 1;
  return { row, state: { ...toCaseState(row, tasks), earlierVisits } };
}

/** A case as `readCaseOfTask` reads it (a cached case is the same without the case file's values). */
export interface CaseAsRead {
  row: CaseRow;
  state: CachedCase['state'];
}

/**
 * Thrown by `planCachedTaskCommand` where its plan would need to read (a statement, or the case
 * file's values, which the cache does not keep): the command reads instead.
 */
class NeedsRead extends Error {}
const noReads: Query = () => Promise.reject(new NeedsRead('a cached plan reads nothing'));

/**
 * Plans a task command from the process's cached case (`CaseCache.take`), without reading: its
 * writes update the case only at the cached revision. Any refusal (the task is not live here, the
 * engine or the case file refuse it, a read would be needed) is thrown; the caller then plans the
 * command again with `planTaskCommand`, on what a fresh read says.
 */
export async function planCachedTaskCommand(
  cached: CachedCase,
  input: Parameters<typeof planTaskCommand>[1],
): Promise<CommandPlan> {
  // A completion whose form checks the case file's values needs them: it reads the case instead.
  const row = Object.defineProperty({ ...cached.row }, 'data', {
    get() {
      throw new NeedsRead('the case cache keeps no case file values');
    },
  }) as CaseRow;
  return planOnTaskOfCase(noReads, { row, state: cached.state }, input);
}

/** A task the caller may not see answers "not found", like one that does not exist. */
async function planOnTaskOfCase(
  q: Query,
  read: CaseAsRead | undefined,
  input: Parameters<typeof planTaskCommand>[1],
): Promise<CommandPlan> {
  const task = read?.state.tasks.find((t) => t.id === input.taskId);
  if (!read || !task || (input.canSee && !input.canSee(task))) throw notFound('Tugas', 'Task');
  return planOnCase(q, read.row, read.state, input);
}

const CREATED_AT = LIVE_TASK_FIELDS.indexOf('createdAt');
const ID = LIVE_TASK_FIELDS.indexOf('id');

/** `tasks.live` entries by creation (ISO 8601 UTC text of one width: sorts as the instants do), then id. */
export function byCreatedThenId(a: unknown[], b: unknown[]): number {
  return byCreatedThenIdOf(String(a[CREATED_AT]), String(a[ID]), String(b[CREATED_AT]), String(b[ID]));
}

function byCreatedThenIdOf(x: string, i: string, y: string, j: string): number {
  if (x !== y) return x < y ? -1 : 1;
  return i < j ? -1 : i > j ? 1 : 0;
}

/** A `tasks.live` entry of `LOCK_CASE_WITH_TASKS` (fields in `LIVE_TASK_FIELDS` order) as the engine's task. */
function liveTaskState(fields: unknown[]): TaskState {
  const r = Object.fromEntries(LIVE_TASK_FIELDS.map((k, i) => [k, fields[i]])) as unknown as TaskRow;
  return toTaskState(r);
}

/**
 * Plans a command on a case itself (cancel): locks the case, then reads its tasks (sent after the
 * lock on the same connection, so they are read as the last command left them). The caller has
 * checked that the user may see and act on the case.
 */
export async function planCaseCommand(
  q: Query,
  input: { agencyId: string; caseId: string; command: EngineCommand; now: Date; clock: AgencyClock },
): Promise<CommandPlan> {
  const locking = q<CaseRow>(LOCK_CASE, [input.caseId, input.agencyId]);
  const reading = q<TaskRow>(TASKS_OF_CASE, [input.caseId]);
  const [[row], taskRows] = await Promise.all([locking, reading]);
  if (!row) throw notFound('Kasus', 'Case');
  return planOnCase(q, row, toCaseState(row, taskRows.map(toTaskState)), input);
}

/** Plans a command on the case `row` whose engine view is `state` (it is not changed). */
async function planOnCase(
  q: Query,
  row: CaseRow,
  state: CaseState,
  input: { command: EngineCommand; now: Date; clock: AgencyClock; amend?: CaseDataAmendment },
): Promise<CommandPlan> {
  const before = state.tasks;
  // Without an await when cached (the common case): one completion's promise chain the shorter.
  const document = documentCache.get(row.versionId) ?? (await loadVersionDocument(q, row.versionId));
  const { now, clock } = input;
  const result = unwrap(
    decide(state, input.command, document, {
      now,
      computeDueAt: clock.computeDueAt,
      newId: () => uuidv7(now.getTime()),
    }),
  );
  const command = input.command;
  const actedOn = 'taskId' in command ? result.next.tasks.find((t) => t.id === command.taskId) : undefined;
  const amended = input.amend
    ? await input.amend({ q, document, caseRow: row, task: actedOn ?? null })
    : null;
  const { changes, event } = toCaseChanges(
    { caseId: row.id, agencyId: row.agencyId, sopId: row.sopId, actor: input.command.actor, now, clock },
    { next: result.next, data: amended?.data ?? null, revision: row.revision },
    result.effects,
    before,
  );
  if (amended) changes.audits.push(...amended.audits);
  // One statement: the case, its tasks, their notifications and the audit events.
  const writes = [caseWriteStatement(changes)];
  // The case ended: its starter got a notification, so their live views refresh too.
  const ended = state.status === 'active' && result.next.status !== 'active';
  return {
    caseId: row.id,
    state: result.next,
    changes,
    writes,
    event: ended ? { ...event, userIds: [row.startedBy] } : event,
    after:
      result.next.status === 'active' && changes.caseUpdate
        ? cachedAfter(row, changes.caseUpdate.engineState, result.next)
        : null,
  };
}

/**
 * The case as the command's commit leaves it, as `planTaskCommand` would read it: the row with the
 * next revision and engine state (not the case file's values), the live tasks in created order and
 * the finished ones counted.
 */
function cachedAfter(row: Omit<CaseRow, 'data'>, engineState: unknown, next: CaseState): CachedCase {
  const earlierVisits = { ...next.earlierVisits };
  const live: TaskState[] = [];
  for (const t of next.tasks) {
    if (isTaskOpen(t)) live.push(t);
    else earlierVisits[t.nodeId] = (earlierVisits[t.nodeId] ?? 0) + 1;
  }
  live.sort((a, b) => byCreatedThenIdOf(a.createdAt, a.id, b.createdAt, b.id));
  const { id, agencyId, sopId, versionId, completedAt, startedBy } = row;
  return {
    row: {
      id,
      agencyId,
      sopId,
      versionId,
      completedAt,
      startedBy,
      status: next.status,
      engineState,
      revision: row.revision + 1,
    },
    state: {
      ...toCaseState(row, live),
      status: next.status,
      joins: next.joins,
      tokens: next.tokens,
      earlierVisits,
    },
  };
}

function toCaseState(row: Pick<CaseRow, 'id' | 'status' | 'engineState'>, tasks: TaskState[]): CaseState {
  const bookkeeping = row.engineState as Pick<CaseState, 'joins' | 'tokens'>;
  return { id: row.id, status: row.status, tasks, joins: bookkeeping.joins, tokens: bookkeeping.tokens };
}

/** Rebuilds the engine's view of a case from its row and its tasks. */
export async function loadCaseState(
  source: Db | Tx | Query,
  row: { id: string; status: CaseState['status']; engineState: unknown },
): Promise<CaseState> {
  const q = typeof source === 'function' ? source : queryOf(source);
  const tasks = (await q<TaskRow>(TASKS_OF_CASE, [row.id])).map(toTaskState);
  return toCaseState(row, tasks);
}

/**
 * SQLSTATEs of a transaction that lost a race and was rolled back whole, nothing of it saved: a
 * guarded write that found its row changed (`alur_expect_rows`), and the server's own deadlock and
 * serialization failures (a command holding its case's lock can meet the overdue sweeper's locks).
 */
const LOST_RACE = new Set([EXPECTATION_FAILED, '40P01', '40001']);

/**
 * A transaction that lost a race (`LOST_RACE`) becomes the same conflict the engine reports for a
 * stale command: reload and try again (409, not 500); anything else is rethrown as it is.
 */
export function rethrowLostRace(error: unknown): never {
  const state = sqlState(error);
  if (state !== undefined && LOST_RACE.has(state)) {
    throw new AppError('CONFLICT', 'TASK_CHANGED', {
      id: 'Tugas ini baru saja diubah oleh orang lain. Muat ulang lalu coba lagi.',
      en: 'This task was just changed by someone else. Reload and try again.',
    });
  }
  throw error;
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

function toTaskState(r: TaskRow): TaskState {
  return {
    id: r.id,
    nodeId: r.nodeId,
    kind: r.kind,
    positionKey: r.positionKey,
    status: r.status,
    attempt: r.attempt,
    token: r.token,
    claimedBy: r.claimedBy,
    createdAt: toIsoInstant(r.createdAt),
    dueAt: r.dueAt === null ? null : toIsoInstant(r.dueAt),
    completedAt: r.completedAt === null ? null : toIsoInstant(r.completedAt),
    completedBy: r.completedBy,
    outcome: r.outcome,
    note: r.note,
  };
}
