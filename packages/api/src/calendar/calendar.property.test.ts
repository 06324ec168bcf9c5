import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  amountArb,
  calendarArb,
  instantArb,
  monthEndInstantArb,
  uniformCalendarArb,
  waktuArb,
} from './calendar-arbitraries.ts';
import { computeDueAt } from './due-date.ts';
import { WIB_SKB, WIT_SKB } from './test-fixtures.ts';
import type { WorkingCalendar } from './working-calendar.ts';
import { addWorkingDays, subtractWorkingDays } from './working-days.ts';
import {
  addWorkingMinutes,
  isEndOfWorkingPeriod,
  isWorkingMoment,
  nextWorkingMoment,
  workingMinutesBetween,
} from './working-time.ts';

const withCal = <T>(f: (cal: WorkingCalendar) => fc.Arbitrary<T>) =>
  calendarArb.chain((cal) => f(cal).map((value) => ({ cal, value })));
const localDate = (d: Date, cal: WorkingCalendar) =>
  DateTime.fromJSDate(d, { zone: cal.timeZone }).toISODate();
const localClock = (d: Date, cal: WorkingCalendar) =>
  DateTime.fromJSDate(d, { zone: cal.timeZone }).toFormat('HH:mm:ss.SSS');

describe('working calendar properties', () => {
  it('a due date is after the start and is a working moment or exactly a closing time', () => {
    const arb = withCal((cal) => fc.tuple(instantArb(cal), waktuArb));
    fc.assert(
      fc.property(arb, ({ cal, value: [from, waktu] }) => {
        const due = computeDueAt(waktu, from, cal)!;
        expect(due.getTime()).toBeGreaterThan(from.getTime());
        expect(isWorkingMoment(due, cal) || isEndOfWorkingPeriod(due, cal)).toBe(true);
      }),
    );
  });

  it('due dates never get earlier when the start gets later', () => {
    const arb = withCal((cal) => fc.tuple(instantArb(cal), instantArb(cal), waktuArb));
    fc.assert(
      fc.property(arb, ({ cal, value: [a, b, waktu] }) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(computeDueAt(waktu, early, cal)!.getTime()).toBeLessThanOrEqual(
          computeDueAt(waktu, late, cal)!.getTime(),
        );
      }),
    );
  });

  it('bulan and tahun due dates never get earlier for starts close together at a month end', () => {
    // 30 January 10:00 and 31 January 09:00 are the pair that plain "same day next month" orders wrongly.
    const arb = withCal((cal) =>
      fc.tuple(
        monthEndInstantArb(cal),
        fc.integer({ min: 0, max: 86_399_999 }),
        // Whole months are where a short target month bites; fractions are covered above.
        fc.oneof(
          { arbitrary: fc.tuple(fc.constant('bulan' as const), fc.integer({ min: 1, max: 14 })), weight: 4 },
          { arbitrary: fc.tuple(fc.constant('tahun' as const), amountArb('tahun')), weight: 1 },
        ),
      ),
    );
    fc.assert(
      fc.property(arb, ({ cal, value: [early, gap, [unit, amount]] }) => {
        // Some time on the next local day, so its clock is often earlier than the first start's.
        const nextDay = DateTime.fromJSDate(early, { zone: cal.timeZone }).startOf('day').plus({ days: 1 });
        const late = new Date(nextDay.toMillis() + gap);
        const waktu = { amount, unit, perItem: false };
        expect(computeDueAt(waktu, early, cal)!.getTime()).toBeLessThanOrEqual(
          computeDueAt(waktu, late, cal)!.getTime(),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('due dates never get earlier when the amount grows', () => {
    const arb = withCal((cal) =>
      fc
        .constantFrom('menit', 'jam', 'hari', 'minggu', 'bulan', 'tahun' as const)
        .chain((unit) => fc.tuple(instantArb(cal), fc.constant(unit), amountArb(unit), amountArb(unit))),
    );
    fc.assert(
      fc.property(arb, ({ cal, value: [from, unit, x, y] }) => {
        const [small, big] = x <= y ? [x, y] : [y, x];
        const dueSmall = computeDueAt({ amount: small, unit, perItem: false }, from, cal)!;
        const dueBig = computeDueAt({ amount: big, unit, perItem: false }, from, cal)!;
        expect(dueSmall.getTime()).toBeLessThanOrEqual(dueBig.getTime());
      }),
    );
  });

  it('workingMinutesBetween(a, addWorkingMinutes(a, m)) = m, forwards and backwards', () => {
    const minutes = fc.oneof(
      fc.integer({ min: -20_000, max: 20_000 }),
      fc.integer({ min: -20_000_000, max: 20_000_000 }).map((k) => k / 1000),
    );
    const arb = withCal((cal) => fc.tuple(instantArb(cal), minutes));
    fc.assert(
      fc.property(arb, ({ cal, value: [a, m] }) => {
        const b = addWorkingMinutes(a, m, cal);
        expect(workingMinutesBetween(a, b, cal)).toBeCloseTo(m, 9);
      }),
    );
  });

  it('the next working moment is open, not before the instant, and no working time lies between', () => {
    const arb = withCal((cal) => instantArb(cal));
    fc.assert(
      fc.property(arb, ({ cal, value: t }) => {
        const next = nextWorkingMoment(t, cal);
        expect(isWorkingMoment(next, cal)).toBe(true);
        expect(next.getTime()).toBeGreaterThanOrEqual(t.getTime());
        expect(workingMinutesBetween(t, next, cal)).toBe(0);
        expect(nextWorkingMoment(next, cal)).toEqual(next);
      }),
    );
  });

  it('subtracting n working days undoes adding them when every open day has the same hours', () => {
    const arb = uniformCalendarArb.chain((cal) =>
      fc.tuple(instantArb(cal), fc.integer({ min: 0, max: 40 })).map((value) => ({ cal, value })),
    );
    fc.assert(
      fc.property(arb, ({ cal, value: [t, n] }) => {
        const start = nextWorkingMoment(t, cal);
        expect(subtractWorkingDays(addWorkingDays(start, n, cal), n, cal)).toEqual(start);
      }),
    );
  });

  it('with uneven hours, subtract ∘ add returns to the start day, and to the start itself when the clock survived', () => {
    const arb = withCal((cal) => fc.tuple(instantArb(cal), fc.integer({ min: 0, max: 40 })));
    fc.assert(
      fc.property(arb, ({ cal, value: [t, n] }) => {
        const start = nextWorkingMoment(t, cal);
        const there = addWorkingDays(start, n, cal);
        const back = subtractWorkingDays(there, n, cal);
        expect(localDate(back, cal)).toBe(localDate(start, cal));
        if (localClock(there, cal) === localClock(start, cal)) expect(back).toEqual(start);
      }),
    );
  });

  it('WIT due dates are the WIB ones two hours earlier: same wall clock, different instants', () => {
    const arb = fc.tuple(instantArb(WIB_SKB), waktuArb);
    const twoHours = 2 * 3_600_000;
    fc.assert(
      fc.property(arb, ([from, waktu]) => {
        const wib = computeDueAt(waktu, from, WIB_SKB)!;
        const wit = computeDueAt(waktu, new Date(from.getTime() - twoHours), WIT_SKB)!;
        expect(wit.getTime()).toBe(wib.getTime() - twoHours);
      }),
    );
  });
});
