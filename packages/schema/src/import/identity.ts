import type { Signer } from '../document.ts';
import { cleanCell, titleCaseIfShouting } from './cells.ts';

export interface TitleParts {
  name: string;
  unitNama: string;
  bidang: string;
}

const BOILERPLATE = /^standar (operasional|pelayanan) prosedur( \(sop\))?\.?$/i;

/** Reads the SOP name, the agency and the division from the title lines above a table. */
export function readTitle(lines: string[]): TitleParts {
  let unitNama = '';
  let bidang = '';
  const nameParts: string[] = [];
  for (const raw of lines) {
    const line = cleanCell(raw);
    if (line === '' || BOILERPLATE.test(line)) continue;
    if (/^nama sop$/i.test(line)) continue;
    if (/^dinas\b/i.test(line) && !unitNama) {
      unitNama = formatUnitName(line);
      continue;
    }
    if (/^bidang\b/i.test(line)) {
      bidang = titleCaseIfShouting(line.replace(/\.$/, ''));
      continue;
    }
    nameParts.push(line);
  }
  const name = nameParts
    .join(' ')
    .replace(/^sop\s+/i, '')
    .replace(/\.$/, '')
    .trim();
  return { name, unitNama, bidang };
}

/** "DINAS SOSIAL KAB. TEGAL TAHUN 2019." → "Dinas Sosial Kabupaten Tegal". */
export function formatUnitName(line: string): string {
  const bare = line
    .replace(/\s+tahun\s+\d{4}\.?$/i, '')
    .replace(/\.$/, '')
    .trim();
  return titleCaseIfShouting(bare).replace(/\bKab\.\s*/g, 'Kabupaten ');
}

const DATE_LINE = /^[A-Za-z .]+,\s*(\d{1,2}\s+)?[A-Za-z]+\s+\d{4}$/;
const NIP_LINE = /^NIP\.?\s*:?\s*(.+)$/i;

/** Reads jabatan, nama and NIP from the signature block under a table. */
export function readSignature(lines: string[]): Signer {
  const clean = lines.map(cleanCell).filter((l) => l !== '' && !DATE_LINE.test(l));
  const nipAt = clean.findIndex((l) => NIP_LINE.test(l));
  const nip = nipAt >= 0 ? (NIP_LINE.exec(clean[nipAt]!)?.[1] ?? '').trim() : '';
  const before = nipAt >= 0 ? clean.slice(0, nipAt) : clean;
  if (before.length === 0) return { jabatan: '', nama: '', nip };
  const nama = before[before.length - 1]!;
  const jabatan = before
    .slice(0, -1)
    .map((l) => titleCaseIfShouting(l))
    .join(' ');
  return { jabatan, nama, nip };
}
