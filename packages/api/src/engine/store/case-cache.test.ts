import { describe, expect, it } from 'vitest';
import type { TaskState } from '../core/types.ts';
import { type CachedCase, CaseCache, caseCacheCapacity } from './case-cache.ts';

function task(id: string): TaskState {
  return {
    id,
    nodeId: 'a1',
    kind: 'activity',
    positionKey: 'kasi',
    status: 'open',
    attempt: 1,
    token: 'root',
    claimedBy: null,
    createdAt: '2026-12-01T01:00:00.000Z',
    dueAt: null,
    completedAt: null,
    completedBy: null,
    outcome: null,
    note: null,
  };
}

function entry(caseId: string, revision: number, taskIds: string[], agencyId = 'ag-1'): CachedCase {
  return {
    row: {
      id: caseId,
      agencyId,
      sopId: 'sop',
      versionId: 'v1',
      status: 'active',
      engineState: { joins: {}, tokens: {} },
      completedAt: null,
      startedBy: 'u1',
      revision,
    },
    state: {
      id: caseId,
      status: 'active',
      tasks: taskIds.map(task),
      joins: {},
      tokens: {},
      earlierVisits: {},
    },
  };
}

describe('the case cache', () => {
  it('finds a case by any of its live tasks, once: taken out, a second command reads the case', () => {
    const cache = new CaseCache(10);
    cache.put(entry('c1', 2, ['t1', 't2']));
    expect(cache.take('t2', 'ag-1')?.row.revision).toBe(2);
    expect(cache.take('t1', 'ag-1')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('never hands a case to another agency', () => {
    const cache = new CaseCache(10);
    cache.put(entry('c1', 2, ['t1']));
    expect(cache.take('t1', 'ag-2')).toBeUndefined();
    expect(cache.take('t1', 'ag-1')).toBeDefined();
  });

  it('keeps the newer revision when two commands on a case report out of order', () => {
    const cache = new CaseCache(10);
    cache.put(entry('c1', 4, ['t4']));
    cache.put(entry('c1', 3, ['t3']));
    expect(cache.take('t3', 'ag-1')).toBeUndefined();
    expect(cache.take('t4', 'ag-1')?.row.revision).toBe(4);
  });

  it('replaces a case with its next revision, forgetting the tasks it no longer has live', () => {
    const cache = new CaseCache(10);
    cache.put(entry('c1', 2, ['t1']));
    cache.put(entry('c1', 3, ['t2']));
    expect(cache.take('t1', 'ag-1')).toBeUndefined();
    expect(cache.take('t2', 'ag-1')?.row.revision).toBe(3);
  });

  it('forgets the case put longest ago when full', () => {
    const cache = new CaseCache(2);
    cache.put(entry('c1', 2, ['t1']));
    cache.put(entry('c2', 2, ['t2']));
    cache.put(entry('c3', 2, ['t3']));
    expect(cache.size).toBe(2);
    expect(cache.take('t1', 'ag-1')).toBeUndefined();
    expect(cache.take('t2', 'ag-1')).toBeDefined();
    expect(cache.take('t3', 'ag-1')).toBeDefined();
  });

  it('remembers nothing with capacity 0 (ALUR_CASE_CACHE=0)', () => {
    const cache = new CaseCache(0);
    cache.put(entry('c1', 2, ['t1']));
    expect(cache.take('t1', 'ag-1')).toBeUndefined();
  });

  it('reads ALUR_CASE_CACHE, and refuses a value that is not a whole number ≥ 0 by name', () => {
    expect(caseCacheCapacity({})).toBe(5_000);
    expect(caseCacheCapacity({ ALUR_CASE_CACHE: '0' })).toBe(0);
    expect(caseCacheCapacity({ ALUR_CASE_CACHE: '200' })).toBe(200);
    expect(() => caseCacheCapacity({ ALUR_CASE_CACHE: 'banyak' })).toThrow(
      /ALUR_CASE_CACHE="banyak" tidak sah/,
    );
    expect(() => caseCacheCapacity({ ALUR_CASE_CACHE: '-1' })).toThrow(/ALUR_CASE_CACHE/);
  });
});
