import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, DEFAULT_WORKING_HOURS } from './working-calendar.ts';

describe('createWorkingCalendar', () => {
  it('defaults to Mon–Thu 07:30–16:00, Fri 07:30–11:30, weekends closed', () => {
    const r = createWorkingCalendar({ timeZone: 'Asia/Makassar' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.calendar.timeZone).toBe('Asia/Makassar');
    expect(r.calendar.hours).toEqual(DEFAULT_WORKING_HOURS);
    expect(r.calendar.hours[5]).toEqual({ start: '07:30', end: '11:30' });
    expect(r.calendar.holidays.get('2026-08-17')?.source).toBe('library');
  });

  it('lets an agency change one weekday and keeps the others', () => {
    const r = createWorkingCalendar({
      timeZone: 'Asia/Jayapura',
      hours: { 4: undefined, 5: { start: '07:30', end: '16:30' }, 6: { start: '08:00', end: '12:00' } },
    });
    expect(r.ok && r.calendar.hours).toMatchObject({
      1: { start: '07:30', end: '16:00' },
      4: { start: '07:30', end: '16:00' },
      5: { start: '07:30', end: '16:30' },
      6: { start: '08:00', end: '12:00' },
      7: null,
    });
  });

  it('reports an unknown zone, bad hours and bad holiday dates as data naming the field', () => {
    const r = createWorkingCalendar({
      timeZone: 'Asia/Bandung',
      hours: { 1: { start: '16:00', end: '07:30' }, 2: { start: '7.30', end: '16:00' } },
      holidayOverrides: [{ date: '23-03-2026', name: 'Cuti' }],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.field])).toEqual([
      ['TIMEZONE_INVALID', 'timeZone'],
      ['HOURS_INVALID', 'hours.1'],
      ['HOURS_INVALID', 'hours.2'],
      ['HOLIDAY_DATE_INVALID', 'holidays.0.date'],
    ]);
    for (const issue of r.issues) {
      expect(issue.message.id).toContain(issue.field);
      expect(issue.message.en).toContain(issue.field);
    }
  });

  it('refuses a calendar with no working day at all', () => {
    const closed = { 1: null, 2: null, 3: null, 4: null, 5: null };
    const r = createWorkingCalendar({ timeZone: 'Asia/Jakarta', hours: closed });
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['HOURS_EMPTY']);
  });
});
