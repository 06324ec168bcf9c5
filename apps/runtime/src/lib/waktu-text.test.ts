import { formatWaktu, WAKTU_UNITS } from '@alur/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatWaktuText } from './waktu-text.ts';

describe('formatWaktuText', () => {
  it('writes waktu as the SOP table does', () => {
    expect(formatWaktuText({ amount: 10, unit: 'menit', perItem: false })).toBe('10 menit');
    expect(formatWaktuText({ amount: 5, unit: 'menit', perItem: true })).toBe('@5 menit');
    expect(formatWaktuText({ amount: 1.5, unit: 'jam', perItem: false })).toBe('1,5 jam');
    expect(formatWaktuText(null)).toBe('');
  });

  it('agrees with the schema package for any waktu', () => {
    const waktu = fc.record({
      amount: fc.double({ min: 0.01, max: 100_000, noNaN: true }),
      unit: fc.constantFrom(...WAKTU_UNITS),
      perItem: fc.boolean(),
    });
    fc.assert(
      fc.property(waktu, (w) => {
        expect(formatWaktuText(w)).toBe(formatWaktu(w));
      }),
    );
  });
});
