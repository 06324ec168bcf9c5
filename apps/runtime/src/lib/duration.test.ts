import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeMedian, computeRemaining, formatMinutes } from './duration.ts';

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

describe('computeRemaining', () => {
  const now = new Date('2026-11-23T03:00:00Z');

  it('has no target without a due date', () => {
    expect(computeRemaining(null, now)).toEqual({ kind: 'none' });
  });

  it('counts minutes left before the due date', () => {
    expect(computeRemaining('2026-11-23T04:30:00Z', now)).toEqual({ kind: 'left', minutes: 90 });
  });

  it('counts minutes late after the due date, with an offset in the string', () => {
    expect(computeRemaining('2026-11-23T09:00:00+07:00', now)).toEqual({ kind: 'overdue', minutes: 60 });
  });
});

describe('computeMedian', () => {
  it('takes the middle value or the mean of the two middle values', () => {
    expect(computeMedian([])).toBeNull();
    expect(computeMedian([5, 1, 3])).toBe(3);
    expect(computeMedian([4, 1, 3, 2])).toBe(2.5);
  });
});
