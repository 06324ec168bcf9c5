import { findWorkingPeriod, localDayOf, MS_PER_MINUTE, scanDays } from './local-days.ts';
import type { WorkingCalendar } from './working-calendar.ts';

/** True when the office is open at `instant`: a working day, start ≤ local time < end. */
export function isWorkingMoment(instant: Date, cal: WorkingCalendar): boolean {
  const t = instant.getTime();
  const p = findWorkingPeriod(localDayOf(t, cal), cal);
  return p !== null && p.start <= t && t < p.end;
}

/** True when `instant` is exactly the closing time of a working day (a due date may fall there). */
export function isEndOfWorkingPeriod(instant: Date, cal: WorkingCalendar): boolean {
  const t = instant.getTime();
  // Closing at 24:00 is not expressible ('HH:mm' ≤ 23:59), so the period is on the same local day.
  const p = findWorkingPeriod(localDayOf(t, cal), cal);
  return p !== null && t === p.end;
}

/** `instant` itself when the office is open, otherwise the next opening time. */
export function nextWorkingMoment(instant: Date, cal: WorkingCalendar): Date {
  const t = instant.getTime();
  return new Date(scanDays(t, 1, cal, (p) => (p && t < p.end ? Math.max(t, p.start) : undefined)));
}

/**
 * `instant` itself when it lies in a working period including its closing time, otherwise the
 * previous closing time. The backward twin of `nextWorkingMoment`.
 */
export function previousWorkingBoundary(instant: Date, cal: WorkingCalendar): Date {
  const t = instant.getTime();
  return new Date(scanDays(t, -1, cal, (p) => (p && t >= p.start ? Math.min(t, p.end) : undefined)));
}

/** Milliseconds of working time for a number of minutes; a positive amount is at least 1 ms. */
function toMs(minutes: number): number {
  const ms = Math.round(Math.abs(minutes) * MS_PER_MINUTE);
  return minutes !== 0 && ms === 0 ? 1 : ms;
}

/**
 * The earliest instant at which `minutes` of working time have passed since `start` (negative
 * minutes: the latest instant that much working time before). So 1 jam from 15:00 on a Monday is
 * 16:00 Monday, the closing time, not 07:30 Tuesday. Fractions of a minute are kept to the ms.
 */
export function addWorkingMinutes(start: Date, minutes: number, cal: WorkingCalendar): Date {
  const t = start.getTime();
  let remaining = toMs(minutes);
  if (remaining === 0) return new Date(t);
  if (minutes > 0) {
    return new Date(
      scanDays(t, 1, cal, (p) => {
        if (!p) return undefined;
        const from = Math.max(t, p.start);
        if (from >= p.end) return undefined;
        if (remaining <= p.end - from) return from + remaining;
        remaining -= p.end - from;
        return undefined;
      }),
    );
  }
  return new Date(
    scanDays(t, -1, cal, (p) => {
      if (!p) return undefined;
      const to = Math.min(t, p.end);
      if (to <= p.start) return undefined;
      if (remaining <= to - p.start) return to - remaining;
      remaining -= to - p.start;
      return undefined;
    }),
  );
}

/**
 * Working minutes from `a` to `b` (fractional when the instants carry seconds). Negative when `b`
 * is before `a`, so "remaining working time" of an overdue task reads as how far past due it is.
 */
export function workingMinutesBetween(a: Date, b: Date, cal: WorkingCalendar): number {
  const from = a.getTime();
  const to = b.getTime();
  if (to < from) return -workingMinutesBetween(b, a, cal);
  let total = 0;
  const lastDay = localDayOf(to, cal);
  // Bounded by `to`, not by the horizon: an evaluation may measure a case that stalled for years.
  scanDays(
    from,
    1,
    cal,
    (p, day) => {
      if (p) total += Math.max(0, Math.min(to, p.end) - Math.max(from, p.start));
      return day >= lastDay ? true : undefined;
    },
    Number.POSITIVE_INFINITY,
  );
  return total / MS_PER_MINUTE;
}
