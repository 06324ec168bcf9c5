import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toWinAnsi } from './text.ts';

describe('toWinAnsi', () => {
  it('keeps Indonesian text and cp1252 punctuation as is', () => {
    expect(toWinAnsi('Kepala Dinas’s “disposisi” – é')).toBe('Kepala Dinas’s “disposisi” – é');
  });
  it('spells out symbols and drops accents the font cannot print', () => {
    expect(toWinAnsi('✓ ya → 7, ≥ 2, Şğ, 漢')).toBe('v ya -> 7, >= 2, Sg, ?');
  });
  it('always returns printable WinAnsi text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        for (const ch of toWinAnsi(s)) {
          const c = ch.codePointAt(0)!;
          expect(c === 10 || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || c > 0x150).toBe(true);
        }
      }),
    );
  }, 30_000);
});
