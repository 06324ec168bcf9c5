import { describe, expect, it } from 'vitest';
import { createHolidayLookup, listNationalHolidays, mergeHolidays } from './holidays.ts';
import { SKB_2026 } from './test-fixtures.ts';

describe('listNationalHolidays', () => {
  it('gives the 2026 national holidays as calendar dates, all from the library', () => {
    const h = listNationalHolidays(2026);
    expect([...h.keys()]).toEqual([
      '2026-01-01',
      '2026-01-16',
      '2026-02-17',
      '2026-03-19',
      '2026-03-20',
      '2026-03-21',
      '2026-04-03',
      '2026-05-01',
      '2026-05-14',
      '2026-05-27',
      '2026-05-31',
      '2026-06-01',
      '2026-06-16',
      '2026-08-17',
      '2026-08-25',
      '2026-12-25',
    ]);
    expect([...h.values()].every((d) => d.source === 'library')).toBe(true);
  });

  it('reads Islamic holidays on their own date, not the previous evening of their -0600 start', () => {
    const h = listNationalHolidays(2026);
    const iduladha = [...h].filter(([, d]) => d.name.includes('Idul Adha')).map(([date]) => date);
    expect(iduladha).toEqual(['2026-05-27']);
    expect(h.has('2026-05-26')).toBe(false);
    expect(h.get('2026-06-16')?.name).toBe('Tahun Baru Islam');
  });

  it("names 27 Rajab Isra Mi'raj instead of the library's Maulid label", () => {
    const h = listNationalHolidays(2026);
    expect(h.get('2026-01-16')?.name).toBe("Isra Mi'raj Nabi Muhammad SAW");
    expect(h.get('2026-08-25')?.name).toBe('Maulid Nabi Muhammad');
  });

  it("joins two holidays on one date (Natal and Isra Mi'raj on 25 December 2027)", () => {
    const name = listNationalHolidays(2027).get('2027-12-25')?.name;
    expect(name).toContain("Isra Mi'raj");
    expect(name).toContain('Natal');
  });
});

describe('mergeHolidays', () => {
  const library = listNationalHolidays(2026);

  it('adds cuti bersama as agency days, renames library days as overrides, keeps the rest', () => {
    const { holidays, issues } = mergeHolidays(library, SKB_2026);
    expect(issues).toEqual([]);
    expect(holidays.get('2026-03-23')).toEqual({ name: 'Cuti Bersama Idul Fitri 1447 H', source: 'agency' });
    expect(holidays.get('2026-03-20')).toEqual({
      name: 'Cuti Bersama Idul Fitri 1447 H',
      source: 'override',
    });
    expect(holidays.get('2026-03-19')).toEqual({ name: 'Hari Raya Nyepi', source: 'library' });
    expect(holidays.size).toBe(library.size + SKB_2026.length - 2);
  });

  it('removes a day and leaves the library list untouched', () => {
    const before = new Map(library);
    const { holidays } = mergeHolidays(library, [{ date: '2026-05-01', remove: true }]);
    expect(holidays.has('2026-05-01')).toBe(false);
    expect(library).toEqual(before);
  });

  it('lets a later entry win over an earlier one for the same date', () => {
    const { holidays } = mergeHolidays(library, [
      { date: '2026-07-01', name: 'HUT Kabupaten' },
      { date: '2026-07-01', remove: true },
      { date: '2026-08-17', remove: true },
      { date: '2026-08-17', name: 'HUT RI ke-81' },
    ]);
    expect(holidays.has('2026-07-01')).toBe(false);
    expect(holidays.get('2026-08-17')).toEqual({ name: 'HUT RI ke-81', source: 'override' });
  });

  it('skips and reports invalid entries, naming the field in both languages', () => {
    const { holidays, issues } = mergeHolidays(library, [
      { date: '2026-02-30', name: 'Tidak ada' },
      { date: '2026-07-01', name: '  ' },
      { date: '2026-07-02', name: 'Ok' },
    ]);
    expect(issues.map((i) => [i.code, i.field])).toEqual([
      ['HOLIDAY_DATE_INVALID', 'holidays.0.date'],
      ['HOLIDAY_NAME_EMPTY', 'holidays.1.name'],
    ]);
    expect(issues[0]!.message.id).toContain('holidays.0.date');
    expect(issues[0]!.message.en).toContain('holidays.0.date');
    expect(holidays.has('2026-02-30')).toBe(false);
    expect(holidays.has('2026-07-01')).toBe(false);
    expect(holidays.get('2026-07-02')?.source).toBe('agency');
  });
});

describe('createHolidayLookup', () => {
  it('applies each entry to its own year and reads every year from the library', () => {
    const lookup = createHolidayLookup(SKB_2026);
    expect(lookup.get('2026-12-24')?.source).toBe('agency');
    expect(lookup.get('2027-12-24')).toBeUndefined();
    expect(lookup.get('2027-08-17')?.source).toBe('library');
    expect(lookup.get('2026-03-25')).toBeUndefined();
  });
});
