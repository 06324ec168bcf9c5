import { WAKTU_UNITS } from '@alur/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIsoDuration, parseIsoDuration } from './duration.ts';

describe('ISO 8601 durations', () => {
  it('writes the units of the SOP tables', () => {
    expect(formatIsoDuration({ amount: 10, unit: 'menit', perItem: false })).toBe('PT10M');
    expect(formatIsoDuration({ amount: 2, unit: 'hari', perItem: false })).toBe('P2D');
    expect(formatIsoDuration({ amount: 1, unit: 'bulan', perItem: false })).toBe('P1M');
  });
  it('reads back every waktu it writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.constantFrom(...WAKTU_UNITS), (amount, unit) => {
        expect(parseIsoDuration(formatIsoDuration({ amount, unit, perItem: false }))).toEqual({
          amount,
          unit,
          perItem: false,
        });
      }),
    );
  });
  it('turns mixed clock time into minutes and refuses the rest', () => {
    expect(parseIsoDuration('PT1H30M')).toEqual({ amount: 90, unit: 'menit', perItem: false });
    expect(parseIsoDuration('P1DT2H')).toBeNull();
    expect(parseIsoDuration('P0D')).toBeNull();
    expect(parseIsoDuration('sepuluh menit')).toBeNull();
    expect(parseIsoDuration('P')).toBeNull();
  });
});
