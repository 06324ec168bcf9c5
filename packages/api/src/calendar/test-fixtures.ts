// Shared by the calendar tests only: real 2026 calendars and a wall-clock helper.
import { DateTime } from 'luxon';
import type { AgencyHolidayEntry } from './holidays.ts';
import { createWorkingCalendar, type WorkingCalendar } from './working-calendar.ts';

/**
 * Corrections an agency enters for 2026 from SKB 3 Menteri No. 1497/2/5 Tahun 2025 (hari libur
 * nasional dan cuti bersama 2026). The SKB puts Idul Fitri 1447 H on 21–22 March, one day after
 * date-holidays (20–21 March), so 20 March becomes cuti bersama.
 */
export const SKB_2026: readonly AgencyHolidayEntry[] = [
  { date: '2026-02-16', name: 'Cuti Bersama Tahun Baru Imlek' },
  { date: '2026-03-18', name: 'Cuti Bersama Hari Suci Nyepi' },
  { date: '2026-03-20', name: 'Cuti Bersama Idul Fitri 1447 H' },
  { date: '2026-03-21', name: 'Idul Fitri 1447 H' },
  { date: '2026-03-22', name: 'Idul Fitri 1447 H' },
  { date: '2026-03-23', name: 'Cuti Bersama Idul Fitri 1447 H' },
  { date: '2026-03-24', name: 'Cuti Bersama Idul Fitri 1447 H' },
  { date: '2026-04-05', name: 'Kebangkitan Yesus Kristus (Paskah)' },
  { date: '2026-05-15', name: 'Cuti Bersama Kenaikan Yesus Kristus' },
  { date: '2026-05-28', name: 'Cuti Bersama Idul Adha 1447 H' },
  { date: '2026-12-24', name: 'Cuti Bersama Kelahiran Yesus Kristus' },
];

/** Builds a calendar that must be valid; a test fails loudly if it is not. */
export function makeCalendar(options: Parameters<typeof createWorkingCalendar>[0]): WorkingCalendar {
  const r = createWorkingCalendar(options);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.calendar;
}

export const WIB = makeCalendar({ timeZone: 'Asia/Jakarta' });
export const WIB_SKB = makeCalendar({ timeZone: 'Asia/Jakarta', holidayOverrides: SKB_2026 });
export const WITA_SKB = makeCalendar({ timeZone: 'Asia/Makassar', holidayOverrides: SKB_2026 });
export const WIT_SKB = makeCalendar({ timeZone: 'Asia/Jayapura', holidayOverrides: SKB_2026 });

/** The instant of a wall-clock time 'YYYY-MM-DD HH:mm' in the calendar's zone. */
export function at(cal: WorkingCalendar, text: string): Date {
  const dt = DateTime.fromFormat(text, 'yyyy-MM-dd HH:mm', { zone: cal.timeZone });
  if (!dt.isValid) throw new Error(`bad fixture time ${text}`);
  return dt.toJSDate();
}

/** Wall-clock 'YYYY-MM-DD HH:mm Day' of an instant in the calendar's zone, for readable asserts. */
export function wall(cal: WorkingCalendar, instant: Date | null): string | null {
  if (!instant) return null;
  return DateTime.fromJSDate(instant, { zone: cal.timeZone })
    .setLocale('en')
    .toFormat('yyyy-MM-dd HH:mm ccc');
}
