import { DateTime } from 'luxon';
import type { IsoWeekday, WorkingCalendar } from './working-calendar.ts';
import { parseClock } from './working-calendar.ts';

/** The office interval of one local day as epoch milliseconds, [start, end). */
export interface WorkingPeriod {
  date: string;
  start: number;
  end: number;
}

const MS_PER_MINUTE = 60_000;
// A valid calendar has a working day every week; this bound only stops a hand-made calendar with
// no working hours at all from looping forever.
const MAX_DAYS_SCANNED = 200 * 366;

/** Local midnight (in the calendar's zone) of the day that contains `ms`. */
export function startOfLocalDay(ms: number, cal: WorkingCalendar): DateTime {
  return DateTime.fromMillis(ms, { zone: cal.timeZone }).startOf('day');
}

/** The working period of a local day, or null when the weekday is closed or the date is a holiday. */
export function findWorkingPeriod(day: DateTime, cal: WorkingCalendar): WorkingPeriod | null {
  const hours = cal.hours[day.weekday as IsoWeekday];
  if (!hours) return null;
  const date = day.toISODate()!;
  if (cal.holidays.get(date)) return null;
  const start = parseClock(hours.start)!;
  const end = parseClock(hours.end)!;
  return {
    date,
    start: day.set({ hour: Math.floor(start / 60), minute: start % 60 }).toMillis(),
    end: day.set({ hour: Math.floor(end / 60), minute: end % 60 }).toMillis(),
  };
}

/** Calls `visit` with each local day from the one holding `ms`, forward (step 1) or back (-1), until it returns a value. */
export function scanDays<T>(
  ms: number,
  step: 1 | -1,
  cal: WorkingCalendar,
  visit: (period: WorkingPeriod | null, day: DateTime) => T | undefined,
): T {
  let day = startOfLocalDay(ms, cal);
  for (let i = 0; i < MAX_DAYS_SCANNED; i++) {
    const found = visit(findWorkingPeriod(day, cal), day);
    if (found !== undefined) return found;
    day = day.plus({ days: step });
  }
  throw new RangeError(
    `Kalender tanpa jam kerja / calendar has no working time near ${new Date(ms).toISOString()}`,
  );
}

/** True when the office is open at `instant`: a working day, start ≤ local time < end. */
export function isWorkingMoment(instant: Date, cal: WorkingCalendar): boolean {
  const t = instant.getTime();
  const p = findWorkingPeriod(startOfLocalDay(t, cal), cal);
  return p !== null && p.start <= t && t < p.end;
}

/** True when `instant` is exactly the closing time of a working day (a due date may fall there). */
export function isEndOfWorkingPeriod(instant: Date, cal: WorkingCalendar): boolean {
  const t = instant.getTime();
  // Closing at 24:00 is not expressible ('HH:mm' ≤ 23:59), so the period is on the same local day.
  const p = findWorkingPeriod(startOfLocalDay(t, cal), cal);
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
  scanDays(from, 1, cal, (p, day) => {
    if (day.toMillis() >= to) return true;
    if (p) total += Math.max(0, Math.min(to, p.end) - Math.max(from, p.start));
    return undefined;
  });
  return total / MS_PER_MINUTE;
}
