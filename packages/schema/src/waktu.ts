import { z } from 'zod';

/** Units of a Mutu Baku waktu, as written in the SOP tables. */
export const WAKTU_UNITS = ['menit', 'jam', 'hari', 'minggu', 'bulan', 'tahun'] as const;
export type WaktuUnit = (typeof WAKTU_UNITS)[number];

/** A time standard: `amount` of `unit`; `perItem` marks the "@5 Menit" form (per berkas). */
export const waktuSchema = z.object({
  amount: z.number().positive().max(100_000),
  unit: z.enum(WAKTU_UNITS),
  perItem: z.boolean().default(false),
});
export type Waktu = z.infer<typeof waktuSchema>;

/** Error thrown by `parseWaktuOrThrow`; carries the field it concerns. */
export class WaktuParseError extends Error {
  constructor(
    readonly input: string,
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'WaktuParseError';
  }
}

export type WaktuParseResult =
  | { ok: true; waktu: Waktu | null }
  | { ok: false; error: { code: 'WAKTU_INVALID'; field: string; id: string; en: string } };

// Spellings seen in the seed tables and in the wild, mapped to the canonical unit.
const UNIT_ALIASES: Record<string, WaktuUnit> = {
  menit: 'menit',
  mnt: 'menit',
  mt: 'menit',
  m: 'menit',
  min: 'menit',
  jam: 'jam',
  j: 'jam',
  hari: 'hari',
  hr: 'hari',
  h: 'hari',
  hari_kerja: 'hari',
  minggu: 'minggu',
  mgg: 'minggu',
  pekan: 'minggu',
  bulan: 'bulan',
  bln: 'bulan',
  tahun: 'tahun',
  thn: 'tahun',
  th: 'tahun',
};

const WAKTU_RE = /^(@)?\s*(\d+(?:[.,]\d+)?)\s*([a-z]+(?:\s+kerja)?)$/;

/**
 * Parses a free-written waktu ("10 menit", "@5 Menit", "1hr", "2 Hari", "0", "") into a Waktu.
 * Empty text and `0` mean "no target" and give `null`. Never throws.
 */
export function parseWaktu(input: string, field = 'waktu'): WaktuParseResult {
  const text = input
    .replace(/\u00a0/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
  if (text === '' || text === '-' || /^@?\s*0+([.,]0+)?(\s*[a-z]+)?$/.test(text))
    return { ok: true, waktu: null };
  const m = WAKTU_RE.exec(text);
  const unitWord = m?.[3]?.replace(/\s+kerja$/, '');
  const unit = unitWord ? UNIT_ALIASES[unitWord] : undefined;
  if (!m || !unit) {
    return {
      ok: false,
      error: {
        code: 'WAKTU_INVALID',
        field,
        id: `Waktu "${input.trim()}" tidak dikenali pada ${field}: tulis angka dan satuan, mis. "10 menit", "2 hari", "@5 menit".`,
        en: `Waktu "${input.trim()}" is not understood in ${field}: write a number and a unit, e.g. "10 menit", "2 hari", "@5 menit".`,
      },
    };
  }
  const amount = Number(m[2]!.replace(',', '.'));
  return { ok: true, waktu: { amount, unit, perItem: m[1] === '@' } };
}

/** Like `parseWaktu`, but throws a `WaktuParseError` naming the field. */
export function parseWaktuOrThrow(input: string, field = 'waktu'): Waktu | null {
  const r = parseWaktu(input, field);
  if (!r.ok) throw new WaktuParseError(input, field, r.error.id);
  return r.waktu;
}

/**
 * Nominal length of each unit in working minutes, used only to compare and add durations
 * (critical path, totals); due dates use the agency's real working calendar instead.
 */
export interface NominalScale {
  minutesPerDay: number;
  daysPerMonth: number;
}
export const DEFAULT_NOMINAL_SCALE: NominalScale = { minutesPerDay: 450, daysPerMonth: 21 };

/** Converts a waktu to nominal working minutes (0 for no target). */
export function waktuToNominalMinutes(
  waktu: Waktu | null | undefined,
  scale = DEFAULT_NOMINAL_SCALE,
): number {
  if (!waktu) return 0;
  const day = scale.minutesPerDay;
  const perUnit: Record<WaktuUnit, number> = {
    menit: 1,
    jam: 60,
    hari: day,
    minggu: 5 * day,
    bulan: scale.daysPerMonth * day,
    tahun: 12 * scale.daysPerMonth * day,
  };
  return waktu.amount * perUnit[waktu.unit];
}
