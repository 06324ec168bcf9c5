/**
 * PostgreSQL's `percentile_cont(p)` over a distribution given as [value, count] pairs: the value
 * at position p·(n − 1) of the sorted list, interpolated linearly between its neighbours.
 * Null for an empty distribution.
 */
export function percentileCont(
  distribution: readonly (readonly [number, number])[],
  p: number,
): number | null {
  const sorted = distribution.filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const position = p * (total - 1);
  const lower = Math.floor(position);
  const valueAt = (index: number): number => {
    let seen = 0;
    for (const [value, n] of sorted) {
      seen += n;
      if (index < seen) return value;
    }
    return sorted[sorted.length - 1]![0];
  };
  const a = valueAt(lower);
  const b = valueAt(Math.min(lower + 1, total - 1));
  return a + (b - a) * (position - lower);
}
