/**
 * The case files of the demo's service SOPs (issue #13): the applicant's data, upload slots for the
 * requirements, and which step's form shows what. The 2019 tables name "Kelengkapan Persyaratan"
 * without listing it; the items added to row 1 are the usual requirements of these services at a
 * Dinas Sosial (KTP, KK, surat pengantar/SKTM of the Desa/Kelurahan). seeds/CORRECTIONS.md lists them.
 */
import type { DataField, FieldMode, SopDocument } from '../../packages/schema/src/index.ts';
import { patchRow } from './edit-draft.ts';
import type { SeedDraft } from './seed-draft.ts';

export interface CaseFileSpec {
  /** Requirement items added to a row's Kelengkapan (row number → items). */
  kelengkapan: Record<number, string[]>;
  dataFields: DataField[];
  /** Forms by node id ("start", "r1" …): "key:mode" words, mode read | edit | require. */
  forms: Record<string, string>;
}

const KTP = 'Fotokopi KTP';
const KK = 'Fotokopi KK';
const PENGANTAR = 'Surat Pengantar Desa/Kelurahan';
const SKTM = 'SKTM dari Desa/Kelurahan';

/** The applicant, as every service SOP asks for it. */
const APPLICANT: DataField[] = [
  { key: 'nama_pemohon', label: 'Nama pemohon', type: 'text' },
  { key: 'nik', label: 'NIK pemohon', type: 'nik' },
  // A KK number identifies a family as a NIK does a person (UU 24/2013 Pasal 84).
  { key: 'nomor_kk', label: 'Nomor KK', type: 'text', personal: true },
  { key: 'alamat', label: 'Alamat', type: 'longtext' },
  { key: 'desa_kelurahan', label: 'Desa/Kelurahan', type: 'text' },
  { key: 'kecamatan', label: 'Kecamatan', type: 'text' },
  { key: 'telepon', label: 'Nomor telepon/HP', type: 'phone' },
];
const APPLICANT_START =
  'nama_pemohon:require nik:require nomor_kk:edit alamat:require desa_kelurahan:edit kecamatan:edit telepon:edit';
const APPLICANT_READ = 'nama_pemohon:read nik:read alamat:read';
const scan = (key: string, label: string, kelengkapan: string): DataField => ({
  key,
  label,
  type: 'file',
  kelengkapan,
});

export const CASE_FILES: Record<string, CaseFileSpec> = {
  'tegal-dtks': {
    kelengkapan: { 1: [KTP, KK, PENGANTAR] },
    dataFields: [
      ...APPLICANT,
      {
        key: 'keperluan',
        label: 'Keperluan surat',
        type: 'choice',
        options: ['Subsidi listrik (PLN)', 'Pengajuan KIP (sekolah/universitas)', 'Lainnya'],
      },
      scan('scan_ktp', 'Scan KTP', KTP),
      scan('scan_kk', 'Scan KK', KK),
      scan('surat_pengantar', 'Surat pengantar Desa/Kelurahan', PENGANTAR),
      { key: 'terdata_dtks', label: 'Terdata di DTKS', type: 'yesno' },
      // The letter's number comes from Alur's numbering when staff make the letter (issue #14),
      // so no step types it.
      { key: 'surat_keterangan', label: 'Surat Keterangan DTKS (bertanda tangan)', type: 'file' },
      { key: 'tanda_terima', label: 'Tanda terima', type: 'file', kelengkapan: 'Tanda Terima' },
    ],
    forms: {
      start: `${APPLICANT_START} keperluan:require scan_ktp:edit scan_kk:edit surat_pengantar:edit`,
      r1: `${APPLICANT_READ} keperluan:read nomor_kk:edit scan_ktp:require scan_kk:require surat_pengantar:require terdata_dtks:require`,
      r2: `${APPLICANT_READ} keperluan:read terdata_dtks:read`,
      r3: 'nama_pemohon:read',
      r4: 'nama_pemohon:read surat_keterangan:require',
      r5: 'nama_pemohon:read surat_keterangan:read scan_ktp:read scan_kk:read surat_pengantar:read',
      r6: 'nama_pemohon:read telepon:read surat_keterangan:read tanda_terima:edit',
    },
  },
  'tegal-kis': {
    kelengkapan: { 1: [KTP, KK, SKTM] },
    dataFields: [
      ...APPLICANT,
      { key: 'jumlah_anggota_keluarga', label: 'Jumlah anggota keluarga', type: 'number' },
      { key: 'penghasilan_keluarga', label: 'Penghasilan keluarga per bulan', type: 'money' },
      scan('scan_ktp', 'Scan KTP', KTP),
      scan('scan_kk', 'Scan KK', KK),
      scan('sktm', 'SKTM', SKTM),
      { key: 'catatan_home_visit', label: 'Catatan home visit', type: 'longtext' },
      { key: 'foto_home_visit', label: 'Foto home visit', type: 'file', multiple: true },
      { key: 'layak', label: 'Layak diajukan', type: 'yesno' },
      { key: 'berkas_verifikasi', label: 'Berkas verifikasi', type: 'file' },
      { key: 'tanggal_pengesahan', label: 'Tanggal pengesahan', type: 'date' },
      { key: 'nomor_kis', label: 'Nomor kartu KIS', type: 'text', personal: true },
      { key: 'tanda_terima', label: 'Tanda terima', type: 'file', kelengkapan: 'Tanda Terima' },
    ],
    forms: {
      start: `${APPLICANT_START} jumlah_anggota_keluarga:edit penghasilan_keluarga:edit scan_ktp:edit scan_kk:edit sktm:edit`,
      r1: `${APPLICANT_READ} nomor_kk:edit scan_ktp:require scan_kk:require sktm:require`,
      r2: `${APPLICANT_READ} desa_kelurahan:read kecamatan:read telepon:read jumlah_anggota_keluarga:edit penghasilan_keluarga:edit catatan_home_visit:require foto_home_visit:edit layak:require`,
      r3: 'nama_pemohon:read nik:read layak:read catatan_home_visit:read berkas_verifikasi:require',
      r4: 'nama_pemohon:read berkas_verifikasi:read tanggal_pengesahan:require',
      r5: 'nama_pemohon:read berkas_verifikasi:read tanggal_pengesahan:read scan_ktp:read scan_kk:read sktm:read',
      r6: 'nama_pemohon:read alamat:read telepon:read nomor_kis:require tanda_terima:edit',
    },
  },
  'tegal-reaktivasi-kis': {
    kelengkapan: {
      1: [
        KTP,
        KK,
        'Fotokopi kartu KIS',
        'SK penonaktifan KIS atau surat keterangan sedang menjalani pengobatan',
      ],
    },
    dataFields: [
      ...APPLICANT,
      { key: 'nomor_kis', label: 'Nomor kartu KIS', type: 'text', personal: true },
      scan('scan_ktp', 'Scan KTP', KTP),
      scan('scan_kk', 'Scan KK', KK),
      scan('scan_kis', 'Scan kartu KIS', 'Fotokopi kartu KIS'),
      scan(
        'dasar_penonaktifan',
        'SK penonaktifan / surat keterangan pengobatan',
        'SK penonaktifan KIS atau surat keterangan sedang menjalani pengobatan',
      ),
      {
        key: 'dasar_reaktivasi',
        label: 'Dasar reaktivasi',
        type: 'choice',
        options: ['SK penonaktifan KIS', 'Surat keterangan sedang menjalani pengobatan'],
      },
      { key: 'nomor_sk_penonaktifan', label: 'Nomor SK penonaktifan', type: 'text' },
      { key: 'nomor_surat', label: 'Nomor Surat Reaktivasi', type: 'text' },
      { key: 'tanggal_surat', label: 'Tanggal Surat Reaktivasi', type: 'date' },
      { key: 'surat_reaktivasi', label: 'Surat Reaktivasi KIS (bertanda tangan)', type: 'file' },
      {
        key: 'tanda_terima',
        label: 'Tanda terima kantor pos',
        type: 'file',
        kelengkapan: 'Tanda Terima Kantor Pos',
      },
    ],
    forms: {
      start: `${APPLICANT_START} nomor_kis:require scan_ktp:edit scan_kk:edit scan_kis:edit dasar_penonaktifan:edit`,
      r1: `${APPLICANT_READ} nomor_kis:read nomor_kk:edit scan_ktp:require scan_kk:require scan_kis:require dasar_penonaktifan:require`,
      r2: 'nama_pemohon:read nomor_kis:read dasar_penonaktifan:read dasar_reaktivasi:require nomor_sk_penonaktifan:edit',
      r3: 'nama_pemohon:read nik:read nomor_kis:read dasar_reaktivasi:read nomor_sk_penonaktifan:read',
      r4: 'nama_pemohon:read nomor_kis:read',
      r5: 'nama_pemohon:read nomor_surat:require tanggal_surat:require surat_reaktivasi:require',
      r6: 'nama_pemohon:read nomor_surat:read surat_reaktivasi:read scan_ktp:read scan_kk:read scan_kis:read dasar_penonaktifan:read',
      r7: 'nama_pemohon:read alamat:read telepon:read surat_reaktivasi:read tanda_terima:edit',
    },
  },
};

/** Adds the requirement items to the rows' Kelengkapan (before the graph is rebuilt). */
export function addKelengkapan(d: SeedDraft, spec: CaseFileSpec) {
  for (const [no, items] of Object.entries(spec.kelengkapan)) {
    const node = d.rows[Number(no) - 1]?.node;
    if (!node) throw new Error(`no row ${no}`);
    patchRow(d, Number(no), { kelengkapan: [...node.mutuBaku.kelengkapan, ...items] });
  }
}

/** Puts the data fields and the forms on the rebuilt document. */
export function applyCaseFile(doc: SopDocument, spec: CaseFileSpec): SopDocument {
  const forms = new Map(
    Object.entries(spec.forms).map(([nodeId, words]) => [
      nodeId,
      words
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => {
          const [key, mode] = w.split(':') as [string, FieldMode];
          return { key, mode };
        }),
    ]),
  );
  for (const id of forms.keys()) if (!doc.nodes.some((n) => n.id === id)) throw new Error(`no node ${id}`);
  return {
    ...doc,
    dataFields: spec.dataFields,
    nodes: doc.nodes.map((n) => ({ ...n, fields: forms.get(n.id) ?? n.fields })),
  };
}
