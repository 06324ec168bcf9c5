import { describe, expect, it } from 'vitest';
import { computePeriod } from './period.ts';

const now = new Date('2026-11-23T03:00:00Z');

describe('computePeriod', () => {
  it('runs from the first midnight to the midnight after the last day, in the agency zone', () => {
    expect(computePeriod('2026-01-01', '2026-12-31', 'Asia/Makassar', now)).toEqual({
      from: '2026-01-01T00:00:00+08:00',
      to: '2027-01-01T00:00:00+08:00',
    });
  });

  it('leaves out an empty end', () => {
    expect(computePeriod('', '2026-02-28', 'Asia/Jakarta', now)).toEqual({ to: '2026-03-01T00:00:00+07:00' });
    expect(computePeriod('', '', 'Asia/Jakarta', now)).toEqual({});
  });

  it('refuses a reversed period', () => {
    expect(computePeriod('2026-05-02', '2026-05-01', 'Asia/Jakarta', now)).toBeNull();
  });
});
