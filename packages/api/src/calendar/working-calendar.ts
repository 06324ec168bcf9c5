import { Info } from 'luxon';
import {
  type AgencyHolidayEntry,
  createHolidayLookup,
  type HolidayIssue,
  type HolidayLookup,
  validateHolidayEntries,
} from './holidays.ts';

/** ISO weekday: 1 = Senin (Monday) … 7 = Minggu (Sunday). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const ISO_WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

/** Office hours of one weekday as wall-clock 'HH:mm' in the agency's zone; `end` is exclusive. */
export interface WorkingHours {
  start: string;
  end: string;
}

/** The agency's working calendar; build it with `createWorkingCalendar` so it is known to be valid. */
export interface WorkingCalendar {
  /** IANA zone: 'Asia/Jakarta' (WIB), 'Asia/Makassar' (WITA), 'Asia/Jayapura' (WIT). */
  timeZone: 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura' | (string & {});
  /** One office interval per weekday; null = closed. */
  hours: Readonly<Record<IsoWeekday, WorkingHours | null>>;
  /** Days off by calendar date 'YYYY-MM-DD' in `timeZone`. */
  holidays: HolidayLookup;
}

/**
 * Default office hours: Mon–Thu 07:30–16:00 and Fri 07:30–11:30, weekends closed.
 * Friday ends before Friday prayer: a task is not counted as waiting during the afternoon, when
 * most offices are thin. Agencies that work Friday afternoons set Fri to e.g. 07:30–16:30. Breaks
 * (ishoma 12:00–13:00) are not modelled: one interval per day keeps due dates easy to read.
 */
export const DEFAULT_WORKING_HOURS: Readonly<Record<IsoWeekday, WorkingHours | null>> = {
  1: { start: '07:30', end: '16:00' },
  2: { start: '07:30', end: '16:00' },
  3: { start: '07:30', end: '16:00' },
  4: { start: '07:30', end: '16:00' },
  5: { start: '07:30', end: '11:30' },
  6: null,
  7: null,
};

export interface CalendarIssue {
  code: 'TIMEZONE_INVALID' | 'HOURS_INVALID' | 'HOURS_EMPTY' | HolidayIssue['code'];
  field: string;
  message: { id: string; en: string };
}

export type CreateCalendarResult =
  | { ok: true; calendar: WorkingCalendar }
  | { ok: false; issues: CalendarIssue[] };

const CLOCK_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since local midnight of a valid 'HH:mm' (24:00 is not allowed; end at 23:59 at most). */
export function parseClock(text: string): number | null {
  const m = CLOCK_RE.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/**
 * Builds a validated calendar. Holidays are the national list from date-holidays for whatever year
 * is asked, corrected by `holidayOverrides` (cuti bersama, renames, removals). Returns issues with
 * Indonesian and English messages instead of throwing.
 */
export function createWorkingCalendar(options: {
  timeZone: string;
  hours?: Partial<Record<IsoWeekday, WorkingHours | null>>;
  holidayOverrides?: readonly AgencyHolidayEntry[];
}): CreateCalendarResult {
  const hours = { ...DEFAULT_WORKING_HOURS };
  // Only the weekdays given replace the defaults; an explicit `undefined` keeps the default.
  for (const day of ISO_WEEKDAYS) {
    const given = options.hours?.[day];
    if (given !== undefined) hours[day] = given;
  }
  const overrides = options.holidayOverrides ?? [];
  const issues: CalendarIssue[] = [...validateHours(hours), ...validateHolidayEntries(overrides)];
  if (!Info.isValidIANAZone(options.timeZone)) {
    issues.unshift({
      code: 'TIMEZONE_INVALID',
      field: 'timeZone',
      message: {
        id: `Zona waktu timeZone "${options.timeZone}" tidak dikenal: pilih Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT).`,
        en: `Time zone timeZone "${options.timeZone}" is unknown: choose Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT).`,
      },
    });
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    calendar: { timeZone: options.timeZone, hours, holidays: createHolidayLookup(overrides) },
  };
}

/** Checks each weekday's hours ('HH:mm', start before end) and that at least one day is open. */
export function validateHours(hours: Readonly<Record<IsoWeekday, WorkingHours | null>>): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  for (const day of ISO_WEEKDAYS) {
    const h = hours[day];
    if (!h) continue;
    const start = parseClock(h.start);
    const end = parseClock(h.end);
    if (start === null || end === null || start >= end) {
      const field = `hours.${day}`;
      issues.push({
        code: 'HOURS_INVALID',
        field,
        message: {
          id: `Jam kerja ${field} "${h.start}–${h.end}" tidak valid: tulis JJ:mm dengan jam mulai sebelum jam selesai, mis. 07:30–16:00.`,
          en: `Working hours ${field} "${h.start}–${h.end}" are not valid: write HH:mm with start before end, e.g. 07:30–16:00.`,
        },
      });
    }
  }
  if (ISO_WEEKDAYS.every((day) => !hours[day])) {
    issues.push({
      code: 'HOURS_EMPTY',
      field: 'hours',
      message: {
        id: 'Jam kerja kosong: paling sedikit satu hari harus punya jam kerja.',
        en: 'No working hours: at least one weekday must have working hours.',
      },
    });
  }
  return issues;
}
