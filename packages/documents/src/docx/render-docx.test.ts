import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { extractDocxTables } from '../grid/extract-docx.ts';
import { buildSopTable } from '../table-model.ts';
import { buildLakipSop, buildTestSop } from '../test-support/build-sop.ts';
import { findOutOfOrder, normalizeSpace } from '../test-support/extract.ts';
import { renderSopDocx } from './render-docx.ts';

async function readDocumentXml(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  return zip.file('word/document.xml')!.async('string');
}

describe('renderSopDocx', () => {
  it('writes a landscape page of the chosen paper and repeats the header rows', async () => {
    const a4 = await readDocumentXml(await renderSopDocx(buildLakipSop(), { paper: 'a4' }));
    expect(a4).toMatch(/<w:pgSz w:w="1683\d" w:h="1190\d" w:orient="landscape"/);
    expect(a4.match(/<w:tblHeader\/>/g)?.length).toBe(2);
    const f4 = await readDocumentXml(await renderSopDocx(buildLakipSop(), { paper: 'f4' }));
    expect(f4).toMatch(/<w:pgSz w:w="187\d\d" w:h="121\d\d" w:orient="landscape"/);
  });

  it('holds the identity sheet, every row in order with its lane mark, the total and the signature', async () => {
    const doc = buildLakipSop();
    const table = buildSopTable(doc);
    const tables = await extractDocxTables(await renderSopDocx(doc));
    expect(tables).toHaveLength(3);
    const [head, lists, flow] = tables as [string[][], string[][], string[][]];
    expect(head.map((r) => r.at(-2))).toEqual([
      'NOMOR SOP',
      'TANGGAL PEMBUATAN',
      'TANGGAL REVISI',
      'TANGGAL EFEKTIF',
      'DISAHKAN OLEH',
      'NAMA SOP',
    ]);
    expect(head[4]!.at(-1)).toContain(doc.identity.disahkanOleh.nama);
    expect(lists.flat()).toContain('1. Komputer\n2. Printer\n3. ATK');
    expect(flow[1]!.slice(2, 2 + doc.lanes.length)).toEqual(doc.lanes.map((l) => l.name));
    const n = doc.lanes.length;
    table.rows.forEach((r, i) => {
      const cells = flow[2 + i]!;
      expect(cells[0]).toBe(String(r.no));
      expect(cells[1]).toBe(r.kegiatan);
      expect(cells.slice(2, 2 + n).findIndex((c) => c !== '')).toBe(r.laneIndex);
      expect(cells.slice(2 + n)).toEqual([r.kelengkapan.join('\n'), r.waktu, r.output, r.keterangan]);
    });
    expect(flow[2]![2]).toBe('⬭ Mulai\n▭');
    expect(flow[2 + 5]![2 + 1]).toBe('◇\nya → 7\ntidak → 5');
    expect(flow[2 + 9]![2 + 3]).toBe('▭\n⬭ Selesai');
    expect(flow.at(-1)).toContain(table.totalWaktu);
    const xml = normalizeSpace((await readDocumentXml(await renderSopDocx(doc))).replace(/<[^>]+>/g, ' '));
    expect(
      findOutOfOrder(xml, [
        'JUMLAH WAKTU',
        doc.identity.disahkanOleh.jabatan,
        doc.identity.disahkanOleh.nama,
      ]),
    ).toBeNull();
  });

  it('writes the exits of a decision whose ya goes far down', async () => {
    const doc = buildTestSop({
      lanes: ['Kasi', 'Staf'],
      rows: [{ lane: 0 }, { lane: 1, decision: { tidak: 1 } }, { lane: 0 }],
    });
    const flow = (await extractDocxTables(await renderSopDocx(doc)))[2]!;
    expect(flow[3]![3]).toBe('◇\nya → 3\ntidak → 1');
  });
});
