import { SCHEMA_VERSION, type SopDocument, type SopDocumentInput, sopDocumentSchema } from '@alur/schema';

/** A row of a test SOP: the lane index it sits in; a decision names the rows of its exits. */
export interface TestRow {
  lane: number;
  kegiatan?: string;
  waktu?: string;
  decision?: { tidak: number };
}

/**
 * Builds a valid SOP: rows 1..n chained top to bottom, start before row 1, end after row n;
 * a decision's `ya` goes to the next row and its `tidak` to the given row (usually earlier).
 */
export function buildTestSop(opts: { lanes: string[]; rows: TestRow[]; nama?: string }): SopDocument {
  const n = opts.rows.length;
  const rowId = (i: number) => `r${i}`;
  const nodes: NonNullable<SopDocumentInput['nodes']> = [
    { id: 'start', type: 'start', laneId: `l${opts.rows[0]?.lane ?? 0}` },
    { id: 'end', type: 'end', laneId: `l${opts.rows[n - 1]?.lane ?? 0}` },
  ];
  const edges: SopDocumentInput['edges'] = [{ id: 'e-start', source: 'start', target: rowId(1) }];
  opts.rows.forEach((r, k) => {
    const i = k + 1;
    const [amount, unit] = (r.waktu ?? `${10 + i} menit`).split(' ');
    nodes.push({
      id: rowId(i),
      type: r.decision ? 'decision' : 'activity',
      laneId: `l${r.lane}`,
      kegiatan: r.kegiatan ?? `Kegiatan nomor ${i} oleh ${opts.lanes[r.lane]}`,
      mutuBaku: {
        kelengkapan: [`Berkas ${i}`],
        waktu: amount && unit ? { amount: Number(amount), unit: unit as 'menit', perItem: false } : null,
        output: `Hasil ${i}`,
      },
      keterangan: i === n ? 'Diarsipkan' : '',
      position: { x: r.lane * 200, y: i * 100 },
    });
    const next = i === n ? 'end' : rowId(i + 1);
    if (r.decision) {
      edges.push({ id: `e${i}-ya`, source: rowId(i), target: next, label: 'ya' });
      edges.push({ id: `e${i}-tidak`, source: rowId(i), target: rowId(r.decision.tidak), label: 'tidak' });
    } else {
      edges.push({ id: `e${i}`, source: rowId(i), target: next });
    }
  });
  return sopDocumentSchema.parse({
    schemaVersion: SCHEMA_VERSION,
    identity: {
      nomor: '800/012/2019',
      nama: opts.nama ?? 'Penyusunan Laporan Akuntabilitas Kinerja',
      tanggalPembuatan: '2 Januari 2019',
      tanggalRevisi: '-',
      tanggalEfektif: '1 Februari 2019',
      disahkanOleh: {
        jabatan: 'Kepala Dinas Sosial',
        nama: 'Dra. NURHAYATI, M.M',
        nip: '19700426 199001 2 001',
      },
      unit: {
        nama: 'Dinas Sosial Kabupaten Tegal',
        alamat: 'Jl. Dr. Soetomo No. 1 Slawi',
        bidang: 'Bidang Bina Program',
      },
      dasarHukum: [
        'Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah',
        'PermenPAN-RB Nomor 35 Tahun 2012',
      ],
      kualifikasiPelaksana: ['Memahami tugas pokok dan fungsi', 'Mampu mengoperasikan komputer'],
      keterkaitan: ['SOP Penyusunan Renstra'],
      peralatan: ['Komputer', 'Printer', 'ATK'],
      peringatan: ['Jika SOP tidak dilaksanakan, laporan terlambat disampaikan'],
      pencatatan: ['Buku agenda', 'Arsip digital'],
    },
    lanes: opts.lanes.map((name, i) => ({ id: `l${i}`, name, kind: 'position', positionKey: `pos${i}` })),
    nodes,
    edges,
    rowOrder: opts.rows.map((_, k) => rowId(k + 1)),
  });
}

/** The LAKIP SOP of Dinas Sosial Kabupaten Tegal (2019), ten rows and two decisions. */
export function buildLakipSop(): SopDocument {
  return buildTestSop({
    lanes: ['Kepala Dinas', 'Kabid Bina Program', 'Kasi Perencanaan', 'Staf'],
    rows: [
      {
        lane: 0,
        kegiatan: 'Memberi arahan / disposisi kepada Kabid Bina Program untuk menyusun LAKIP',
        waktu: '10 menit',
      },
      {
        lane: 1,
        kegiatan: 'Menerima, menelaah dan memberi arahan kepada Kasi Perencanaan',
        waktu: '10 menit',
      },
      { lane: 2, kegiatan: 'Mempersiapkan data pendukung penyusunan LAKIP', waktu: '5 hari' },
      { lane: 3, kegiatan: 'Mengetik draf LAKIP dan menyampaikan kepada Kasi Perencanaan', waktu: '5 hari' },
      { lane: 2, kegiatan: 'Memeriksa dan mengoreksi draf LAKIP', waktu: '40 menit' },
      {
        lane: 1,
        kegiatan: 'Memeriksa draf LAKIP; jika setuju diajukan kepada Kepala Dinas',
        waktu: '30 menit',
        decision: { tidak: 5 },
      },
      {
        lane: 0,
        kegiatan: 'Memeriksa dan menandatangani draf LAKIP',
        waktu: '20 menit',
        decision: { tidak: 6 },
      },
      { lane: 1, kegiatan: 'Menyerahkan laporan kepada Kasi Perencanaan', waktu: '10 menit' },
      { lane: 2, kegiatan: 'Menyerahkan kepada staf untuk didokumentasikan', waktu: '5 menit' },
      { lane: 3, kegiatan: 'Mendokumentasikan LAKIP', waktu: '10 menit' },
    ],
  });
}
