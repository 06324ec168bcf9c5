import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkWaktuInput } from './WaktuField.tsx';

describe('checkWaktuInput', () => {
  it('accepts positive amounts with a comma or a dot, and empty as no target', () => {
    expect(checkWaktuInput('10', 'menit', false)).toEqual({ amount: 10, unit: 'menit', perItem: false });
    expect(checkWaktuInput('1,5', 'jam', true)).toEqual({ amount: 1.5, unit: 'jam', perItem: true });
    expect(checkWaktuInput('  ', 'hari', false)).toBeNull();
  });

  it('refuses zero, negatives and words', () => {
    for (const bad of ['0', '-3', 'abc', '5 menit', '1e3'])
      expect(checkWaktuInput(bad, 'menit', false)).toBe('invalid');
  });

  it('round-trips every positive amount the schema allows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (n) => {
        expect(checkWaktuInput(String(n), 'hari', false)).toEqual({
          amount: n,
          unit: 'hari',
          perItem: false,
        });
      }),
    );
  });
});
