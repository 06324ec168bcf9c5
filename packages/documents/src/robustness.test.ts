import { createEmptyDocument } from '@alur/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportBpmn } from './bpmn/export-bpmn.ts';
import { importBpmn } from './bpmn/import-bpmn.ts';
import { renderSopDocx } from './docx/render-docx.ts';
import { renderSopPdf } from './pdf/render-pdf.ts';
import { buildTestSop } from './test-support/build-sop.ts';

const pdfPages = (pdf: Uint8Array) =>
  (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type \/Page\b/g) ?? []
  ).length;

/** Random SOPs: 1–6 lanes, 1–30 rows, decisions whose tidak goes anywhere (up, down, to itself). */
const arbSop = fc
  .record({
    lanes: fc.integer({ min: 1, max: 6 }),
    rows: fc.array(
      fc.record({ lane: fc.nat(), tidak: fc.option(fc.nat(), { nil: undefined }), long: fc.boolean() }),
      {
        minLength: 1,
        maxLength: 30,
      },
    ),
  })
  .map(({ lanes, rows }) =>
    buildTestSop({
      lanes: Array.from({ length: lanes }, (_, i) => `Pelaksana ${i + 1}`),
      rows: rows.map((r, i) => ({
        lane: r.lane % lanes,
        ...(r.long ? { kegiatan: `Kegiatan panjang ${i + 1} `.repeat(12) } : {}),
        ...(r.tidak !== undefined ? { decision: { tidak: (r.tidak % rows.length) + 1 } } : {}),
      })),
    }),
  );

describe('any SOP renders', () => {
  it('an empty document gives an identity sheet and an empty table in every format', async () => {
    const doc = createEmptyDocument('Kosong');
    expect(pdfPages(await renderSopPdf(doc))).toBe(2);
    expect((await renderSopDocx(doc)).length).toBeGreaterThan(1000);
    expect(exportBpmn(doc)).toContain('<bpmn:process');
  }, 30_000);

  it('random SOPs render to PDF and DOCX and survive BPMN', async () => {
    await fc.assert(
      fc.asyncProperty(arbSop, async (doc) => {
        const pages = pdfPages(await renderSopPdf(doc, { paper: 'a4' }));
        expect(pages).toBeGreaterThanOrEqual(1 + Math.ceil(doc.rowOrder.length / 12));
        expect((await renderSopDocx(doc)).length).toBeGreaterThan(1000);
        const back = await importBpmn(exportBpmn(doc));
        expect(back.ok && back.document.edges).toEqual(doc.edges);
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
