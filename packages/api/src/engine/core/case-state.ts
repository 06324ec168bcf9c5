import type { CaseState, TaskState } from './types.ts';

/** The token every case starts with; parallel branches get child tokens. */
export const ROOT_TOKEN = 'root';

/** A fresh, active case that has not yet walked from its start node. */
export function createCaseState(caseId: string): CaseState {
  return {
    id: caseId,
    status: 'active',
    tasks: [],
    joins: {},
    tokens: { [ROOT_TOKEN]: { parent: null, forkNodeId: null } },
  };
}

/** True while a task waits for work: open in the inbox or claimed by someone. */
export function isTaskOpen(task: Pick<TaskState, 'status'>): boolean {
  return task.status === 'open' || task.status === 'claimed';
}

/** Tasks still to be worked (status open or claimed), in creation order. */
export function findOpenTasks(state: CaseState): TaskState[] {
  return state.tasks.filter(isTaskOpen);
}

/** Deep copy, so `decide` never changes the state it was given. */
export function cloneCaseState(state: CaseState): CaseState {
  return {
    id: state.id,
    status: state.status,
    tasks: state.tasks.map((t) => ({ ...t })),
    joins: Object.fromEntries(Object.entries(state.joins).map(([k, v]) => [k, [...v]])),
    tokens: Object.fromEntries(Object.entries(state.tokens).map(([k, v]) => [k, { ...v }])),
    ...(state.earlierVisits ? { earlierVisits: { ...state.earlierVisits } } : {}),
  };
}
