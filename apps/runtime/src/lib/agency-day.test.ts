import { describe, expect, it } from 'vitest';
import { computeTodayRange, readZoneDate, readZoneOffset } from './agency-day.ts';

describe('agency day', () => {
  it('reads the fixed offsets of the three Indonesian zones', () => {
    const at = new Date('2026-11-23T03:00:00Z');
    expect(readZoneOffset('Asia/Jakarta', at)).toBe('+07:00');
    expect(readZoneOffset('Asia/Makassar', at)).toBe('+08:00');
    expect(readZoneOffset('Asia/Jayapura', at)).toBe('+09:00');
  });

  it('takes the date in the agency zone, not in UTC', () => {
    // 20:00 UTC on the 22nd is already the 23rd in Jakarta (03:00 WIB).
    expect(readZoneDate('Asia/Jakarta', new Date('2026-11-22T20:00:00Z'))).toBe('2026-11-23');
  });

  it('gives today as a half-open range across a month end', () => {
    expect(computeTodayRange('Asia/Jayapura', new Date('2026-11-30T16:00:00Z'))).toEqual({
      from: '2026-12-01T00:00:00+09:00',
      to: '2026-12-02T00:00:00+09:00',
    });
    expect(computeTodayRange('Asia/Jakarta', new Date('2026-12-31T10:00:00Z'))).toEqual({
      from: '2026-12-31T00:00:00+07:00',
      to: '2027-01-01T00:00:00+07:00',
    });
  });
});
