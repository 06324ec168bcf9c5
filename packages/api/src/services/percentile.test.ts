import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentileCont } from './percentile.ts';

/** The definition, on the expanded list: what PostgreSQL's percentile_cont computes. */
function naive(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

describe('percentileCont', () => {
  it('matches percentile_cont on examples', () => {
    expect(percentileCont([], 0.5)).toBeNull();
    expect(percentileCont([[10, 1]], 0.9)).toBe(10);
    expect(
      percentileCont(
        [
          [10, 1],
          [20, 1],
        ],
        0.5,
      ),
    ).toBe(15);
    expect(
      percentileCont(
        [
          [5, 3],
          [40, 1],
        ],
        0.9,
      ),
    ).toBeCloseTo(29.5);
  });

  it('equals the sort-based definition on any distribution', () => {
    const dist = fc.array(fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 20 })), {
      maxLength: 30,
    });
    fc.assert(
      fc.property(dist, fc.double({ min: 0, max: 1, noNaN: true }), (d, p) => {
        const values = d.flatMap(([v, n]) => Array.from({ length: n }, () => v));
        const got = percentileCont(d, p);
        const want = naive(values, p);
        if (want === null) expect(got).toBeNull();
        else expect(got).toBeCloseTo(want, 6);
      }),
    );
  });
});
