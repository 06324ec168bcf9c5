import type { WorkingCalendar } from './working-calendar.ts';
import { workingMinutesBetween } from './working-time.ts';

const MS_PER_MINUTE = 60_000;

/**
 * Working minutes from `from` to each of many instants (negative for those before it), the same
 * values as `workingMinutesBetween(from, instant)` one by one. The instants are walked in order
 * outwards from `from`, adding the working time between neighbours, so the days between `from`
 * and the farthest instant are scanned once instead of once per instant: an inbox page of tasks
 * due a year ago costs one year of days, not fifty. Working time adds up exactly in milliseconds
 * (a period split at an instant is the two halves), so the sums equal the direct values.
 */
export function workingMinutesFrom(
  from: Date,
  instants: readonly number[],
  cal: WorkingCalendar,
): Map<number, number> {
  const origin = from.getTime();
  const distinct = [...new Set(instants)].sort((a, b) => a - b);
  const out = new Map<number, number>();
  const msBetween = (a: number, b: number) =>
    Math.round(workingMinutesBetween(new Date(a), new Date(b), cal) * MS_PER_MINUTE);
  // Before `from`: nearest first, going back.
  let total = 0;
  let previous = origin;
  for (let i = distinct.length - 1; i >= 0; i--) {
    const at = distinct[i]!;
    if (at >= origin) continue;
    total += msBetween(at, previous);
    previous = at;
    out.set(at, -total / MS_PER_MINUTE);
  }
  // From `from` on: nearest first, going forward.
  total = 0;
  previous = origin;
  for (const at of distinct) {
    if (at < origin) continue;
    total += msBetween(previous, at);
    previous = at;
    out.set(at, total / MS_PER_MINUTE);
  }
  return out;
}
