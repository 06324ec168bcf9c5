import type { Waktu, WaktuUnit } from '@alur/schema';

const ISO_PART: Record<WaktuUnit, (n: string) => string> = {
  menit: (n) => `PT${n}M`,
  jam: (n) => `PT${n}H`,
  hari: (n) => `P${n}D`,
  minggu: (n) => `P${n}W`,
  bulan: (n) => `P${n}M`,
  tahun: (n) => `P${n}Y`,
};

/** A waktu as an ISO 8601 duration (PT10M, P2D, P1M); per-item waktu gives its per-item amount. */
export function formatIsoDuration(w: Waktu): string {
  return ISO_PART[w.unit](String(w.amount));
}

const ISO_RE =
  /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;
const ORDER: (WaktuUnit | 'detik')[] = ['tahun', 'bulan', 'minggu', 'hari', 'jam', 'menit', 'detik'];

/**
 * Reads an ISO 8601 duration back into a waktu: one component keeps its unit; a mix of hours,
 * minutes and seconds becomes minutes. Anything else (P1DT2H, P0D, text) gives null.
 */
export function parseIsoDuration(text: string): Waktu | null {
  const m = ISO_RE.exec(text.trim().toUpperCase());
  if (!m || text.trim().length <= 2) return null;
  const parts = ORDER.map((u, i) => ({
    unit: u,
    amount: m[i + 1] ? Number(m[i + 1]!.replace(',', '.')) : 0,
  })).filter((p) => p.amount > 0);
  if (parts.length === 0) return null;
  if (parts.length === 1 && parts[0]!.unit !== 'detik') {
    return { amount: parts[0]!.amount, unit: parts[0]!.unit as WaktuUnit, perItem: false };
  }
  if (parts.every((p) => p.unit === 'jam' || p.unit === 'menit' || p.unit === 'detik')) {
    const minutes = parts.reduce(
      (s, p) => s + p.amount * (p.unit === 'jam' ? 60 : p.unit === 'menit' ? 1 : 1 / 60),
      0,
    );
    return { amount: Math.round(minutes * 1000) / 1000, unit: 'menit', perItem: false };
  }
  return null;
}

/** Escapes text for an XML attribute or element. */
export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;')
    .split('')
    .filter(isXmlChar)
    .join('');
}

// XML 1.0 forbids most control characters even as references; they are dropped.
function isXmlChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c >= 0x20 ? c !== 0xfffe && c !== 0xffff : c === 0x09 || c === 0x0a || c === 0x0d;
}
