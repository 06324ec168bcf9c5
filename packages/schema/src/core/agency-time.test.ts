import { describe, expect, it } from 'vitest';
import {
  computeAgencyToday,
  computeTodayRange,
  formatAgencyDate,
  formatAgencyDateTime,
  formatCalendarDate,
  readZoneName,
  readZoneOffset,
} from './agency-time.ts';

describe('computeAgencyToday', () => {
  it('at 06:59 WIB gives the Jakarta date, although the UTC date is still yesterday', () => {
    const now = new Date('2026-12-01T23:59:00Z'); // 2 December 06:59 WIB
    expect(now.toISOString().slice(0, 10)).toBe('2026-12-01');
    expect(computeAgencyToday(now, 'Asia/Jakarta')).toBe('2026-12-02');
  });

  it('turns the day at local midnight in WITA and WIT', () => {
    // 23:59 WITA on 1 December is 15:59 UTC; 00:00 WITA on the 2nd is 16:00 UTC.
    expect(computeAgencyToday(new Date('2026-12-01T15:59:00Z'), 'Asia/Makassar')).toBe('2026-12-01');
    expect(computeAgencyToday(new Date('2026-12-01T16:00:00Z'), 'Asia/Makassar')).toBe('2026-12-02');
    // 00:00 WIT on 1 January 2027 is 15:00 UTC on 31 December.
    expect(computeAgencyToday(new Date('2026-12-31T14:59:00Z'), 'Asia/Jayapura')).toBe('2026-12-31');
    expect(computeAgencyToday(new Date('2026-12-31T15:00:00Z'), 'Asia/Jayapura')).toBe('2027-01-01');
  });
});

describe('zones', () => {
  it('reads the fixed offsets and everyday names of the three Indonesian zones', () => {
    const at = new Date('2026-11-23T03:00:00Z');
    expect(readZoneOffset('Asia/Jakarta', at)).toBe('+07:00');
    expect(readZoneOffset('Asia/Makassar', at)).toBe('+08:00');
    expect(readZoneOffset('Asia/Jayapura', at)).toBe('+09:00');
    expect(readZoneName('Asia/Jakarta', at)).toBe('WIB');
    expect(readZoneName('Asia/Pontianak', at)).toBe('WIB');
    expect(readZoneName('Asia/Makassar', at)).toBe('WITA');
    expect(readZoneName('Asia/Jayapura', at)).toBe('WIT');
  });

  it('writes other zones as their offset', () => {
    expect(readZoneName('Asia/Kolkata', new Date('2026-11-23T03:00:00Z'))).toBe('UTC+05:30');
    expect(readZoneName('UTC', new Date('2026-11-23T03:00:00Z'))).toBe('UTC');
    expect(readZoneOffset('America/Sao_Paulo', new Date('2026-11-23T03:00:00Z'))).toBe('-03:00');
  });
});

describe('computeTodayRange', () => {
  it('gives today as a half-open range across a month and a year end', () => {
    expect(computeTodayRange(new Date('2026-11-30T16:00:00Z'), 'Asia/Jayapura')).toEqual({
      from: '2026-12-01T00:00:00+09:00',
      to: '2026-12-02T00:00:00+09:00',
    });
    expect(computeTodayRange(new Date('2026-12-31T10:00:00Z'), 'Asia/Jakarta')).toEqual({
      from: '2026-12-31T00:00:00+07:00',
      to: '2027-01-01T00:00:00+07:00',
    });
  });
});

describe('formatting', () => {
  // Version history used to show this instant raw: 2026-12-01T20:33:45.539Z.
  const published = '2026-12-01T20:33:45.539Z';

  it('writes an instant the Indonesian way in the agency zone', () => {
    expect(formatAgencyDateTime(published, 'Asia/Jakarta')).toBe('2 Desember 2026 03.33 WIB');
    expect(formatAgencyDateTime(published, 'Asia/Makassar')).toBe('2 Desember 2026 04.33 WITA');
    expect(formatAgencyDateTime(published, 'Asia/Jayapura')).toBe('2 Desember 2026 05.33 WIT');
    expect(formatAgencyDateTime(new Date('2026-12-01T17:05:00Z'), 'Asia/Jakarta')).toBe(
      '2 Desember 2026 00.05 WIB',
    );
  });

  it('writes the English long form for the English UI', () => {
    expect(formatAgencyDateTime(published, 'Asia/Jakarta', 'en')).toBe('2 December 2026 03:33 WIB');
    expect(formatAgencyDate(published, 'Asia/Jakarta', 'en')).toBe('2 December 2026');
  });

  it('writes the date of an instant in the agency zone', () => {
    expect(formatAgencyDate(published, 'Asia/Jakarta')).toBe('2 Desember 2026');
    expect(formatAgencyDate('2026-08-16T18:00:00Z', 'Asia/Jakarta')).toBe('17 Agustus 2026');
  });

  it('writes a calendar date without moving it, and leaves free text alone', () => {
    expect(formatCalendarDate('2026-01-05')).toBe('5 Januari 2026');
    expect(formatCalendarDate('2026-05-01', 'en')).toBe('1 May 2026');
    expect(formatCalendarDate('1 Maret 2019')).toBe('1 Maret 2019');
    expect(formatCalendarDate('2026-13-01')).toBe('2026-13-01');
  });

  it('shows an unreadable instant as it came instead of failing', () => {
    expect(formatAgencyDateTime('bukan tanggal', 'Asia/Jakarta')).toBe('bukan tanggal');
  });
});
