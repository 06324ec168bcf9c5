import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatWaktu } from './core/waktu-format.ts';
import { parseWaktu, parseWaktuOrThrow, WAKTU_UNITS, WaktuParseError } from './waktu.ts';

describe('parseWaktu', () => {
  it.each([
    ['10 menit', { amount: 10, unit: 'menit', perItem: false }],
    ['10 Menit', { amount: 10, unit: 'menit', perItem: false }],
    ['@5 Menit', { amount: 5, unit: 'menit', perItem: true }],
    ['@1 Hari', { amount: 1, unit: 'hari', perItem: true }],
    ['1 jam', { amount: 1, unit: 'jam', perItem: false }],
    ['1jam', { amount: 1, unit: 'jam', perItem: false }],
    ['60 menit', { amount: 60, unit: 'menit', perItem: false }],
    ['2 Hari', { amount: 2, unit: 'hari', perItem: false }],
    ['1hr', { amount: 1, unit: 'hari', perItem: false }],
    ['1 hari kerja', { amount: 1, unit: 'hari', perItem: false }],
    ['1 minggu', { amount: 1, unit: 'minggu', perItem: false }],
    ['3 bulan', { amount: 3, unit: 'bulan', perItem: false }],
    ['180 hari', { amount: 180, unit: 'hari', perItem: false }],
    ['1 tahun', { amount: 1, unit: 'tahun', perItem: false }],
    ['  2   HARI ', { amount: 2, unit: 'hari', perItem: false }],
    ['1,5 jam', { amount: 1.5, unit: 'jam', perItem: false }],
  ])('reads %j', (input, expected) => {
    expect(parseWaktu(input)).toEqual({ ok: true, waktu: expected });
  });

  it.each(['', '   ', '0', '-', '0 menit'])('reads %j as no target', (input) => {
    expect(parseWaktu(input)).toEqual({ ok: true, waktu: null });
  });

  it.each(['sepuluh menit', '10', 'menit', '10 detik', '5 x', '1/2 hari'])(
    'rejects %j naming the field',
    (input) => {
      const r = parseWaktu(input, 'baris 3 › waktu');
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('WAKTU_INVALID');
        expect(r.error.field).toBe('baris 3 › waktu');
        expect(r.error.id).toContain('baris 3 › waktu');
      }
    },
  );

  it('throws a WaktuParseError with the field from parseWaktuOrThrow', () => {
    expect(() => parseWaktuOrThrow('sepuluh menit', 'nodes.2.waktu')).toThrow(WaktuParseError);
    expect(() => parseWaktuOrThrow('sepuluh menit', 'nodes.2.waktu')).toThrow(/nodes\.2\.waktu/);
  });
});

describe('formatWaktu', () => {
  it('prints the per-item mark and the unit', () => {
    expect(formatWaktu({ amount: 5, unit: 'menit', perItem: true })).toBe('@5 menit');
    expect(formatWaktu({ amount: 1.5, unit: 'jam', perItem: false })).toBe('1,5 jam');
    expect(formatWaktu(null)).toBe('');
  });

  it('parse ∘ format is the identity on every waktu', () => {
    const waktu = fc.record({
      amount: fc.oneof(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 9999 }).map((n) => n / 10),
      ),
      unit: fc.constantFrom(...WAKTU_UNITS),
      perItem: fc.boolean(),
    });
    fc.assert(
      fc.property(waktu, (w) => {
        expect(parseWaktu(formatWaktu(w))).toEqual({ ok: true, waktu: w });
      }),
    );
  });

  it('format ∘ parse normalises case and spacing but keeps the meaning', () => {
    const written = fc
      .tuple(
        fc.boolean(),
        fc.integer({ min: 1, max: 999 }),
        fc.constantFrom(' ', '  ', ''),
        fc.constantFrom('menit', 'Menit', 'MENIT', 'jam', 'Hari', 'hr', 'minggu', 'Bulan', 'tahun'),
      )
      .map(([at, n, sp, u]) => `${at ? '@' : ''}${n}${sp}${u}`);
    fc.assert(
      fc.property(written, (s) => {
        const first = parseWaktu(s);
        expect(first.ok).toBe(true);
        if (first.ok) expect(parseWaktu(formatWaktu(first.waktu))).toEqual(first);
      }),
    );
  });
});
