// fast-check generators shared by the calendar property tests.
import { WAKTU_UNITS, type Waktu } from '@alur/schema';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { AgencyHolidayEntry } from './holidays.ts';
import { makeCalendar, WIB, WIB_SKB, WIT_SKB, WITA_SKB } from './test-fixtures.ts';
import {
  ISO_WEEKDAYS,
  type IsoWeekday,
  type WorkingCalendar,
  type WorkingHours,
} from './working-calendar.ts';

const FIRST_DAY = DateTime.fromISO('2025-12-01', { zone: 'UTC' });
const DAYS = 700;

const formatClock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

// At least an hour a day, so every generated target fits within the 20-year search horizon.
const hoursArb: fc.Arbitrary<WorkingHours> = fc
  .integer({ min: 0, max: 1439 - 60 })
  .chain((start) => fc.integer({ min: start + 60, max: 1439 }).map((end) => ({ start, end })))
  .map(({ start, end }) => ({ start: formatClock(start), end: formatClock(end) }));

const holidayEntriesArb: fc.Arbitrary<AgencyHolidayEntry[]> = fc.array(
  fc
    .record({ offset: fc.integer({ min: 0, max: DAYS + 400 }), remove: fc.boolean() })
    .map(({ offset, remove }) => {
      const date = FIRST_DAY.plus({ days: offset }).toISODate()!;
      return remove ? { date, remove: true as const } : { date, name: 'Libur daerah' };
    }),
  { maxLength: 60 },
);

/** Random office hours (any weekday open or closed, any interval) and random agency holidays. */
export const randomCalendarArb: fc.Arbitrary<WorkingCalendar> = fc
  .record({
    timeZone: fc.constantFrom('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'),
    days: fc.tuple(...ISO_WEEKDAYS.map(() => fc.option(hoursArb, { freq: 3 }))),
    holidayOverrides: holidayEntriesArb,
  })
  .filter(({ days }) => days.some((d) => d !== null))
  .map(({ timeZone, days, holidayOverrides }) => {
    const hours = Object.fromEntries(days.map((h, i) => [i + 1, h])) as Record<
      IsoWeekday,
      WorkingHours | null
    >;
    return makeCalendar({ timeZone, hours, holidayOverrides });
  });

/** Calendars where every open day has the same hours, so whole working days keep the clock exactly. */
export const uniformCalendarArb: fc.Arbitrary<WorkingCalendar> = fc
  .record({
    hours: hoursArb,
    open: fc.tuple(...ISO_WEEKDAYS.map(() => fc.boolean())).filter((o) => o.some(Boolean)),
    holidayOverrides: holidayEntriesArb,
  })
  .map(({ hours, open, holidayOverrides }) => {
    const week = Object.fromEntries(open.map((o, i) => [i + 1, o ? hours : null]));
    return makeCalendar({ timeZone: 'Asia/Jakarta', hours: week, holidayOverrides });
  });

/** The real agency calendars half of the time, random ones otherwise. */
export const calendarArb: fc.Arbitrary<WorkingCalendar> = fc.oneof(
  fc.constantFrom(WIB, WIB_SKB, WITA_SKB, WIT_SKB),
  randomCalendarArb,
);

/**
 * An instant in December 2025 – October 2027, often exactly on or 1 ms around an office boundary
 * of the given calendar, where off-by-one mistakes live.
 */
export function instantArb(cal: WorkingCalendar): fc.Arbitrary<Date> {
  const boundaries = ISO_WEEKDAYS.flatMap((d) => {
    const h = cal.hours[d];
    return h ? [h.start, h.end] : [];
  }).map((clock) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3)));
  const minuteArb = fc.oneof(fc.integer({ min: 0, max: 1439 }), fc.constantFrom(...boundaries, 0));
  return fc
    .record({
      day: fc.integer({ min: 0, max: DAYS }),
      minute: minuteArb,
      ms: fc.oneof(fc.constantFrom(-1, 0, 1), fc.integer({ min: 0, max: 59_999 })),
    })
    .map(({ day, minute, ms }) => {
      const date = FIRST_DAY.plus({ days: day });
      const local = DateTime.fromObject(
        {
          year: date.year,
          month: date.month,
          day: date.day,
          hour: Math.floor(minute / 60),
          minute: minute % 60,
        },
        { zone: cal.timeZone },
      );
      return new Date(local.toMillis() + ms);
    });
}

const MAX_AMOUNT: Record<Waktu['unit'], number> = {
  menit: 3000,
  jam: 120,
  hari: 60,
  minggu: 12,
  bulan: 14,
  tahun: 2,
};

/** Amounts of one unit: whole numbers and tenths, as written in SOP tables ("1,5 jam"). */
export function amountArb(unit: Waktu['unit']): fc.Arbitrary<number> {
  const max = MAX_AMOUNT[unit];
  return fc.oneof(
    fc.integer({ min: 1, max }),
    fc.integer({ min: 1, max: max * 10 }).map((n) => n / 10),
  );
}

export const waktuArb: fc.Arbitrary<Waktu> = fc
  .constantFrom(...WAKTU_UNITS)
  .chain((unit) => fc.record({ amount: amountArb(unit), unit: fc.constant(unit), perItem: fc.boolean() }));

/** An instant on one of the last three days of a month (December 2025 – October 2027). */
export function monthEndInstantArb(cal: WorkingCalendar): fc.Arbitrary<Date> {
  return fc
    .record({
      month: fc.integer({ min: 0, max: 22 }),
      fromEnd: fc.integer({ min: 0, max: 2 }),
      ms: fc.integer({ min: 0, max: 86_399_999 }),
    })
    .map(({ month, fromEnd, ms }) => {
      const first = DateTime.fromObject({ year: 2025, month: 12, day: 1 }, { zone: cal.timeZone }).plus({
        months: month,
      });
      const day = first.set({ day: first.daysInMonth! - fromEnd });
      return new Date(day.toMillis() + ms);
    });
}
