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
export { workingMinutesFrom } from './working-minutes-from.ts';
export {
  addWorkingMinutes,
  isEndOfWorkingPeriod,
  isWorkingMoment,
  nextWorkingMoment,
  previousWorkingBoundary,
  workingMinutesBetween,
} from './working-time.ts';
