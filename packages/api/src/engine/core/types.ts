import type { EdgeLabel, SopDocument, Waktu } from '@alur/schema';

/**
 * The engine's pure data model. `decide` (decide.ts) maps (state, command, document, context) to
 * the next state plus effects; persistence (store.ts) loads/saves these shapes in one transaction.
 * Every timestamp is an ISO string; ids are strings minted by `ctx.newId()`.
 */

export type TaskStatus = 'open' | 'claimed' | 'completed' | 'cancelled';

export interface TaskState {
  id: string;
  /** The activity/decision node of the published version this task executes. */
  nodeId: string;
  kind: 'activity' | 'decision';
  /** The position whose inbox holds the task (external lanes: the recording position). */
  positionKey: string;
  status: TaskStatus;
  /** 1 for the first visit of this node in this case, 2 after a loop back, … */
  attempt: number;
  /** Parallel branch token: tasks of different branches of a fork carry different tokens. */
  token: string;
  claimedBy: string | null;
  createdAt: string;
  dueAt: string | null;
  completedAt: string | null;
  completedBy: string | null;
  outcome: EdgeLabel | null;
  note: string | null;
}

export type CaseStatus = 'active' | 'completed' | 'cancelled';

export interface CaseState {
  id: string;
  status: CaseStatus;
  /**
   * Every task ever created for the case (the history of attempts is kept) — or, when
   * `earlierVisits` is set, only the tasks a command can act on: the open and claimed ones and
   * the task the command names (the store reads no more on the hot path).
   */
  tasks: TaskState[];
  /**
   * Finished tasks left out of `tasks`, counted per node id: a step reached again gets the attempt
   * number that counting the whole history would give. The engine only reads it: `decide`'s next
   * state shares it with the state it was given.
   */
  earlierVisits?: Readonly<Record<string, number>>;
  /**
   * Parallel bookkeeping: for each join node waiting for branches, the tokens that arrived.
   * Keyed by `${joinNodeId}|${parentToken}`.
   */
  joins: Record<string, string[]>;
  /** Live tokens: token → parent token ('root' has none). */
  tokens: Record<string, { parent: string | null; forkNodeId: string | null }>;
}

export interface Actor {
  userId: string;
  /** Position keys the actor holds in the case's agency. */
  positions: string[];
  /** May act on any task of the agency (admin reassign, migration). */
  isAdmin?: boolean;
}

export type EngineCommand =
  | { type: 'case.start'; actor: Actor; title: string }
  | { type: 'task.claim'; actor: Actor; taskId: string }
  | { type: 'task.release'; actor: Actor; taskId: string }
  | { type: 'task.reassign'; actor: Actor; taskId: string; toUserId: string }
  | { type: 'task.complete'; actor: Actor; taskId: string; outcome?: EdgeLabel; note?: string }
  | { type: 'case.cancel'; actor: Actor; reason: string };

export interface EngineContext {
  now: Date;
  /** Due date of a step reached at `from`, on the agency's working calendar; null = no target. */
  computeDueAt: (waktu: Waktu | null, from: Date) => Date | null;
  /** Mints a new unique id (tests pass a counter). */
  newId: () => string;
  /** Position key that works the tasks of a lane (position lanes: its key; external: recordedBy). */
}

export type AuditAction =
  | 'case.started'
  | 'task.created'
  | 'task.claimed'
  | 'task.released'
  | 'task.reassigned'
  | 'task.completed'
  | 'decision.made'
  | 'case.completed'
  | 'case.cancelled'
  | 'case.migrated';

/** Why a step is worked again: the decision whose "tidak" sent the case back to it. */
export interface SentBack {
  /** The decision task completed with "tidak". */
  taskId: string;
  nodeId: string;
  /** The decision's note: what to fix (null when none was written). */
  note: string | null;
  /** Who decided. */
  by: string;
}

export type EngineEffect =
  | { type: 'task.created'; task: TaskState; sentBack?: SentBack }
  | { type: 'task.updated'; task: TaskState; previousStatus: TaskStatus }
  | { type: 'case.completed' }
  | { type: 'case.cancelled' }
  | {
      type: 'audit';
      action: AuditAction;
      taskId: string | null;
      nodeId: string | null;
      data: Record<string, unknown>;
    };

export type EngineErrorCode =
  | 'CASE_NOT_FOUND'
  | 'CASE_ALREADY_STARTED'
  | 'CASE_NOT_ACTIVE'
  | 'TASK_NOT_FOUND'
  | 'TASK_NOT_OPEN'
  | 'TASK_CLAIMED_BY_OTHER'
  | 'TASK_NOT_CLAIMED'
  | 'NOT_YOUR_POSITION'
  | 'OUTCOME_REQUIRED'
  | 'OUTCOME_NOT_ALLOWED'
  | 'DOCUMENT_INVALID';

export type DecideResult =
  | { ok: true; next: CaseState; effects: EngineEffect[] }
  | { ok: false; error: { code: EngineErrorCode; message: { id: string; en: string } } };

export type Decide = (
  state: CaseState | null,
  command: EngineCommand,
  document: SopDocument,
  ctx: EngineContext,
) => DecideResult;

/** Due date of a step reached at `from` on a working calendar; null = no target. */
export type DueDateFn = (waktu: Waktu | null, from: Date) => Date | null;

/** The agency's working calendar as the engine needs it. */
export interface AgencyClock {
  computeDueAt: DueDateFn;
  /** Working minutes between two instants (stored on completion for the evaluation report). */
  workingMinutesBetween: (a: Date, b: Date) => number;
}

/**
 * A change other users should see live (inbox, case page, notifications): what the store hands the
 * event bus once a command's writes have committed.
 */
export interface AlurEvent {
  type: 'task.changed' | 'case.changed' | 'notification.created' | 'calendar.changed';
  agencyId: string;
  /** Positions whose inboxes changed. */
  positionKeys: string[];
  /** Users addressed directly (the starter of a case that ended: their notifications changed). */
  userIds?: string[];
  caseId?: string;
  taskId?: string;
}
