import type { Identity } from '@alur/schema';

const FIELDS: Record<string, keyof Identity> = {
  'NOMOR SOP': 'nomor',
  'TANGGAL PEMBUATAN': 'tanggalPembuatan',
  'TANGGAL REVISI': 'tanggalRevisi',
  'TANGGAL EFEKTIF': 'tanggalEfektif',
  'NAMA SOP': 'nama',
};
const LISTS: Record<string, keyof Identity> = {
  'DASAR HUKUM': 'dasarHukum',
  'KUALIFIKASI PELAKSANA': 'kualifikasiPelaksana',
  KETERKAITAN: 'keterkaitan',
  'PERALATAN/PERLENGKAPAN': 'peralatan',
  PERINGATAN: 'peringatan',
  'PENCATATAN DAN PENDATAAN': 'pencatatan',
};

const key = (s: string) => s.trim().toUpperCase().replace(/:$/, '').replace(/\s+/g, ' ');

/** "1. a\n2. b" → ["a", "b"]; "-" or "" → []. */
export function parseList(text: string): string[] {
  const t = text.trim();
  if (t === '' || t === '-') return [];
  const lines = t
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.every((l) => /^\d+[.)]\s/.test(l)) ? lines.map((l) => l.replace(/^\d+[.)]\s+/, '')) : [t];
}

/**
 * Reads the identity sheet of PermenPAN-RB 35/2012 from the tables of a .docx (label cells
 * "NOMOR SOP", "DASAR HUKUM:" …, as Alur writes them); fields not found are left out.
 */
export function readIdentityTables(tables: string[][][]): Partial<Identity> {
  const out: Record<string, unknown> = {};
  for (const t of tables) {
    // Alur's header block: the unit (nama, bidang, alamat) spans the rows left of NOMOR SOP.
    const first = t[0] ?? [];
    if (first.length >= 3 && key(first[1] ?? '') === 'NOMOR SOP') {
      const [nama = '', bidang = '', alamat = ''] = (first[0] ?? '').split('\n').map((l) => l.trim());
      out.unit = { nama, bidang, alamat };
    }
    for (const [r, row] of t.entries()) {
      row.forEach((cell, c) => {
        const k = key(cell);
        const field = FIELDS[k];
        if (field && row[c + 1] !== undefined) out[field] = row[c + 1]!.trim();
        if (k === 'DISAHKAN OLEH' && row[c + 1] !== undefined) {
          const lines = row[c + 1]!.split('\n')
            .map((l) => l.trim())
            .filter(Boolean);
          const nip = lines.find((l) => /^NIP\.?\s/i.test(l));
          const rest = lines.filter((l) => l !== nip);
          out.disahkanOleh = {
            jabatan: rest[0] ?? '',
            nama: rest.length > 1 ? rest[rest.length - 1]! : '',
            nip: nip ? nip.replace(/^NIP\.?\s*/i, '') : '',
          };
        }
        const list = LISTS[k];
        if (list && t[r + 1]?.[c] !== undefined) out[list] = parseList(t[r + 1]![c]!);
      });
    }
  }
  return out as Partial<Identity>;
}
