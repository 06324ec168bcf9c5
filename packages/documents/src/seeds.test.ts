import { type SopDocument, summarizeDocument } from '@alur/schema';
import { describe, expect, it } from 'vitest';
import { exportBpmn } from './bpmn/export-bpmn.ts';
import { importBpmn } from './bpmn/import-bpmn.ts';
import { renderSopDocx } from './docx/render-docx.ts';
import { importSopDocx } from './grid/import-file.ts';
import { exportJson, importJson } from './json/json.ts';
import { renderSopPdf } from './pdf/render-pdf.ts';
import { toWinAnsi } from './pdf/text.ts';
import { buildSopTable } from './table-model.ts';
import { extractPdfPages, findOutOfOrder } from './test-support/extract.ts';
import { loadSeeds } from './test-support/seeds.ts';

const seeds = loadSeeds();

/** The printed table without ids: what must survive a round trip through a file format. */
function printedTable(doc: Parameters<typeof summarizeDocument>[0]) {
  const table = buildSopTable(doc);
  return {
    summary: summarizeDocument(doc),
    cells: table.rows.map((r) => [r.kelengkapan, r.output, r.keterangan]),
  };
}

describe.each(seeds)('seed $name', ({ doc }) => {
  it('prints every row and lane of the seed to PDF in order', async () => {
    const table = buildSopTable(doc);
    const flow = extractPdfPages(await renderSopPdf(doc, { paper: 'f4' })).slice(1);
    for (const page of flow) expect(findOutOfOrder(page, table.lanes.map(toWinAnsi), true)).toBeNull();
    const needles = table.rows.flatMap((r) => [r.kegiatan, r.waktu, r.output].map(toWinAnsi));
    expect(findOutOfOrder(flow.join(' '), needles, true)).toBeNull();
  });

  it('comes back from DOCX with the same rows, lanes and decisions', async () => {
    const r = await importSopDocx(await renderSopDocx(doc, { paper: 'a4' }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(printedTable(r.document)).toEqual(printedTable(doc));
    expect(r.document.identity).toEqual(doc.identity);
  });

  it('comes back from BPMN and JSON unchanged', async () => {
    const b = await importBpmn(exportBpmn(doc));
    expect(
      b.ok && { lanes: b.document.lanes, edges: b.document.edges, rowOrder: b.document.rowOrder },
    ).toEqual({
      lanes: doc.lanes,
      edges: doc.edges,
      rowOrder: doc.rowOrder,
    });
    expect(importJson(exportJson(doc))).toEqual({ ok: true, document: doc, migratedFrom: null });
  });
});

describe('the case file does not change the printed SOP', () => {
  const withCaseFile = seeds.filter(({ doc }) => doc.dataFields.length > 0);
  /** The same SOP without data fields and forms, as schema v1 knew it. */
  const withoutCaseFile = (doc: SopDocument): SopDocument => ({
    ...doc,
    dataFields: [],
    nodes: doc.nodes.map((n) => ({ ...n, fields: [] })),
  });

  it('is on the demo’s DTKS, KIS and KIS reactivation seeds', () => {
    expect(withCaseFile.map((s) => s.name)).toEqual(['tegal-dtks', 'tegal-kis', 'tegal-reaktivasi-kis']);
  });

  it.each(withCaseFile)(
    '$name prints the same table, PDF text and DOCX with or without its fields',
    async ({ doc }) => {
      const bare = withoutCaseFile(doc);
      // Rows keep a reference to their node (which carries its form); everything printed is equal.
      const printed = (d: SopDocument) => {
        const { rows, ...rest } = buildSopTable(d);
        return { ...rest, rows: rows.map(({ node: _node, ...row }) => row) };
      };
      expect(printed(doc)).toEqual(printed(bare));
      const createdAt = new Date('2026-12-01T00:00:00Z');
      expect(extractPdfPages(await renderSopPdf(doc, { paper: 'f4', createdAt }))).toEqual(
        extractPdfPages(await renderSopPdf(bare, { paper: 'f4', createdAt })),
      );
      const [a, b] = await Promise.all([
        importSopDocx(await renderSopDocx(doc, { paper: 'a4' })),
        importSopDocx(await renderSopDocx(bare, { paper: 'a4' })),
      ]);
      expect(a).toEqual(b);
    },
  );
});
