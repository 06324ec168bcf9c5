import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSopTable } from '../table-model.ts';
import { buildLakipSop, buildTestSop } from '../test-support/build-sop.ts';
import { extractPdfPages, findOutOfOrder } from '../test-support/extract.ts';
import { layoutFlow, MAX_ROWS_PER_PAGE } from './flow-layout.ts';
import { numberConnectors } from './flow-routes.ts';
import { renderSopPdf } from './render-pdf.ts';

const LANES = ['Kepala Dinas', 'Kabid', 'Kasi', 'Staf'];
const chain = (n: number) =>
  buildTestSop({
    lanes: LANES,
    rows: Array.from({ length: n }, (_, i) => ({
      lane: i % 4,
      ...(i % 5 === 4 ? { decision: { tidak: i - 1 } } : {}),
    })),
  });

describe('renderSopPdf', () => {
  it('prints the identity sheet with every field of PermenPAN-RB 35/2012', async () => {
    const doc = buildLakipSop();
    const [identity] = extractPdfPages(await renderSopPdf(doc, { paper: 'a4' }));
    const id = doc.identity;
    const missing = findOutOfOrder(identity!, [
      id.unit.nama.toUpperCase(),
      'NOMOR SOP',
      id.nomor,
      'TANGGAL PEMBUATAN',
      id.tanggalPembuatan,
      'TANGGAL REVISI',
      'TANGGAL EFEKTIF',
      id.tanggalEfektif,
      'DISAHKAN OLEH',
      id.disahkanOleh.jabatan,
      id.disahkanOleh.nama,
      `NIP. ${id.disahkanOleh.nip}`,
      'NAMA SOP',
      id.nama,
      'DASAR HUKUM:',
      'KUALIFIKASI PELAKSANA:',
      ...id.dasarHukum,
      ...id.kualifikasiPelaksana,
      'KETERKAITAN:',
      'PERALATAN/PERLENGKAPAN:',
      ...id.keterkaitan,
      ...id.peralatan,
      'PERINGATAN:',
      'PENCATATAN DAN PENDATAAN:',
      ...id.peringatan,
      ...id.pencatatan,
    ]);
    expect(missing).toBeNull();
  });

  it('prints every row (kegiatan, waktu, output) in order, lanes in every header, total and signature', async () => {
    const doc = chain(30);
    const table = buildSopTable(doc);
    const pages = extractPdfPages(await renderSopPdf(doc, { paper: 'f4' }));
    const flow = pages.slice(1);
    for (const page of flow) {
      expect(
        findOutOfOrder(page, ['NO', 'KEGIATAN', 'PELAKSANA', ...LANES, 'KELENGKAPAN', 'WAKTU', 'OUTPUT']),
      ).toBeNull();
    }
    const all = flow.join(' ');
    const needles = table.rows.flatMap((r) => [r.kegiatan, r.kelengkapan[0]!, r.waktu, r.output]);
    expect(findOutOfOrder(all, needles)).toBeNull();
    expect(
      findOutOfOrder(flow[flow.length - 1]!, ['JUMLAH WAKTU', table.totalWaktu, 'Dra. NURHAYATI, M.M']),
    ).toBeNull();
    expect(pages[pages.length - 1]).toContain(`Halaman ${pages.length} dari ${pages.length}`);
  });

  it('adds pages as rows grow, never more than 12 rows a page', async () => {
    const counts: number[] = [];
    for (const n of [4, 14, 40]) {
      const pages = extractPdfPages(await renderSopPdf(chain(n), { paper: 'a4' }));
      counts.push(pages.length);
      expect(pages.length - 1).toBeGreaterThanOrEqual(Math.ceil(n / MAX_ROWS_PER_PAGE));
    }
    expect(counts[0]).toBe(2);
    expect(counts[1]).toBeGreaterThan(counts[0]!);
    expect(counts[2]).toBeGreaterThan(counts[1]!);
  });

  it('numbers one off-page connector per flow crossing a page break', () => {
    const table = buildSopTable(chain(30));
    const pageOf = new Map<number, number>();
    const layout = layoutFlow({ width: 842, height: 595, margin: 28 }, table, () => 20);
    layout.pages.forEach((rows, p) => {
      expect(rows.length).toBeLessThanOrEqual(MAX_ROWS_PER_PAGE);
      for (const i of rows) pageOf.set(i + 1, p);
    });
    const crossing = table.rows.flatMap((r) =>
      r.exits.filter((x) => x.target.kind === 'row' && pageOf.get(x.target.row) !== pageOf.get(r.no)),
    );
    expect(crossing.length).toBeGreaterThanOrEqual(layout.pages.length - 1);
    expect([...numberConnectors(table, pageOf).values()]).toEqual(crossing.map((_, i) => i + 1));
  });

  it('prints text outside Latin-1 without failing, spelled in the nearest form', async () => {
    const doc = buildTestSop({
      lanes: ['Staf'],
      rows: [{ lane: 0, kegiatan: 'Cek ✓ berkas → arsip “lengkap” Şah 漢' }],
    });
    const pages = extractPdfPages(await renderSopPdf(doc, { paper: 'a4' }));
    expect(pages[1]).toContain('Cek v berkas -> arsip “lengkap” Sah ?');
  });

  it('embeds a given Unicode font and prints its characters as written', async () => {
    // Debian's poppler-utils pulls in fontconfig and with it DejaVu (or Liberation) fonts.
    const path = [
      '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
      '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    ].find(existsSync);
    expect(path).toBeDefined();
    const doc = buildTestSop({
      lanes: ['Staf'],
      rows: [{ lane: 0, kegiatan: 'Cek ✓ berkas → arsip Şah ğ' }],
    });
    const pdf = await renderSopPdf(doc, { font: { regular: readFileSync(path!) } });
    expect(extractPdfPages(pdf)[1]).toContain('Cek ✓ berkas → arsip Şah ğ');
  });
});
