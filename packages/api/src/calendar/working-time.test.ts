import { describe, expect, it } from 'vitest';
import { at, makeCalendar, WIB, WIB_SKB, WIT_SKB, wall } from './test-fixtures.ts';
import {
  addWorkingMinutes,
  isEndOfWorkingPeriod,
  isWorkingMoment,
  nextWorkingMoment,
  previousWorkingBoundary,
  workingMinutesBetween,
} from './working-time.ts';

describe('isWorkingMoment', () => {
  it.each([
    ['2026-01-12 07:30', true], // Monday opening
    ['2026-01-12 07:29', false],
    ['2026-01-12 15:59', true],
    ['2026-01-12 16:00', false], // closing time is not open
    ['2026-01-09 11:29', true], // Friday morning
    ['2026-01-09 11:30', false], // Friday closes early
    ['2026-01-10 09:00', false], // Saturday
    ['2026-01-16 09:00', false], // Isra Mi'raj
  ])('%s WIB → %s', (text, open) => {
    expect(isWorkingMoment(at(WIB, text), WIB)).toBe(open);
  });

  it('judges the same instant by the agency zone: 07:00 WIB is 09:00 WIT', () => {
    const instant = at(WIB, '2026-01-12 07:00');
    expect(isWorkingMoment(instant, WIB)).toBe(false);
    expect(isWorkingMoment(instant, WIT_SKB)).toBe(true);
  });

  it('knows closing time apart from working moments', () => {
    expect(isEndOfWorkingPeriod(at(WIB, '2026-01-12 16:00'), WIB)).toBe(true);
    expect(isEndOfWorkingPeriod(at(WIB, '2026-01-09 11:30'), WIB)).toBe(true);
    expect(isEndOfWorkingPeriod(at(WIB, '2026-01-10 11:30'), WIB)).toBe(false);
  });
});

describe('nextWorkingMoment and previousWorkingBoundary', () => {
  it('moves Friday afternoon to Monday opening and keeps open moments', () => {
    expect(wall(WIB, nextWorkingMoment(at(WIB, '2026-01-09 15:00'), WIB))).toBe('2026-01-12 07:30 Mon');
    expect(wall(WIB, nextWorkingMoment(at(WIB, '2026-01-12 10:00'), WIB))).toBe('2026-01-12 10:00 Mon');
    expect(wall(WIB, nextWorkingMoment(at(WIB, '2026-01-12 16:00'), WIB))).toBe('2026-01-13 07:30 Tue');
  });

  it('skips the Idul Fitri 2026 break with the agency cuti bersama', () => {
    expect(wall(WIB_SKB, nextWorkingMoment(at(WIB_SKB, '2026-03-17 17:00'), WIB_SKB))).toBe(
      '2026-03-25 07:30 Wed',
    );
    expect(wall(WIB, nextWorkingMoment(at(WIB, '2026-03-17 17:00'), WIB))).toBe('2026-03-18 07:30 Wed');
  });

  it('goes back to the previous closing time, keeping closing time itself', () => {
    expect(wall(WIB, previousWorkingBoundary(at(WIB, '2026-01-12 07:00'), WIB))).toBe('2026-01-09 11:30 Fri');
    expect(wall(WIB, previousWorkingBoundary(at(WIB, '2026-01-12 16:00'), WIB))).toBe('2026-01-12 16:00 Mon');
    expect(wall(WIB, previousWorkingBoundary(at(WIB, '2026-01-12 07:30'), WIB))).toBe('2026-01-12 07:30 Mon');
  });
});

describe('addWorkingMinutes', () => {
  it('lands on closing time rather than the next morning', () => {
    expect(wall(WIB, addWorkingMinutes(at(WIB, '2026-01-12 15:00'), 60, WIB))).toBe('2026-01-12 16:00 Mon');
  });

  it('carries the rest over the night and the weekend', () => {
    expect(wall(WIB, addWorkingMinutes(at(WIB, '2026-01-08 15:30'), 60, WIB))).toBe('2026-01-09 08:00 Fri');
    expect(wall(WIB, addWorkingMinutes(at(WIB, '2026-01-09 11:00'), 60, WIB))).toBe('2026-01-12 08:00 Mon');
  });

  it('goes backwards for negative minutes', () => {
    expect(wall(WIB, addWorkingMinutes(at(WIB, '2026-01-12 08:00'), -60, WIB))).toBe('2026-01-09 11:00 Fri');
  });

  it('keeps fractions of a minute and treats 0 as no time', () => {
    const start = at(WIB, '2026-01-12 10:00');
    expect(addWorkingMinutes(start, 0.5, WIB).getTime() - start.getTime()).toBe(30_000);
    expect(addWorkingMinutes(start, 0, WIB)).toEqual(start);
  });
});

describe('workingMinutesBetween', () => {
  it('counts only open hours: Friday 10:00 → Monday 09:00 is 90 + 90 minutes', () => {
    expect(workingMinutesBetween(at(WIB, '2026-01-09 10:00'), at(WIB, '2026-01-12 09:00'), WIB)).toBe(180);
  });

  it('is negative when the end is before the start (time past due)', () => {
    expect(workingMinutesBetween(at(WIB, '2026-01-12 09:00'), at(WIB, '2026-01-09 10:00'), WIB)).toBe(-180);
  });

  it('counts a full week as 4 × 510 + 240 minutes, and less with holidays', () => {
    expect(workingMinutesBetween(at(WIB, '2026-01-05 00:00'), at(WIB, '2026-01-12 00:00'), WIB)).toBe(2280);
    // 12–16 January 2026 holds Isra Mi'raj on Friday.
    expect(workingMinutesBetween(at(WIB, '2026-01-12 00:00'), at(WIB, '2026-01-19 00:00'), WIB)).toBe(2040);
  });
});

describe('zones with daylight saving (not Indonesian, but any IANA zone must work)', () => {
  const amsterdam = makeCalendar({
    timeZone: 'Europe/Amsterdam',
    hours: { 7: { start: '01:00', end: '05:00' } },
  });

  it('reads office hours as wall-clock times across the spring-forward gap', () => {
    // Sunday 29 March 2026: clocks jump 02:00 → 03:00, so 01:00–05:00 holds three hours.
    const dayStart = new Date('2026-03-28T23:00:00Z');
    const dayEnd = new Date('2026-03-29T22:00:00Z');
    expect(workingMinutesBetween(dayStart, dayEnd, amsterdam)).toBe(180);
    expect(isWorkingMoment(new Date('2026-03-29T00:00:00Z'), amsterdam)).toBe(true);
    expect(isEndOfWorkingPeriod(new Date('2026-03-29T03:00:00Z'), amsterdam)).toBe(true);
    expect(
      workingMinutesBetween(new Date('2026-04-04T22:00:00Z'), new Date('2026-04-05T22:00:00Z'), amsterdam),
    ).toBe(240);
  });
});
