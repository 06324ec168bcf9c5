import type { Waktu } from '../waktu.ts';

/** Formats a waktu the way it is printed: "10 menit", "@5 menit", "1,5 jam", "" for no target. */
export function formatWaktu(waktu: Waktu | null | undefined): string {
  if (!waktu) return '';
  const amount = Number.isInteger(waktu.amount)
    ? String(waktu.amount)
    : String(waktu.amount).replace('.', ',');
  return `${waktu.perItem ? '@' : ''}${amount} ${waktu.unit}`;
}
