import type { EdgeLabel, SopEdge, SopNode } from '@alur/schema';
import { findOpenTasks, ROOT_TOKEN } from './case-state.ts';
import { type EngineFailure, failDocumentInvalid } from './errors.ts';
import { atTask, emitAudit, type Run } from './run.ts';
import type { TaskState } from './types.ts';

/** A token arriving at a node. */
interface Arrival {
  nodeId: string;
  token: string;
}

/**
 * Moves `token` out of `node` (the start, or a step just completed) and on through the graph until
 * every path rests at a new task, a waiting join or the end. Returns a failure when the document
 * cannot be run (validation forbids such documents; the engine refuses rather than crashes).
 */
export function advanceFrom(
  run: Run,
  node: SopNode,
  token: string,
  outcome?: EdgeLabel,
): EngineFailure | null {
  const exit = pickExit(run, node, outcome);
  if ('ok' in exit) return exit;
  return walk(run, [{ nodeId: exit.target, token }]);
}

function pickExit(run: Run, node: SopNode, outcome?: EdgeLabel): SopEdge | EngineFailure {
  const outs = run.graph.outgoing.get(node.id) ?? [];
  if (node.type === 'decision') {
    const edge = outs.find((e) => e.label === outcome);
    return (
      edge ??
      failDocumentInvalid(
        node.id,
        `keputusan tidak punya jalur "${outcome}".`,
        `the decision has no "${outcome}" exit.`,
      )
    );
  }
  if (outs.length !== 1) {
    return failDocumentInvalid(
      node.id,
      `harus ada tepat satu panah keluar (ada ${outs.length}).`,
      `exactly one outgoing arrow is required (found ${outs.length}).`,
    );
  }
  return outs[0]!;
}

function walk(run: Run, pending: Arrival[]): EngineFailure | null {
  // A cycle made only of forks/joins would never rest at a task: bound the work per command.
  let budget = 4 * (run.graph.nodes.size + run.doc.edges.length) + 16;
  while (pending.length > 0) {
    const { nodeId, token } = pending.shift()!;
    if (budget-- <= 0) {
      return failDocumentInvalid(
        nodeId,
        'alur berputar tanpa langkah kerja.',
        'the flow cycles without any work step.',
      );
    }
    const node = run.graph.nodes.get(nodeId);
    if (!node) return failDocumentInvalid(nodeId, 'langkah tidak ada.', 'the step does not exist.');
    let failure: EngineFailure | null = null;
    switch (node.type) {
      case 'activity':
      case 'decision':
        failure = createTask(run, node, token);
        break;
      case 'fork':
        failure = splitAtFork(run, node, token, pending);
        break;
      case 'join':
        failure = arriveAtJoin(run, node, token, pending);
        break;
      case 'end':
        failure = reachEnd(run, node, token);
        break;
      case 'start':
        failure = failDocumentInvalid(
          node.id,
          'tidak boleh ada panah kembali ke Mulai.',
          'no arrow may lead back to the start.',
        );
        break;
    }
    if (failure) return failure;
  }
  return null;
}

/** Creates the task of a step for its lane's position; attempt counts earlier visits of the node. */
function createTask(run: Run, node: SopNode, token: string): EngineFailure | null {
  const lane = run.doc.lanes.find((l) => l.id === node.laneId);
  if (!lane || lane.kind === 'unbound') {
    return failDocumentInvalid(
      node.id,
      'lajurnya belum dikaitkan dengan jabatan.',
      'its lane is not bound to a position.',
    );
  }
  const now = run.ctx.now;
  const due = run.ctx.computeDueAt(node.mutuBaku.waktu, now);
  const task: TaskState = {
    id: run.ctx.newId(),
    nodeId: node.id,
    kind: node.type === 'decision' ? 'decision' : 'activity',
    positionKey: lane.kind === 'position' ? lane.positionKey : lane.recordedBy,
    status: 'open',
    attempt:
      run.state.tasks.filter((t) => t.nodeId === node.id).length +
      (run.state.earlierVisits?.[node.id] ?? 0) +
      1,
    token,
    claimedBy: null,
    createdAt: now.toISOString(),
    dueAt: due ? due.toISOString() : null,
    completedAt: null,
    completedBy: null,
    outcome: null,
    note: null,
  };
  run.state.tasks.push(task);
  // A step done before and reached again through a "tidak" says why it came back.
  const sentBack = task.attempt > 1 && run.sentBack ? { ...run.sentBack } : undefined;
  run.effects.push(
    sentBack
      ? { type: 'task.created', task: { ...task }, sentBack }
      : { type: 'task.created', task: { ...task } },
  );
  emitAudit(run, 'task.created', atTask(task), {
    attempt: task.attempt,
    positionKey: task.positionKey,
    dueAt: task.dueAt,
    ...(sentBack ? { sentBack } : {}),
  });
  return null;
}

/** One child token per outgoing branch; the parent waits at the matching join. */
function splitAtFork(run: Run, node: SopNode, token: string, pending: Arrival[]): EngineFailure | null {
  const outs = run.graph.outgoing.get(node.id) ?? [];
  if (outs.length === 0)
    return failDocumentInvalid(node.id, 'percabangan tanpa cabang.', 'a fork without branches.');
  for (const edge of outs) {
    const child = run.ctx.newId();
    run.state.tokens[child] = { parent: token, forkNodeId: node.id };
    pending.push({ nodeId: edge.target, token: child });
  }
  return null;
}

/**
 * A branch token of this join's fork waits here until every sibling has arrived; then the branches
 * end and the parent token stands at the join (and is processed like any arrival, which also covers
 * a branch that looped back through its own fork). A token that was not split by this fork — a loop
 * from after the join back into one branch — passes straight through: only that branch is redone.
 */
function arriveAtJoin(run: Run, node: SopNode, token: string, pending: Arrival[]): EngineFailure | null {
  const forkId = run.forkOf.get(node.id);
  if (!forkId) {
    return failDocumentInvalid(
      node.id,
      'penggabungan tidak menutup percabangan mana pun.',
      'the join closes no fork.',
    );
  }
  const info = run.state.tokens[token];
  if (!info || info.forkNodeId !== forkId || info.parent === null) {
    const exit = pickExit(run, node);
    if ('ok' in exit) return exit;
    pending.push({ nodeId: exit.target, token });
    return null;
  }
  const parent = info.parent;
  const key = `${node.id}|${parent}`;
  const arrived = [...(run.state.joins[key] ?? []), token];
  const siblings = Object.entries(run.state.tokens)
    .filter(([, t]) => t.parent === parent && t.forkNodeId === forkId)
    .map(([id]) => id);
  if (!siblings.every((s) => arrived.includes(s))) {
    run.state.joins[key] = arrived;
    return null;
  }
  delete run.state.joins[key];
  for (const s of siblings) delete run.state.tokens[s];
  pending.push({ nodeId: node.id, token: parent });
  return null;
}

/** Only the root token may finish the case; a branch reaching an end escaped its join. */
function reachEnd(run: Run, node: SopNode, token: string): EngineFailure | null {
  if (token !== ROOT_TOKEN) {
    return failDocumentInvalid(
      node.id,
      'cabang paralel mencapai Selesai sebelum bergabung.',
      'a parallel branch reaches the end before its join.',
    );
  }
  if (findOpenTasks(run.state).length > 0) {
    return failDocumentInvalid(
      node.id,
      'Selesai dicapai saat masih ada tugas terbuka.',
      'the end is reached while tasks are still open.',
    );
  }
  run.state.status = 'completed';
  run.state.tokens = {};
  run.state.joins = {};
  run.effects.push({ type: 'case.completed' });
  emitAudit(run, 'case.completed', { nodeId: node.id });
  return null;
}
