import type { Waktu } from '@alur/schema';
import { computeDueAt } from './due-date.ts';
import type { WorkingCalendar } from './working-calendar.ts';

export { addCalendarMonths, computeDueAt, WORKING_DAYS_PER_WEEK } from './due-date.ts';
export {
  type AgencyHolidayEntry,
  createHolidayLookup,
  type Holiday,
  type HolidayIssue,
  type HolidayLookup,
  type HolidaySource,
  isIsoDate,
  listNationalHolidays,
  mergeHolidays,
  validateHolidayEntries,
} from './holidays.ts';
export { CalendarHorizonError, HORIZON_DAYS, type WorkingPeriod } from './local-days.ts';
export {
  type CalendarIssue,
  type CreateCalendarResult,
  createWorkingCalendar,
  DEFAULT_WORKING_HOURS,
  ISO_WEEKDAYS,
  type IsoWeekday,
  parseClock,
  validateHours,
  type WorkingCalendar,
  type WorkingHours,
} from './working-calendar.ts';
export { addWorkingDays, subtractWorkingDays } from './working-days.ts';
export {
  addWorkingMinutes,
  isEndOfWorkingPeriod,
  isWorkingMoment,
  nextWorkingMoment,
  previousWorkingBoundary,
  workingMinutesBetween,
} from './working-time.ts';

/** `computeDueAt` bound to one agency's calendar, in the shape the engine context expects. */
export function bindComputeDueAt(cal: WorkingCalendar): (waktu: Waktu | null, from: Date) => Date | null {
  return (waktu, from) => computeDueAt(waktu, from, cal);
}
