import { instantOf, localClockOf, scanDays } from './local-days.ts';
import type { WorkingCalendar } from './working-calendar.ts';
import {
  addWorkingMinutes,
  nextWorkingMoment,
  previousWorkingBoundary,
  workingMinutesBetween,
} from './working-time.ts';

/**
 * Moves a working instant `n` whole working days along, keeping its wall-clock time and clamping it
 * into the target day's hours (Thursday 14:00 + 1 → Friday 11:30, the Friday closing time).
 * The anchor's own day is day 0.
 */
function shiftWholeDays(anchor: number, n: number, step: 1 | -1, cal: WorkingCalendar): number {
  const clock = localClockOf(anchor, cal);
  let seen = 0;
  return scanDays(anchor, step, cal, (p, day) => {
    if (!p || seen++ < n) return undefined;
    return Math.min(Math.max(instantOf(day, clock, cal), p.start), p.end);
  });
}

/**
 * `n` working days after `start`: from the next working moment, the same wall-clock time on the
 * n-th following working day, clamped to that day's closing time when it closes earlier. Fractions
 * take that share of the working time between the whole-day results (1,5 hari from Monday 10:00 is
 * halfway in working time between Tuesday 10:00 and Wednesday 10:00). Negative n subtracts.
 */
export function addWorkingDays(start: Date, n: number, cal: WorkingCalendar): Date {
  if (n < 0) return subtractWorkingDays(start, -n, cal);
  const anchor = nextWorkingMoment(start, cal).getTime();
  const whole = Math.floor(n);
  const atWhole = new Date(shiftWholeDays(anchor, whole, 1, cal));
  const fraction = n - whole;
  if (fraction === 0) return atWhole;
  const atNext = new Date(shiftWholeDays(anchor, whole + 1, 1, cal));
  return addWorkingMinutes(atWhole, fraction * workingMinutesBetween(atWhole, atNext, cal), cal);
}

/**
 * `n` working days before `instant`, the mirror of `addWorkingDays`: from the instant (or the
 * previous closing time when the office is shut), the same wall-clock time on the n-th earlier
 * working day, clamped into that day's hours. subtract(add(s, n), n) = s whenever the clock time of
 * s is within the hours of the day it lands on; otherwise the clamp loses the difference.
 */
export function subtractWorkingDays(instant: Date, n: number, cal: WorkingCalendar): Date {
  if (n < 0) return addWorkingDays(instant, -n, cal);
  const anchor = previousWorkingBoundary(instant, cal).getTime();
  const whole = Math.floor(n);
  const atWhole = new Date(shiftWholeDays(anchor, whole, -1, cal));
  const fraction = n - whole;
  if (fraction === 0) return atWhole;
  const atNext = new Date(shiftWholeDays(anchor, whole + 1, -1, cal));
  return addWorkingMinutes(atWhole, -fraction * workingMinutesBetween(atNext, atWhole, cal), cal);
}
