import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarizeDocument } from '../summary.ts';
import { validateSop } from '../validation.ts';
import { importSopGrid } from './import-grid.ts';
import { importSopTable, importSopTables } from './import-text.ts';

const T = (...cells: string[]) => cells.join('\t');

// LAKIP of Dinas Sosial Kab. Tegal (2019), shortened Kegiatan, cells as exported.
const LAKIP = [
  'STANDAR OPERASIONAL PROSEDUR (SOP)',
  'PENYUSUNAN LAPORAN AKUNTABILITAS KINERJA INSTANSI PEMERINTAH (LAKIP)',
  'DINAS SOSIAL KABUPATEN TEGAL.',
  '',
  T('NO', 'KEGIATAN', 'PELAKSANAAN', '', '', '', '', 'MUTU BAKU', '', '', 'KET'),
  T(
    '',
    '',
    'Kepala Dinas',
    'Kabis Bina Program',
    'Kasi Perenc.',
    'Staf',
    'Bidang - Bidang',
    'KELENGKAPAN',
    'WAKTU',
    'OUTPUT',
    '',
  ),
  T(
    '1',
    'Memberi arahan / disposisi kepada Kabid Bina Program',
    'Mulai',
    '',
    '',
    '',
    '',
    'Surat Permintaan',
    '10 menit',
    'Disposisi',
    '',
  ),
  T(
    '2',
    'Kabid Bina Program menerima dan memberi arahan kepada Kepala Seksi Perencanaan',
    '',
    '',
    '',
    '',
    '',
    'Disposisi',
    '10 menit',
    'Disposisi',
    '',
  ),
  T(
    '3',
    'Kepala Seksi Perencanaan mempersiapkan data pendukung',
    '',
    '',
    '',
    '',
    '',
    'Disposisi',
    '5 hari',
    'Draf',
    '',
  ),
  T(
    '4',
    'Staf mengetik draf dan menyampaikan hasilnya kepada Kepala Seksi Perencanaan.',
    '',
    '',
    '',
    '',
    '',
    'Draf LAKIP',
    '5 hari',
    'Draf',
    '',
  ),
  T(
    '5.',
    'Kepala Seksi Perencanaan memeriksa dan mengoreksi draf',
    '',
    '',
    '',
    '',
    '',
    'Draf LAKIP',
    '40 menit',
    'Draf',
    '',
  ),
  T(
    '6.',
    'Kabid Bina Program memeriksa draf, jika setuju diajukan kepada Kepala Dinas, jika tidak setuju dikembalikan kepada Kepala Seksi Perencanaan.',
    'ya',
    '',
    'tidak',
    '',
    '',
    'Draf LAKIP',
    '30 menit',
    'Draf',
    '',
  ),
  T(
    '7.',
    'Kepala Dinas Sosial Kab. Tegal memeriksa draf. Jika setuju menandatangani, jika tidak setuju mengembalikan kepada Kabid Bina Program untuk diperbaiki.',
    '',
    'tidak',
    '',
    '',
    '',
    'Draf LAKIP',
    '20 menit',
    'Nota dinas',
    '',
  ),
  T(
    '8.',
    'Kabid Bina Program menyerahkan Laporan kepada Kepala Seksi Perencanaan.',
    'ya',
    '',
    '',
    '',
    '',
    'Laporan',
    '10 menit',
    'LAKIP',
    '',
  ),
  T(
    '9.',
    'Kepala Seksi Perencanaan menyerahkan kepada staf untuk mendokumentasikan.',
    '',
    '',
    '',
    '',
    '',
    'Laporan',
    '5 menit',
    'LAKIP',
    '',
  ),
  T(
    '10.',
    'Staf mendokumentasikan LAKIP',
    '',
    '',
    '',
    '',
    '',
    'Laporan',
    '10 menit',
    'LAKIP',
    'Mengirimkan LAKIP ke Bagian Organisasi',
  ),
  '',
  'Kepala Dinas Sosial',
  'Kabupaten Tegal',
  '',
  'Dra. NURHAYATI, M.M',
  'NIP 19700426 199001 2 001',
].join('\n');

describe('importSopTable › LAKIP', () => {
  const r = importSopTable(LAKIP);
  if (!r.ok) throw new Error(r.error.message.en);
  const doc = r.document;
  const summary = summarizeDocument(doc);

  it('reads the identity from the title and signature lines', () => {
    expect(doc.identity.nama).toBe('PENYUSUNAN LAPORAN AKUNTABILITAS KINERJA INSTANSI PEMERINTAH (LAKIP)');
    expect(doc.identity.unit.nama).toBe('Dinas Sosial Kabupaten Tegal');
    expect(doc.identity.disahkanOleh).toEqual({
      jabatan: 'Kepala Dinas Sosial Kabupaten Tegal',
      nama: 'Dra. NURHAYATI, M.M',
      nip: '19700426 199001 2 001',
    });
  });

  it('binds lanes to positions, the typo "Kabis" included, and Bidang - Bidang as an outside party', () => {
    expect(
      doc.lanes.map((l) =>
        l.kind === 'position' ? l.positionKey : l.kind === 'external' ? `ext:${l.recordedBy}` : 'unbound',
      ),
    ).toEqual(['kadis', 'kabid', 'kasi', 'staf', 'ext:staf']);
  });

  it('infers every lane from the Kegiatan text or the Mulai mark', () => {
    expect(summary.rows.map((x) => x.lane)).toEqual([
      'Kepala Dinas',
      'Kabis Bina Program',
      'Kasi Perenc.',
      'Staf',
      'Kasi Perenc.',
      'Kabis Bina Program',
      'Kepala Dinas',
      'Kabis Bina Program',
      'Kasi Perenc.',
      'Staf',
    ]);
  });

  it('makes rows 6 and 7 decisions returning to the latest row of the named lane', () => {
    const decisions = summary.rows.filter((x) => x.kind === 'decision');
    expect(decisions.map((d) => [d.no, d.ya, d.tidak])).toEqual([
      [6, 7, 5],
      [7, 8, 6],
    ]);
  });

  it('parses waktu and keeps keterangan, and the result validates with no error', () => {
    expect(summary.rows.map((x) => x.waktu)).toEqual([
      '10 menit',
      '10 menit',
      '5 hari',
      '5 hari',
      '40 menit',
      '30 menit',
      '20 menit',
      '10 menit',
      '5 menit',
      '10 menit',
    ]);
    expect(doc.nodes.find((n) => n.id === 'r10')?.keterangan).toBe('Mengirimkan LAKIP ke Bagian Organisasi');
    expect(validateSop(doc).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('reports the guesses with row numbers', () => {
    const kinds = r.report.guesses.map((g) => `${g.kind}@${g.row ?? '-'}`);
    expect(kinds).toContain('lane-inferred@2');
    expect(kinds).toContain('lane-from-mark@1');
    expect(kinds).toContain('decision-from-prose@6');
    expect(kinds).toContain('tidak-target@7');
    expect(kinds).toContain('lane-external@-');
    expect(r.report.guesses.every((g) => g.message.id && g.message.en)).toBe(true);
  });

  it('lays nodes out one row per band, centred in their lanes, start in row 1 lane, end in the last row lane', () => {
    const start = doc.nodes.find((n) => n.type === 'start')!;
    const end = doc.nodes.find((n) => n.type === 'end')!;
    expect(start.laneId).toBe(doc.lanes[0]!.id);
    expect(end.laneId).toBe(doc.lanes[3]!.id);
    const r3 = doc.nodes.find((n) => n.id === 'r3')!;
    const r4 = doc.nodes.find((n) => n.id === 'r4')!;
    expect(r4.position.y).toBeGreaterThan(r3.position.y);
    expect(r3.laneId).not.toBe(r4.laneId);
    // x is the offset from the lane's centre line: imported steps are centred.
    expect(doc.nodes.every((n) => n.position.x === 0)).toBe(true);
    // The drawing starts below the lane headers.
    expect(start.position.y).toBeGreaterThan(0);
    expect(doc.rowOrder).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'r10']);
  });
});

describe('importSopTable › messy tables', () => {
  const header = [
    T('NO', 'KEGIATAN', 'PELAKSANAAN', '', '', 'MUTU BAKU', '', 'OUTPUT', 'KET'),
    T('', '', 'KABID', 'KASI', 'STAF', 'KELENGKAPAN', 'WAKTU', '', ''),
  ];
  const table = (...rows: string[]) => ['SOP CONTOH', ...header, ...rows].join('\n');

  it('renumbers a duplicate row number and reports it', () => {
    const r = importSopTable(
      table(
        T('1', 'Kabid memberi arahan', '', '', '', 'Surat', '10 menit', 'Disposisi', ''),
        T('1', 'Staf mengetik', '', '', '', 'Draf', '1 jam', 'Draf', ''),
      ),
    );
    if (!r.ok) throw new Error(r.error.message.en);
    expect(summarizeDocument(r.document).rows.map((x) => x.no)).toEqual([1, 2]);
    expect(r.report.guesses.some((g) => g.kind === 'row-renumbered' && g.row === 2)).toBe(true);
  });

  it('skips blank and page-break lines between rows and realigns a row with a missing cell', () => {
    const r = importSopTable(
      table(
        T('1', 'Kabid memberi arahan', '', '', '', 'Surat', '10 menit', 'Disposisi', ''),
        ' ',
        'Halaman 2',
        '',
        T('2', 'Kasi memeriksa', '', '', 'Draf', '2 Hari', 'Draf', ''),
      ),
    );
    if (!r.ok) throw new Error(r.error.message.en);
    const rows = summarizeDocument(r.document).rows;
    expect(rows.map((x) => [x.lane, x.waktu])).toEqual([
      ['KABID', '10 menit'],
      ['KASI', '2 hari'],
    ]);
    expect(r.document.nodes.find((n) => n.id === 'r2')?.mutuBaku.output).toBe('Draf');
    const kinds = r.report.guesses.map((g) => g.kind);
    expect(kinds).toContain('noise-skipped');
    expect(kinds).toContain('cells-realigned');
  });

  it('takes the previous lane when nothing names one, and reports an unparseable waktu', () => {
    const r = importSopTable(
      table(
        T('1', 'Kasi memeriksa', '', '', '', 'Surat', '10 menit', '', ''),
        T('2', 'Mengarsipkan surat', '', '', '', 'Buku', 'segera', '', ''),
      ),
    );
    if (!r.ok) throw new Error(r.error.message.en);
    expect(summarizeDocument(r.document).rows[1]).toMatchObject({ lane: 'KASI', waktu: '' });
    const kinds = r.report.guesses.map((g) => `${g.kind}@${g.row}`);
    expect(kinds).toContain('lane-from-previous@2');
    expect(kinds).toContain('waktu-unparseable@2');
  });

  it('uses X marks in lane cells before the text', () => {
    const r = importSopTable(table(T('1', 'Menerima surat', '', 'X', '', 'Surat', '5 menit', '', '')));
    if (!r.ok) throw new Error(r.error.message.en);
    expect(summarizeDocument(r.document).rows[0]!.lane).toBe('KASI');
  });

  it('falls back to the previous row for a tidak exit that names nobody', () => {
    const r = importSopTable(
      table(
        T('1', 'Staf mengetik draf', '', '', '', '', '1 jam', '', ''),
        T(
          '2',
          'Kabid memeriksa, jika setuju diteruskan, jika tidak disetujui untuk diperbaiki',
          '',
          '',
          '',
          '',
          '10 menit',
          '',
          '',
        ),
      ),
    );
    if (!r.ok) throw new Error(r.error.message.en);
    expect(summarizeDocument(r.document).rows[1]).toMatchObject({ kind: 'decision', ya: null, tidak: 1 });
  });

  it('reads a single PELAKSANAAN column of sentences into Kegiatan', () => {
    const text = [
      'BANTUAN SOSIAL',
      T('NO', 'KEGIATAN', 'PELAKSANAAN', 'MUTU BAKU', '', '', 'KET'),
      T('', '', '', 'KELENGKAPAN', 'WAKTU', 'OUTPUT', ''),
      T(
        '1',
        'Usulan Penerima Bansos',
        'Data awal penerima bansos dari Desa',
        'Data usulan.',
        '1 bulan',
        'Data',
        '',
      ),
      T(
        '2',
        'Penetapan SK',
        'Penetapan SK sebagai dasar hukum pencairan bansos',
        'Rekomendasi',
        '1 minggu',
        'SK',
        '',
      ),
    ].join('\n');
    const r = importSopTable(text);
    if (!r.ok) throw new Error(r.error.message.en);
    expect(r.document.lanes).toHaveLength(1);
    expect(r.document.nodes.find((n) => n.id === 'r1')?.kegiatan).toBe(
      'Usulan Penerima Bansos: Data awal penerima bansos dari Desa',
    );
    expect(summarizeDocument(r.document).rows.map((x) => x.waktu)).toEqual(['1 bulan', '1 minggu']);
  });
});

describe('importSopTables', () => {
  it('splits a text holding several SOPs, each with its own title and signer', () => {
    const second = LAKIP.replace(
      'PENYUSUNAN LAPORAN AKUNTABILITAS KINERJA INSTANSI PEMERINTAH (LAKIP)',
      '**PENYUSUNAN RENJA',
    ).replace('STANDAR OPERASIONAL PROSEDUR (SOP)\n', '');
    const results = importSopTables(
      `${LAKIP}\n\n${second.replace('NIP 19700426 199001 2 001', 'NIP. 1234')}`,
    );
    expect(results).toHaveLength(2);
    const names = results.map((r) => (r.ok ? r.document.identity.nama : r.error.code));
    expect(names).toEqual([
      'PENYUSUNAN LAPORAN AKUNTABILITAS KINERJA INSTANSI PEMERINTAH (LAKIP)',
      'PENYUSUNAN RENJA',
    ]);
    expect(results.map((r) => (r.ok ? r.document.identity.disahkanOleh.nip : ''))).toEqual([
      '19700426 199001 2 001',
      '1234',
    ]);
  });

  it('gives clear errors for empty, binary and header-less input', () => {
    expect(importSopTable('')).toMatchObject({ ok: false, error: { code: 'EMPTY_INPUT' } });
    expect(importSopTable('\u0000\u0001\u0002PK\u0003\u0004')).toMatchObject({
      ok: false,
      error: { code: 'NOT_TEXT' },
    });
    const r = importSopTable('Ini hanya surat biasa.\nTanpa tabel.');
    expect(r).toMatchObject({ ok: false, error: { code: 'NO_HEADER' } });
    if (!r.ok) expect(r.error.message.id).toMatch(/KEGIATAN/);
    expect(importSopTable(T('NO', 'KEGIATAN', 'STAF'))).toMatchObject({
      ok: false,
      error: { code: 'NO_ROWS' },
    });
  });

  it('never throws on arbitrary text, and every success validates structurally', () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('NO', 'KEGIATAN', 'WAKTU', 'Mulai', 'tidak', '1', '2.', '10 menit', 'Kasi'),
    );
    const line = fc.array(cell, { maxLength: 8 }).map((cells) => cells.join('\t'));
    const text = fc.oneof(
      fc.string(),
      fc.array(line, { maxLength: 12 }).map((lines) => lines.join('\n')),
    );
    fc.assert(
      fc.property(text, (t) => {
        for (const r of importSopTables(t)) {
          if (r.ok)
            expect(
              validateSop(r.document).filter((i) => i.code === 'DECISION_EXITS' || i.code === 'NO_START'),
            ).toEqual([]);
          else expect(r.error.message.id.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('importSopGrid never throws on arbitrary grids', () => {
    fc.assert(
      fc.property(fc.anything(), (g) => {
        const r = importSopGrid(g as string[][]);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });
});
