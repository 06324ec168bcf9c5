import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeNik, NIK_PROVINCES, parseNik, resolveBirthYear } from './nik.ts';

const provinceCodes = Object.keys(NIK_PROVINCES);
const twoDigits = (min: number, max: number) =>
  fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'));
/** Valid parts of a NIK: any known province, day 1–28 so every month and year holds it. */
const nikParts = fc.record({
  provinceCode: fc.constantFrom(...provinceCodes),
  regencyCode: twoDigits(1, 99),
  districtCode: twoDigits(1, 99),
  birthDay: fc.integer({ min: 1, max: 28 }),
  birthMonth: fc.integer({ min: 1, max: 12 }),
  birthYearTwoDigits: fc.integer({ min: 0, max: 99 }),
  sex: fc.constantFrom('L' as const, 'P' as const),
  serial: fc.integer({ min: 1, max: 9999 }).map((n) => String(n).padStart(4, '0')),
});

describe('parseNik', () => {
  it('reads the example of DOMAIN §5a: Jawa Tengah, Kab. Tegal, a woman born 5 January 1990', () => {
    const r = parseNik('3328094501900003', { currentYear: 2026 });
    expect(r).toEqual({
      ok: true,
      info: {
        nik: '3328094501900003',
        provinceCode: '33',
        provinceName: 'Jawa Tengah',
        regencyCode: '28',
        districtCode: '09',
        birthDay: 5,
        birthMonth: 1,
        birthYearTwoDigits: 90,
        birthYear: 1990,
        sex: 'P',
        serial: '0003',
      },
    });
  });

  it('ignores the spaces and dots people type between the groups', () => {
    expect(parseNik('33 28 09 450190 0003').ok).toBe(true);
    expect(parseNik('3328.0945.0190.0003').ok).toBe(true);
  });

  it.each([
    ['332809450190000', 'format'],
    ['33280945019000031', 'format'],
    ['33280945O1900003', 'format'],
    ['9928094501900003', 'province'],
    ['3300094501900003', 'regency'],
    ['3328004501900003', 'district'],
    ['3328093201900003', 'birthDate'],
    ['3328094001900003', 'birthDate'],
    ['3328097201900003', 'birthDate'],
    ['3328090513900003', 'birthDate'],
    ['3328093102900003', 'birthDate'],
    ['3328090501900000', 'serial'],
  ])('refuses %s for its %s, with a message in both languages', (nik, problem) => {
    const r = parseNik(nik, { currentYear: 2026 });
    expect(r).toMatchObject({ ok: false, problem });
    if (!r.ok) {
      expect(r.message.id).toMatch(/NIK/);
      expect(r.message.en).toMatch(/NIK/);
    }
  });

  it('accepts 29 February only in a leap year of the resolved century', () => {
    expect(parseNik('3328092902000001', { currentYear: 2026 }).ok).toBe(true); // 2000
    expect(parseNik('3328092902000001', { currentYear: 1999 }).ok).toBe(false); // 1900
    expect(parseNik('3328092902010001', { currentYear: 2026 }).ok).toBe(false);
    // Without a reference year either century may hold it.
    expect(parseNik('3328092902000001').ok).toBe(true);
  });

  it('round-trips every valid NIK through composeNik (property)', () => {
    fc.assert(
      fc.property(nikParts, fc.integer({ min: 2000, max: 2099 }), (parts, currentYear) => {
        const r = parseNik(composeNik(parts), { currentYear });
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const { birthYear, nik, provinceName, ...read } = r.info;
        expect(read).toEqual(parts);
        expect(provinceName).toBe(NIK_PROVINCES[parts.provinceCode]);
        expect(birthYear).toBeLessThanOrEqual(currentYear);
        expect(birthYear! % 100).toBe(parts.birthYearTwoDigits);
      }),
    );
  });

  it('refuses every string that is not 16 digits, never throwing (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const r = parseNik(s);
        if (!/^\d{16}$/.test(s.replace(/[\s.]/g, '')))
          expect(r).toMatchObject({ ok: false, problem: 'format' });
      }),
    );
  });

  it('refuses an unknown province code whatever follows (property)', () => {
    const unknown = fc
      .integer({ min: 0, max: 99 })
      .map((n) => String(n).padStart(2, '0'))
      .filter((c) => !(c in NIK_PROVINCES));
    fc.assert(
      fc.property(unknown, nikParts, (code, parts) => {
        expect(parseNik(composeNik({ ...parts, provinceCode: code }))).toMatchObject({
          ok: false,
          problem: 'province',
        });
      }),
    );
  });
});

describe('resolveBirthYear', () => {
  it('reads a two-digit year in this century unless that is after the current year', () => {
    expect(resolveBirthYear(5, 2026)).toBe(2005);
    expect(resolveBirthYear(26, 2026)).toBe(2026);
    expect(resolveBirthYear(27, 2026)).toBe(1927);
    expect(resolveBirthYear(90, 2026)).toBe(1990);
  });
});
