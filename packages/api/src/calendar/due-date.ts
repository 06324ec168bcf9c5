import type { Waktu } from '@alur/schema';
import { DateTime } from 'luxon';
import { CalendarHorizonError } from './local-days.ts';
import type { WorkingCalendar } from './working-calendar.ts';
import { addWorkingDays } from './working-days.ts';
import { addWorkingMinutes, nextWorkingMoment } from './working-time.ts';

/** Working days in one `minggu` (DOMAIN §5: a week is five working days, not seven calendar days). */
export const WORKING_DAYS_PER_WEEK = 5;

/**
 * Due date of a step reached at `from` with Mutu Baku `waktu`, on the agency's calendar (DOMAIN §5):
 * - `menit`/`jam`: that much working time (`addWorkingMinutes`); may land exactly on closing time.
 * - `hari`: working days (`addWorkingDays`): same wall-clock time n working days later.
 * - `minggu`: 5 working days per week.
 * - `bulan`/`tahun`: calendar months (a year is 12), then the next working moment.
 * A step reached outside office hours starts at the next working moment. A per-item waktu
 * ("@5 menit") counts as one item: the engine does not know how many berkas a task carries.
 * `null` (written as 0 or empty) means no target and gives null, and so does a target that the
 * calendar cannot reach within 20 years of working time (see `HORIZON_DAYS`).
 */
export function computeDueAt(waktu: Waktu | null, from: Date, cal: WorkingCalendar): Date | null {
  if (!waktu || !(waktu.amount > 0)) return null;
  try {
    return computeTarget(waktu, from, cal);
  } catch (error) {
    // "100000 hari" or a calendar with almost no hours: no office tracks a date 20 years out.
    if (error instanceof CalendarHorizonError) return null;
    throw error;
  }
}

function computeTarget(waktu: Waktu, from: Date, cal: WorkingCalendar): Date {
  switch (waktu.unit) {
    case 'menit':
      return addWorkingMinutes(from, waktu.amount, cal);
    case 'jam':
      return addWorkingMinutes(from, waktu.amount * 60, cal);
    case 'hari':
      return addWorkingDays(from, waktu.amount, cal);
    case 'minggu':
      return addWorkingDays(from, waktu.amount * WORKING_DAYS_PER_WEEK, cal);
    case 'bulan':
      return addCalendarMonths(from, waktu.amount, cal);
    case 'tahun':
      return addCalendarMonths(from, waktu.amount * 12, cal);
  }
}

/**
 * Calendar months from the next working moment, then the next working moment again. When the
 * target month is too short for the day (31 January + 1 bulan), the month is used up at the end of
 * its last day (1 March 00:00), so later starts never get earlier due dates. A fraction takes that
 * share of the time to the following month's date.
 */
export function addCalendarMonths(from: Date, months: number, cal: WorkingCalendar): Date {
  const anchor = DateTime.fromJSDate(nextWorkingMoment(from, cal), { zone: cal.timeZone });
  const whole = Math.floor(months);
  const atWhole = shiftMonths(anchor, whole);
  const fraction = months - whole;
  const target =
    fraction === 0 ? atWhole : atWhole + Math.round(fraction * (shiftMonths(anchor, whole + 1) - atWhole));
  return nextWorkingMoment(new Date(target), cal);
}

function shiftMonths(anchor: DateTime, months: number): number {
  const shifted = anchor.plus({ months });
  // luxon clamps 31 Jan + 1 month to 28 Feb; a clamped day means the month ran out first.
  if (shifted.day !== anchor.day) return shifted.endOf('month').plus({ milliseconds: 1 }).toMillis();
  return shifted.toMillis();
}
