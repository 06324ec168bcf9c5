import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkLetterFormat,
  DEFAULT_LETTER_FORMAT,
  formatLetterNumber,
  toRomanMonth,
} from './letter-number.ts';

const parts = { kode: '470', unit: 'Dinsos', serial: 123, year: 2026, month: 11 };

describe('letter numbers', () => {
  it('writes the agency formats of DOMAIN §5a', () => {
    expect(formatLetterNumber(DEFAULT_LETTER_FORMAT, parts)).toBe('470/0123/Dinsos/2026');
    expect(formatLetterNumber('{kode}/{urut}/{unit}/{bulan_romawi}/{tahun}', parts)).toBe(
      '470/123/Dinsos/XI/2026',
    );
    expect(formatLetterNumber('{urut:3}.{bulan}.{tahun}', { ...parts, serial: 7, month: 2 })).toBe(
      '007.02.2026',
    );
    // A serial past the padding is written whole, never cut.
    expect(formatLetterNumber('{urut:2}', { ...parts, serial: 12345 })).toBe('12345');
  });

  it('writes every month in Roman numerals', () => {
    expect(Array.from({ length: 12 }, (_, i) => toRomanMonth(i + 1))).toEqual([
      'I',
      'II',
      'III',
      'IV',
      'V',
      'VI',
      'VII',
      'VIII',
      'IX',
      'X',
      'XI',
      'XII',
    ]);
    expect(() => toRomanMonth(13)).toThrow();
  });

  it('refuses formats without exactly one serial, or with unknown parts', () => {
    expect(checkLetterFormat(DEFAULT_LETTER_FORMAT)).toEqual({ ok: true });
    expect(checkLetterFormat('{kode}/{tahun}')).toMatchObject({
      ok: false,
      en: expect.stringMatching(/exactly once/),
    });
    expect(checkLetterFormat('{urut}/{urut}')).toMatchObject({ ok: false });
    expect(checkLetterFormat('{urut}/{nomor}')).toMatchObject({
      ok: false,
      id: expect.stringContaining('{nomor}'),
    });
    expect(checkLetterFormat('{urut}/{tahun:2}')).toMatchObject({ ok: false });
    expect(checkLetterFormat('{urut/{tahun}')).toMatchObject({ ok: false });
    expect(checkLetterFormat('')).toMatchObject({ ok: false });
  });

  it('keeps distinct serials distinct in every valid format', () => {
    fc.assert(
      fc.property(fc.nat(99_999), fc.nat(99_999), fc.integer({ min: 1, max: 12 }), (a, b, month) => {
        fc.pre(a !== b);
        const f = (serial: number) => formatLetterNumber(DEFAULT_LETTER_FORMAT, { ...parts, serial, month });
        expect(f(a)).not.toBe(f(b));
      }),
    );
  });
});
