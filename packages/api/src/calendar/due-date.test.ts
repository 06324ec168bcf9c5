import type { Waktu } from '@alur/schema';
import { describe, expect, it } from 'vitest';
import { computeDueAt } from './due-date.ts';
import { CalendarHorizonError } from './local-days.ts';
import { at, makeCalendar, WIB, WIB_SKB, WIT_SKB, WITA_SKB, wall } from './test-fixtures.ts';
import type { WorkingCalendar } from './working-calendar.ts';
import { addWorkingMinutes } from './working-time.ts';

const w = (amount: number, unit: Waktu['unit'], perItem = false): Waktu => ({ amount, unit, perItem });
const due = (cal: WorkingCalendar, waktu: Waktu | null, text: string) =>
  wall(cal, computeDueAt(waktu, at(cal, text), cal));

describe('computeDueAt — working time (menit, jam)', () => {
  it('a task at Friday 15:00 WIB with 1 jam is due Monday 08:30 (Friday closes at 11:30)', () => {
    expect(due(WIB, w(1, 'jam'), '2026-01-09 15:00')).toBe('2026-01-12 08:30 Mon');
  });

  it('1 jam from Monday 15:00 is due at closing time the same day', () => {
    expect(due(WIB, w(1, 'jam'), '2026-01-12 15:00')).toBe('2026-01-12 16:00 Mon');
  });

  it('counts a per-item waktu ("@5 menit") as one item', () => {
    expect(due(WIB, w(5, 'menit', true), '2026-01-12 10:00')).toBe('2026-01-12 10:05 Mon');
    expect(due(WIB, w(1.5, 'jam'), '2026-01-12 10:00')).toBe('2026-01-12 11:30 Mon');
  });

  it('same wall clock in WIB, WITA and WIT, so the instants differ by the zone offsets', () => {
    const wib = computeDueAt(w(1, 'jam'), at(WIB_SKB, '2026-01-09 15:00'), WIB_SKB)!;
    const wita = computeDueAt(w(1, 'jam'), at(WITA_SKB, '2026-01-09 15:00'), WITA_SKB)!;
    const wit = computeDueAt(w(1, 'jam'), at(WIT_SKB, '2026-01-09 15:00'), WIT_SKB)!;
    expect([wall(WIB_SKB, wib), wall(WITA_SKB, wita), wall(WIT_SKB, wit)]).toEqual([
      '2026-01-12 08:30 Mon',
      '2026-01-12 08:30 Mon',
      '2026-01-12 08:30 Mon',
    ]);
    expect(wib.toISOString()).toBe('2026-01-12T01:30:00.000Z');
    expect(wita.toISOString()).toBe('2026-01-12T00:30:00.000Z');
    expect(wit.toISOString()).toBe('2026-01-11T23:30:00.000Z');
  });
});

describe('computeDueAt — working days (hari, minggu)', () => {
  it('2 hari around Nyepi and Idul Fitri 2026 with the agency cuti bersama', () => {
    // 18 cuti Nyepi, 19 Nyepi, 20 cuti, 21–22 Idul Fitri, 23–24 cuti: back on Wednesday 25 March.
    expect(due(WIB_SKB, w(2, 'hari'), '2026-03-16 10:00')).toBe('2026-03-25 10:00 Wed');
    expect(due(WIB_SKB, w(2, 'hari'), '2026-03-17 10:00')).toBe('2026-03-26 10:00 Thu');
    // Without the agency's entries only the library days count.
    expect(due(WIB, w(2, 'hari'), '2026-03-17 10:00')).toBe('2026-03-23 10:00 Mon');
  });

  it('2 hari over Christmas 2026 with cuti bersama on 24 December', () => {
    expect(due(WIB_SKB, w(2, 'hari'), '2026-12-23 09:00')).toBe('2026-12-29 09:00 Tue');
    expect(due(WIB, w(2, 'hari'), '2026-12-23 09:00')).toBe('2026-12-28 09:00 Mon');
  });

  it('1 minggu is 5 working days, not 7 calendar days', () => {
    // 16 January 2026 (Isra Mi'raj) does not count.
    expect(due(WIB, w(1, 'minggu'), '2026-01-12 10:00')).toBe('2026-01-20 10:00 Tue');
  });

  it('1 hari reached on Saturday starts on Monday opening', () => {
    expect(due(WIB, w(1, 'hari'), '2026-01-10 09:00')).toBe('2026-01-13 07:30 Tue');
  });
});

describe('computeDueAt — calendar months and years (bulan, tahun)', () => {
  it('1 bulan from 31 January 2026 (a Saturday) starts Monday 2 February and is due Monday 2 March', () => {
    expect(due(WIB, w(1, 'bulan'), '2026-01-31 10:00')).toBe('2026-03-02 07:30 Mon');
  });

  it('a month too short for the day is used up at its end: 31 March + 1 bulan → after 30 April', () => {
    // 1 May 2026 is Labour Day (Friday), so the next working moment is Monday 4 May.
    expect(due(WIB, w(1, 'bulan'), '2026-03-31 10:00')).toBe('2026-05-04 07:30 Mon');
  });

  it('keeps the order of two starts across a short month: 30 March 10:00 before 31 March 09:00', () => {
    expect(due(WIB, w(1, 'bulan'), '2026-03-30 10:00')).toBe('2026-04-30 10:00 Thu');
    expect(due(WIB, w(1, 'bulan'), '2026-03-31 09:00')).toBe('2026-05-04 07:30 Mon');
  });

  it('a due date on a non-working day moves to the next working moment, past cuti bersama', () => {
    // 15 February 2026 is a Sunday; 16 is cuti bersama Imlek, 17 is Imlek.
    expect(due(WIB, w(1, 'bulan'), '2026-01-15 10:00')).toBe('2026-02-16 07:30 Mon');
    expect(due(WIB_SKB, w(1, 'bulan'), '2026-01-15 10:00')).toBe('2026-02-18 07:30 Wed');
  });

  it('1 tahun keeps the date and clock a year later; 1,5 bulan is halfway to the next month', () => {
    expect(due(WIB, w(1, 'tahun'), '2026-03-02 10:00')).toBe('2027-03-02 10:00 Tue');
    // 15 Feb → 15 Mar is 28 days; halfway is Sunday 1 March → Monday opening.
    expect(due(WIB, w(1.5, 'bulan'), '2026-01-15 10:00')).toBe('2026-03-02 07:30 Mon');
  });
});

describe('computeDueAt — no target', () => {
  it('gives null for a null waktu and a zero amount', () => {
    expect(computeDueAt(null, at(WIB, '2026-01-12 10:00'), WIB)).toBeNull();
    expect(computeDueAt(w(0, 'hari'), at(WIB, '2026-01-12 10:00'), WIB)).toBeNull();
  });
});

describe('computeDueAt — beyond the 20-year horizon', () => {
  const sparse = makeCalendar({
    timeZone: 'Asia/Jakarta',
    hours: { 1: { start: '09:00', end: '09:01' }, 2: null, 3: null, 4: null, 5: null },
  });

  it('gives no target for a waktu no office can track, instead of searching for ever', () => {
    expect(computeDueAt(w(100_000, 'hari'), at(WIB, '2026-01-12 10:00'), WIB)).toBeNull();
    expect(computeDueAt(w(2000, 'jam'), at(sparse, '2026-01-12 10:00'), sparse)).toBeNull();
  });

  it('still reaches far targets inside the horizon', () => {
    expect(due(sparse, w(3, 'menit'), '2026-01-12 10:00')).toBe('2026-02-02 09:01 Mon');
    expect(due(WIB, w(10, 'tahun'), '2026-03-02 10:00')).toBe('2036-03-03 07:30 Mon');
  });

  it('leaves the low-level functions to say so with a CalendarHorizonError', () => {
    expect(() => addWorkingMinutes(at(sparse, '2026-01-12 10:00'), 2000 * 60, sparse)).toThrow(
      CalendarHorizonError,
    );
  });
});
