import type { DataField, NodeField } from '../data-fields.ts';
import type { SopDocument } from '../document.ts';
import { sketch } from './sketch.ts';

/** The applicant's data of a typical service SOP, for tests. */
export const APPLICANT_FIELDS: DataField[] = [
  { key: 'nama_pemohon', label: 'Nama pemohon', type: 'text' },
  { key: 'nik', label: 'NIK', type: 'nik' },
  { key: 'alamat', label: 'Alamat', type: 'longtext' },
  { key: 'telepon', label: 'Nomor telepon', type: 'phone' },
  { key: 'email', label: 'Email', type: 'email' },
  { key: 'jumlah_tanggungan', label: 'Jumlah tanggungan', type: 'number' },
  { key: 'penghasilan', label: 'Penghasilan per bulan', type: 'money' },
  { key: 'tanggal_lahir', label: 'Tanggal lahir', type: 'date' },
  { key: 'keperluan', label: 'Keperluan', type: 'choice', options: ['Subsidi listrik', 'KIP'] },
  { key: 'layak', label: 'Layak', type: 'yesno' },
  { key: 'ktp', label: 'Scan KTP', type: 'file', kelengkapan: 'Fotokopi KTP' },
  { key: 'foto_rumah', label: 'Foto rumah', type: 'file', multiple: true },
];

/*
 *  staf:  (s) → [a] → <d> —ya→ (e)
 *                ↑      |
 *                └tidak─┘
 * The start form (s) fills the applicant's data; a checks the KTP; d decides "layak".
 */
export function caseFileDoc(forms: { s?: NodeField[]; a?: NodeField[]; d?: NodeField[] } = {}): SopDocument {
  const doc = sketch({
    lanes: ['staf'],
    nodes: ['s start staf', 'a activity staf 1 hari', 'd decision staf 1 hari', 'e end staf'],
    flows: ['s>a', 'a>d', 'd>e:ya', 'd>a:tidak'],
  });
  const kelengkapan: Record<string, string[]> = { a: ['Fotokopi KTP'] };
  return {
    ...doc,
    dataFields: APPLICANT_FIELDS,
    nodes: doc.nodes.map((n) => ({
      ...n,
      fields: forms[n.id as 's' | 'a' | 'd'] ?? [],
      mutuBaku: { ...n.mutuBaku, kelengkapan: kelengkapan[n.id] ?? [] },
    })),
  };
}
