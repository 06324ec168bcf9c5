import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeMedian, computeWorkingRemaining, formatMinutes } from './duration.ts';

const units = { day: 'h', hour: 'j', minute: 'm' };

describe('formatMinutes', () => {
  it('shows minutes, hours and days with at most two units', () => {
    expect(formatMinutes(0, units)).toBe('0 m');
    expect(formatMinutes(45, units)).toBe('45 m');
    expect(formatMinutes(125, units)).toBe('2 j 5 m');
    expect(formatMinutes(60, units)).toBe('1 j');
    expect(formatMinutes(1440 * 3 + 240 + 7, units)).toBe('3 h 4 j');
  });

  it('formats a negative amount by its magnitude', () => {
    expect(formatMinutes(-90, units)).toBe('1 j 30 m');
  });

  it('never shows more than two units and only non-negative numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), (n) => {
        const text = formatMinutes(n, units);
        const numbers = text.split(' ').filter((_, i) => i % 2 === 0);
        expect(numbers.length).toBeLessThanOrEqual(2);
        for (const x of numbers) expect(Number(x)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('computeWorkingRemaining', () => {
  // Monday 22:00 WIB: the office is closed.
  const now = new Date('2026-11-23T15:00:00Z');

  it('has no target without a due date', () => {
    expect(computeWorkingRemaining(null, now, null)).toEqual({ kind: 'none' });
  });

  it('shows the working minutes the server counted, not the clock time to the due date', () => {
    // Due Tuesday 07:40 WIB: nine hours away by the clock, ten minutes of office time.
    expect(computeWorkingRemaining('2026-11-24T00:40:00Z', now, 10)).toEqual({ kind: 'left', minutes: 10 });
  });

  it('is late once the due date has passed, even before the next refresh', () => {
    expect(computeWorkingRemaining('2026-11-23T14:59:00Z', now, 1)).toEqual({ kind: 'overdue', minutes: 1 });
    expect(computeWorkingRemaining('2026-11-23T09:00:00Z', now, -120)).toEqual({
      kind: 'overdue',
      minutes: 120,
    });
  });
});

describe('computeMedian', () => {
  it('takes the middle value or the mean of the two middle values', () => {
    expect(computeMedian([])).toBeNull();
    expect(computeMedian([5, 1, 3])).toBe(3);
    expect(computeMedian([4, 1, 3, 2])).toBe(2.5);
  });
});
