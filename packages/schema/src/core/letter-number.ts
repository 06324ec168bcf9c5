/**
 * Letter number formats (penomoran surat), pure: `{kode}/{urut:4}/{unit}/{tahun}` →
 * `470/0123/Dinsos/2026`. Tokens: `{kode}` the output's series code, `{urut}` / `{urut:N}` the
 * serial (zero-padded to N digits), `{unit}` the agency's unit code, `{tahun}` the year,
 * `{bulan}` the month (01–12), `{bulan_romawi}` the month in Roman numerals (I–XII).
 */

export const DEFAULT_LETTER_FORMAT = '{kode}/{urut:4}/{unit}/{tahun}';

const TOKEN = /\{([a-z_]+)(?::(\d+))?\}/g;
const KNOWN = new Set(['kode', 'urut', 'unit', 'tahun', 'bulan', 'bulan_romawi']);
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/** The month (1–12) in Roman numerals, as letters write it: 11 → "XI". */
export function toRomanMonth(month: number): string {
  const roman = ROMAN[month - 1];
  if (!roman) throw new RangeError(`month ${month} is not 1–12`);
  return roman;
}

export type FormatCheck = { ok: true } | { ok: false; id: string; en: string };

/** Whether a format can number letters: known tokens only, exactly one `{urut}`, at most 100 characters. */
export function checkLetterFormat(format: string): FormatCheck {
  if (format.trim() === '' || format.length > 100) {
    return {
      ok: false,
      id: 'Format nomor surat wajib diisi (paling banyak 100 karakter).',
      en: 'The letter number format is required (at most 100 characters).',
    };
  }
  const unknown: string[] = [];
  let serials = 0;
  for (const m of format.matchAll(TOKEN)) {
    const name = m[1]!;
    if (!KNOWN.has(name) || (m[2] !== undefined && name !== 'urut')) unknown.push(m[0]);
    if (name === 'urut') {
      serials++;
      if (m[2] !== undefined && (Number(m[2]) < 1 || Number(m[2]) > 10)) unknown.push(m[0]);
    }
  }
  // A brace outside a token is a typo ("{urut"), not text to print.
  const rest = format.replace(TOKEN, '');
  if (/[{}]/.test(rest)) unknown.push(rest.match(/[{}][^{}]*/)?.[0] ?? '{');
  if (unknown.length) {
    return {
      ok: false,
      id: `Format nomor surat memuat bagian yang tidak dikenal: ${unknown.join(', ')}. Yang dikenal: {kode}, {urut:N}, {unit}, {tahun}, {bulan}, {bulan_romawi}.`,
      en: `The letter number format has unknown parts: ${unknown.join(', ')}. Known: {kode}, {urut:N}, {unit}, {tahun}, {bulan}, {bulan_romawi}.`,
    };
  }
  if (serials !== 1) {
    return {
      ok: false,
      id: 'Format nomor surat harus memuat {urut} (nomor urut) tepat satu kali.',
      en: 'The letter number format must hold {urut} (the serial) exactly once.',
    };
  }
  return { ok: true };
}

/** The parts a number is made of. `month` is 1–12 in the agency's zone. */
export interface LetterNumberParts {
  kode: string;
  unit: string;
  serial: number;
  year: number;
  month: number;
}

/** Writes a letter number in `format` (checked with `checkLetterFormat` first). */
export function formatLetterNumber(format: string, parts: LetterNumberParts): string {
  return format.replace(TOKEN, (_all, name: string, width?: string) => {
    switch (name) {
      case 'kode':
        return parts.kode;
      case 'unit':
        return parts.unit;
      case 'urut':
        return String(parts.serial).padStart(Number(width ?? 0), '0');
      case 'tahun':
        return String(parts.year);
      case 'bulan':
        return String(parts.month).padStart(2, '0');
      case 'bulan_romawi':
        return toRomanMonth(parts.month);
      default:
        return _all;
    }
  });
}
