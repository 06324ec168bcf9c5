import { buildGraph, matchForksAndJoins, type SopDocument, type SopGraph } from '@alur/schema';
import { cloneCaseState } from './case-state.ts';
import type {
  Actor,
  AuditAction,
  CaseState,
  EngineContext,
  EngineEffect,
  SentBack,
  TaskState,
  TaskStatus,
} from './types.ts';

/**
 * One `decide` call in progress: a private copy of the state that the command changes, the
 * document's graph, and the effects collected so far. Never shared between calls.
 */
export interface Run {
  doc: SopDocument;
  graph: SopGraph;
  /** join node id → the fork it closes. */
  forkOf: Map<string, string>;
  ctx: EngineContext;
  actor: Actor;
  state: CaseState;
  effects: EngineEffect[];
  /** Set while a "tidak" moves the case on: a step reached again is marked as sent back by it. */
  sentBack?: SentBack;
}

/**
 * A document's graph and fork/join pairs, built once per document object: the store caches parsed
 * published versions, so a busy SOP's graph is built once, not on every command. Documents are
 * never mutated (decide only reads them), which is what makes the cache safe.
 */
const graphs = new WeakMap<SopDocument, { graph: SopGraph; forkOf: Map<string, string> }>();

function graphOf(doc: SopDocument) {
  let hit = graphs.get(doc);
  if (!hit) {
    const graph = buildGraph(doc);
    hit = { graph, forkOf: matchForksAndJoins(graph).forkOf };
    graphs.set(doc, hit);
  }
  return hit;
}

/** Starts a run on a copy of `state`. */
export function createRun(state: CaseState, doc: SopDocument, ctx: EngineContext, actor: Actor): Run {
  const { graph, forkOf } = graphOf(doc);
  return {
    doc,
    graph,
    forkOf,
    ctx,
    actor,
    state: cloneCaseState(state),
    effects: [],
  };
}

/** Records an audit event; `who` is always the acting user. */
export function emitAudit(
  run: Run,
  action: AuditAction,
  at: { taskId?: string | null; nodeId?: string | null },
  data: Record<string, unknown> = {},
): void {
  run.effects.push({
    type: 'audit',
    action,
    taskId: at.taskId ?? null,
    nodeId: at.nodeId ?? null,
    data: { userId: run.actor.userId, ...data },
  });
}

/** The audit reference of a task. */
export function atTask(task: Pick<TaskState, 'id' | 'nodeId'>): { taskId: string; nodeId: string } {
  return { taskId: task.id, nodeId: task.nodeId };
}

/** Replaces a task row with `changes` applied and emits `task.updated` with a snapshot. */
export function updateTask(run: Run, taskId: string, changes: Partial<TaskState>): TaskState {
  const index = run.state.tasks.findIndex((t) => t.id === taskId);
  const previous = run.state.tasks[index]!;
  const next: TaskState = { ...previous, ...changes };
  run.state.tasks[index] = next;
  run.effects.push({
    type: 'task.updated',
    task: { ...next },
    previousStatus: previous.status as TaskStatus,
  });
  return next;
}
