import { IANAZone } from 'luxon';
import type { IsoWeekday, WorkingCalendar } from './working-calendar.ts';
import { parseClock } from './working-calendar.ts';

// Days are numbered in the agency's local calendar (0 = 1970-01-01 local), so date, weekday and
// wall-clock maths are integer arithmetic; only the zone offset needs Intl, through luxon.

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

/** How far a search for working time may go (20 years): beyond it the answer means nothing to an office. */
export const HORIZON_DAYS = 20 * 366;

/** Thrown when working time is searched for beyond `HORIZON_DAYS`; `computeDueAt` turns it into "no target". */
export class CalendarHorizonError extends RangeError {
  constructor(from: number) {
    super(
      `Tidak ada waktu kerja yang cukup dalam 20 tahun sejak ${new Date(from).toISOString()} / ` +
        `no enough working time within 20 years of ${new Date(from).toISOString()}`,
    );
    this.name = 'CalendarHorizonError';
  }
}

/** The office interval of one local day as epoch milliseconds, [start, end). */
export interface WorkingPeriod {
  date: string;
  start: number;
  end: number;
}

const zones = new Map<string, { zone: IANAZone; offsets: Map<number, number> }>();
const QUARTER_HOUR_MS = 15 * MS_PER_MINUTE;
const MEMO_FROM_MS = Date.UTC(1980, 0, 1);
/**
 * The zone's UTC offset at an instant. Asking Intl is slow (it dominated the inbox's time), so
 * offsets are memoised per quarter hour: a quarter hour whose first and last millisecond have the
 * same offset has it throughout (no zone changes its offset twice within fifteen minutes). A
 * quarter hour holding a change is marked and asked directly: most changes fall on a quarter-hour
 * boundary, but not all (Newfoundland changed at 00:01 local time until 2011). Instants before 1980
 * (odd historical offsets such as Jakarta's +07:20) are asked directly too.
 */
function offsetMs(timeZone: string, ms: number): number {
  let entry = zones.get(timeZone);
  if (!entry) {
    entry = { zone: IANAZone.create(timeZone), offsets: new Map() };
    zones.set(timeZone, entry);
  }
  if (ms < MEMO_FROM_MS) return entry.zone.offset(ms) * MS_PER_MINUTE;
  const quarter = Math.floor(ms / QUARTER_HOUR_MS);
  let offset = entry.offsets.get(quarter);
  if (offset === undefined) {
    if (entry.offsets.size > 200_000) entry.offsets.clear();
    const first = entry.zone.offset(quarter * QUARTER_HOUR_MS);
    const last = entry.zone.offset((quarter + 1) * QUARTER_HOUR_MS - 1);
    offset = first === last ? first * MS_PER_MINUTE : Number.NaN;
    entry.offsets.set(quarter, offset);
  }
  return Number.isNaN(offset) ? entry.zone.offset(ms) * MS_PER_MINUTE : offset;
}

/** Local day number of an instant in the calendar's zone. */
export function localDayOf(ms: number, cal: WorkingCalendar): number {
  return Math.floor((ms + offsetMs(cal.timeZone, ms)) / MS_PER_DAY);
}

/** Milliseconds since local midnight of an instant (its wall-clock time). */
export function localClockOf(ms: number, cal: WorkingCalendar): number {
  const local = ms + offsetMs(cal.timeZone, ms);
  return local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY;
}

/**
 * The instant of a local wall-clock time (day number + ms since midnight). Same two-step offset fix
 * as luxon's: exact except inside a DST gap, where it takes the later offset. Indonesia has no DST.
 */
export function instantOf(day: number, clockMs: number, cal: WorkingCalendar): number {
  const local = day * MS_PER_DAY + clockMs;
  const guess = offsetMs(cal.timeZone, local);
  let utc = local - guess;
  const o2 = offsetMs(cal.timeZone, utc);
  if (o2 === guess) return utc;
  utc -= o2 - guess;
  const o3 = offsetMs(cal.timeZone, utc);
  return o3 === o2 ? utc : local - Math.max(o2, o3);
}

/** 'YYYY-MM-DD' of a local day number. */
export function isoDateOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO weekday of a local day number (day 0, 1 January 1970, was a Thursday). */
export function weekdayOf(day: number): IsoWeekday {
  return (((((day + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

// Periods are memoised per calendar object: calendars are immutable values, and the engine asks
// about the same weeks again and again.
const periodCache = new WeakMap<WorkingCalendar, Map<number, WorkingPeriod | null>>();

/** The working period of a local day, or null when the weekday is closed or the date is a holiday. */
export function findWorkingPeriod(day: number, cal: WorkingCalendar): WorkingPeriod | null {
  let cache = periodCache.get(cal);
  if (!cache) {
    cache = new Map();
    periodCache.set(cal, cache);
  }
  const cached = cache.get(day);
  if (cached !== undefined) return cached;
  const period = computeWorkingPeriod(day, cal);
  cache.set(day, period);
  return period;
}

function computeWorkingPeriod(day: number, cal: WorkingCalendar): WorkingPeriod | null {
  const hours = cal.hours[weekdayOf(day)];
  if (!hours) return null;
  const date = isoDateOf(day);
  if (cal.holidays.get(date)) return null;
  return {
    date,
    start: instantOf(day, parseClock(hours.start)! * MS_PER_MINUTE, cal),
    end: instantOf(day, parseClock(hours.end)! * MS_PER_MINUTE, cal),
  };
}

/**
 * Calls `visit` with each local day from the one holding `ms`, forward (step 1) or back (-1), until
 * it returns a value. Gives up with a `CalendarHorizonError` after `maxDays`.
 */
export function scanDays<T>(
  ms: number,
  step: 1 | -1,
  cal: WorkingCalendar,
  visit: (period: WorkingPeriod | null, day: number) => T | undefined,
  maxDays = HORIZON_DAYS,
): T {
  const first = localDayOf(ms, cal);
  for (let i = 0; i <= maxDays; i++) {
    const day = first + i * step;
    const found = visit(findWorkingPeriod(day, cal), day);
    if (found !== undefined) return found;
  }
  throw new CalendarHorizonError(ms);
}
