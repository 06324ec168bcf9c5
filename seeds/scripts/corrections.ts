/**
 * The hand corrections applied to the importer's output, one function per seed. Each line is a
 * judgement made by reading the source table; seeds/CORRECTIONS.md says why.
 */
import {
  bindLane,
  patchIdentity,
  patchRow,
  renameLane,
  replaceLanes,
  setDecision,
  setLane,
} from './edit-draft.ts';
import type { SeedDraft } from './seed-draft.ts';

const TEGAL = 'Dinas Sosial Kabupaten Tegal';
const KADIS_TEGAL = 'Kepala Dinas Sosial Kabupaten Tegal';
type Fix = (d: SeedDraft) => void;

// RKT and PK: row 6 repeats row 7 (Kepala Dinas checks the draft); its "tidak" names Kabid, whose
// latest earlier row is 2 — the importer's choice is kept.
export const CORRECTIONS: Record<string, Fix> = {
  'tegal-lakip': (d) => renameLane(d, 'Kabis Bina Program', 'Kabid Bina Program'),
  'tegal-lkpj': () => {},
  'tegal-renja': (d) => renameLane(d, 'Kabid Bina Prgram', 'Kabid Bina Program'),
  'tegal-rkt': () => {},
  'tegal-pk': (d) => renameLane(d, 'Kasia Perenc.', 'Kasi Perenc.'),
  'tegal-adopsi': (d) => {
    // Kasi (row 5) and Staf/Peksos (row 6) make the home visit at the same time.
    d.parallel.push([5, 6]);
  },
  'tegal-anak-terlantar': (d) => {
    // "jika tidak disetujui untuk diperbaiki": the draft is fixed by Kabid (row 7), as in row 8.
    setDecision(d, 10, 7);
  },
  'tegal-difabel-terlantar': (d) => {
    // "Tim dari Dinas Sosial melakukan pendampingan": the field team is Staf.
    setLane(d, 'STAF', 9);
  },
  'tegal-jadup-lansia': (d) => {
    // One PELAKSANAAN column of sentences: the Desa proposes, the Dinas Sosial does the rest.
    replaceLanes(
      d,
      [
        { id: 'desa', name: 'Desa/Kelurahan', kind: 'external', recordedBy: 'staf' },
        { id: 'dinsos', name: 'Dinas Sosial', kind: 'position', positionKey: 'staf' },
      ],
      ['Desa/Kelurahan', 'Dinas Sosial', 'Dinas Sosial', 'Dinas Sosial', 'Dinas Sosial'],
    );
  },
  'tegal-pengiriman-lansia': (d) => {
    setDecision(d, 10, 7);
    patchIdentity(d, { disahkanOleh: { ...d.doc.identity.disahkanOleh, jabatan: KADIS_TEGAL } });
  },
  'tegal-odgj': (d) => {
    setLane(d, 'KELUARGA', 3, 6);
    setLane(d, 'DINSOS', 4);
    setLane(d, 'BALAI REHAB', 5);
  },
  'tegal-pembinaan-pmks': (d) => {
    patchIdentity(d, { unit: { ...d.doc.identity.unit, nama: TEGAL } });
    setLane(d, 'TIM.KAB', 2, 3, 4);
    setLane(d, 'KA.DINAS', 5);
    setLane(d, 'RUMAH SINGGAH', 6);
    setLane(d, 'BALAI REHAB', 7);
    setLane(d, 'KELUARGA', 8);
  },
  'tegal-bpnt': (d) => {
    setLane(d, 'KEMENTERIAN SOSIAL', 2);
    setLane(d, 'KPM BPNT', 5);
  },
  'tegal-living-cost': () => {},
  'tegal-tanggap-darurat': (d) => {
    setLane(d, 'MASYARAKAT', 7);
    patchIdentity(d, { disahkanOleh: { ...d.doc.identity.disahkanOleh, nip: '197006241990012001' } });
  },
  'tegal-pkh': (d) => {
    // Row 1 asks "apakah keluarga sudah terdaftar": row 4 ("Jika sudah terdaftar") is its ya,
    // row 2 ("Jika belum terdaftar") its tidak.
    setDecision(d, 1, 2, 4);
    setLane(d, 'DESA/ KELURAHAN', 2);
    setLane(d, 'PENDAMPING PKH', 4);
    renameLane(d, 'DESA/ KELURAHAN', 'DESA/KELURAHAN');
  },
  'tegal-lks': () => {},
  'tegal-kis': (d) => setLane(d, 'MANAJER SLRT', 4),
  'tegal-reaktivasi-kis': (d) => renameLane(d, 'SEKIDIN', 'SEKDIN'),
  'tegal-dtks': () => {},
  'palangka-raya-motivasi': (d) => {
    bindLane(d, 'Petugas Pelayanan/Pelaksana', 'peksos');
    bindLane(d, 'Pengadministrasi Umum Bidang', 'staf');
    setLane(d, 'Kadis', 1, 3);
    setLane(d, 'Pengadministrasi Umum Bidang', 2, 6);
    setLane(d, 'Kabid', 4);
    setLane(d, 'Petugas Pelayanan/Pelaksana', 5);
    patchRow(d, 1, { kegiatan: 'Menerima surat permohonan untuk penentuan pelaksanaan' });
    patchIdentity(d, {
      unit: { nama: 'Dinas Sosial Kota Palangka Raya', alamat: '', bidang: '' },
      dasarHukum: [
        'Peraturan Menteri PAN dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur (SOP) Administrasi Pemerintahan',
        'Peraturan Menteri Sosial Nomor 8 Tahun 2019 tentang Standar Teknis Pelayanan Dasar pada Standar Pelayanan Minimal Bidang Sosial di Daerah Provinsi dan di Daerah Kabupaten/Kota',
        'Peraturan Menteri Sosial Nomor 16 Tahun 2019 tentang Standar Nasional Rehabilitasi Sosial',
        'Peraturan Daerah Kota Palangka Raya Nomor 50 Tahun 2014 tentang Penyusunan Standar Operasional Prosedur Penyelenggaraan Pemerintahan di Lingkungan Pemerintah Kota Palangka Raya',
        'Peraturan Daerah Kota Palangka Raya Nomor 9 Tahun 2019 tentang Pembentukan dan Susunan Perangkat Daerah Kota Palangka Raya',
      ],
      kualifikasiPelaksana: [
        'Memiliki kemampuan dalam melakukan pelayanan',
        'Memiliki kemampuan koordinasi',
        'Memahami mekanisme sesuai teknis peraturan penanganan PPKS',
      ],
      keterkaitan: ['SOP Surat Penugasan', 'SOP Surat Masuk'],
      peralatan: ['ATK', 'Komputer/printer'],
      peringatan: [
        'Bila tidak ditangani sesuai prosedur, LKS/Sekolah tidak mendapatkan layanan sosial motivasi',
      ],
      pencatatan: ['Disimpan sebagai data elektronik dan manual'],
    });
  },
};
