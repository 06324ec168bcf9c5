import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildInboxInput,
  countActiveFilters,
  EMPTY_FILTER,
  formatFilterParams,
  parseFilterParams,
} from './inbox-filter.ts';

const now = new Date('2026-11-23T03:00:00Z');

describe('buildInboxInput', () => {
  it('sends nothing for the empty filter', () => {
    expect(buildInboxInput(EMPTY_FILTER, 'Asia/Jakarta', now)).toEqual({});
  });

  it('sends each set filter, with today in the agency zone', () => {
    const input = buildInboxInput(
      { sopId: 'x', positionKey: 'staf', overdue: true, dueToday: true, claimedByMe: true },
      'Asia/Jakarta',
      now,
    );
    expect(input).toEqual({
      sopId: 'x',
      positionKey: 'staf',
      overdue: true,
      dueToday: { from: '2026-11-23T00:00:00+07:00', to: '2026-11-24T00:00:00+07:00' },
      claimedByMe: true,
    });
  });
});

describe('filter URL parameters', () => {
  const filterArb = fc.record({
    sopId: fc.oneof(fc.constant(''), fc.uuid()),
    positionKey: fc.oneof(fc.constant(''), fc.stringMatching(/^[a-z][a-z0-9_-]{0,10}$/)),
    overdue: fc.boolean(),
    dueToday: fc.boolean(),
    claimedByMe: fc.boolean(),
  });

  it('round-trips any filter through the URL', () => {
    fc.assert(
      fc.property(filterArb, (filter) => {
        const params = new URLSearchParams(formatFilterParams(filter).toString());
        expect(parseFilterParams(params)).toEqual(filter);
      }),
    );
  });

  it('counts the active filters', () => {
    fc.assert(
      fc.property(filterArb, (filter) => {
        expect(countActiveFilters(filter)).toBe([...formatFilterParams(filter).keys()].length);
      }),
    );
  });
});
