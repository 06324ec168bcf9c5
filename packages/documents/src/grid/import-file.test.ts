import { importSopGrid, splitTextGrid } from '@alur/schema';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderSopDocx } from '../docx/render-docx.ts';
import { buildTestSop } from '../test-support/build-sop.ts';
import { readTegalSource } from '../test-support/seeds.ts';
import { importSopDocx, importSopXlsx } from './import-file.ts';

describe('importSopDocx', () => {
  it('reads back the identity sheet and every row of an Alur DOCX, with jumps and loops', async () => {
    const doc = buildTestSop({
      lanes: ['Kasi', 'Staf', 'Masyarakat'],
      rows: [
        { lane: 2 },
        { lane: 0 },
        { lane: 1, decision: { tidak: 2 } },
        { lane: 1 },
        { lane: 0, decision: { tidak: 1 } },
      ],
    });
    const r = await importSopDocx(await renderSopDocx(doc));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.document.identity).toEqual(doc.identity);
    expect(r.document.lanes.map((l) => l.name)).toEqual(['Kasi', 'Staf', 'Masyarakat']);
    const exits = (d: typeof doc) =>
      d.edges
        .map((e) => `${d.rowOrder.indexOf(e.source) + 1}>${d.rowOrder.indexOf(e.target) + 1}${e.label ?? ''}`)
        .sort();
    expect(exits(r.document)).toEqual(exits(doc));
  });

  it('reports a broken file instead of throwing', async () => {
    const r = await importSopDocx(new TextEncoder().encode('PK\u0003\u0004 rusak'));
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_AN_ARCHIVE' } });
  });
});

describe('importSopXlsx', () => {
  it('imports a Tegal table from a workbook exactly as from its text grid', async () => {
    const lines = readTegalSource().split('\n');
    const second = lines.findIndex((l, i) => i > 10 && /^NO\tKEGIATAN/.test(l));
    const grid = splitTextGrid(lines.slice(0, second - 4).join('\n'));
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('SOP');
    for (const row of grid) ws.addRow(row);
    const fromXlsx = await importSopXlsx(new Uint8Array(await book.xlsx.writeBuffer()));
    const fromGrid = importSopGrid(grid.map((row) => row.map((c) => c.trim())));
    expect(fromXlsx.ok).toBe(true);
    expect(fromXlsx).toEqual(fromGrid);
    if (fromXlsx.ok) expect(fromXlsx.document.rowOrder.length).toBeGreaterThanOrEqual(5);
  });
});
