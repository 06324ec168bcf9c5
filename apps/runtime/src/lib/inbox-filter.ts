import { computeTodayRange } from '@alur/schema/core';

/** The inbox filter as the screen holds it (and as it is kept in the URL). */
export interface InboxFilterState {
  sopId: string;
  positionKey: string;
  overdue: boolean;
  dueToday: boolean;
  claimedByMe: boolean;
}

export const EMPTY_FILTER: InboxFilterState = {
  sopId: '',
  positionKey: '',
  overdue: false,
  dueToday: false,
  claimedByMe: false,
};

export interface InboxInput {
  sopId?: string;
  positionKey?: string;
  overdue?: boolean;
  dueToday?: { from: string; to: string };
  claimedByMe?: boolean;
}

/** Turns the screen's filter into `task.inbox` input, leaving out what is not set. */
export function buildInboxInput(filter: InboxFilterState, zone: string, now: Date): InboxInput {
  const input: InboxInput = {};
  if (filter.sopId) input.sopId = filter.sopId;
  if (filter.positionKey) input.positionKey = filter.positionKey;
  if (filter.overdue) input.overdue = true;
  if (filter.dueToday) input.dueToday = computeTodayRange(now, zone);
  if (filter.claimedByMe) input.claimedByMe = true;
  return input;
}

/** Reads a filter from URL query parameters (unknown values are ignored). */
export function parseFilterParams(params: URLSearchParams): InboxFilterState {
  return {
    sopId: params.get('sop') ?? '',
    positionKey: params.get('pos') ?? '',
    overdue: params.get('overdue') === '1',
    dueToday: params.get('today') === '1',
    claimedByMe: params.get('mine') === '1',
  };
}

/** Writes a filter as URL query parameters; the inverse of `parseFilterParams`. */
export function formatFilterParams(filter: InboxFilterState): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.sopId) params.set('sop', filter.sopId);
  if (filter.positionKey) params.set('pos', filter.positionKey);
  if (filter.overdue) params.set('overdue', '1');
  if (filter.dueToday) params.set('today', '1');
  if (filter.claimedByMe) params.set('mine', '1');
  return params;
}

/** Number of active filters, for the collapsed filter button on phones. */
export function countActiveFilters(filter: InboxFilterState): number {
  return [filter.sopId, filter.positionKey, filter.overdue, filter.dueToday, filter.claimedByMe].filter(
    Boolean,
  ).length;
}
