import type { Waktu } from '@alur/schema';

/**
 * Waktu as written in the SOP ("10 menit", "@5 menit"). Same output as `formatWaktu` of
 * `@alur/schema` (the test checks it), kept here because importing the schema package's runtime
 * code would pull zod (~40 kB gzipped) into the phone bundle.
 */
export function formatWaktuText(waktu: Waktu | null | undefined): string {
  if (!waktu) return '';
  const amount = Number.isInteger(waktu.amount)
    ? String(waktu.amount)
    : String(waktu.amount).replace('.', ',');
  return `${waktu.perItem ? '@' : ''}${amount} ${waktu.unit}`;
}
