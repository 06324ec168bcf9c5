import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderSopDocx } from '../docx/render-docx.ts';
import { buildLakipSop } from '../test-support/build-sop.ts';
import { extractXlsxGrid } from './extract-xlsx.ts';
import { readSopGridFromDocx, readSopGridFromXlsx } from './sop-grid.ts';

async function buildWorkbook(
  sheets: Record<string, (string | number)[][]>,
  merges: string[] = [],
): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = book.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
    if (name !== 'Catatan') for (const m of merges) ws.mergeCells(m);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('SOP grid from .docx', () => {
  it('finds the flowchart table, not the identity sheet', async () => {
    const r = await readSopGridFromDocx(await renderSopDocx(buildLakipSop()));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows[0]!.slice(0, 3)).toEqual(['NO', 'KEGIATAN', 'PELAKSANA']);
    expect(r.rows).toHaveLength(2 + 10 + 1);
  });

  it('says what was expected when a document has no SOP table', async () => {
    const plain = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Surat biasa')] }] }),
    );
    const r = await readSopGridFromDocx(new Uint8Array(plain));
    expect(r).toMatchObject({ ok: false, error: { code: 'NO_SOP_TABLE' } });
    if (!r.ok) expect(r.error.message.id).toContain('NO, KEGIATAN');
    const junk = await readSopGridFromDocx(new TextEncoder().encode('bukan zip'));
    expect(junk).toMatchObject({ ok: false, error: { code: 'NOT_AN_ARCHIVE' } });
  });
});

describe('SOP grid from .xlsx', () => {
  const rows = [
    ['SOP PENYUSUNAN LAKIP'],
    ['NO', 'KEGIATAN', 'PELAKSANA', '', 'MUTU BAKU', '', '', 'KET'],
    ['', '', 'Kepala Dinas', 'Staf', 'KELENGKAPAN', 'WAKTU', 'OUTPUT', ''],
    [1, 'Memberi disposisi', 'Mulai', '', 'Surat', '10 menit', 'Disposisi', ''],
    [2, 'Mengetik draf', '', 'x', 'Disposisi', '2 hari', 'Draf', 'arsip'],
  ];

  it('reads the sheet holding the table; merged ranges keep text in their first cell', async () => {
    const bytes = await buildWorkbook({ Catatan: [['catatan']], SOP: rows }, ['C2:D2', 'E2:G2', 'A2:A3']);
    const grid = await extractXlsxGrid(bytes);
    expect(grid[1]).toEqual(['NO', 'KEGIATAN', 'PELAKSANA', '', 'MUTU BAKU', '', '', 'KET']);
    expect(grid[2]).toEqual(['', '', 'Kepala Dinas', 'Staf', 'KELENGKAPAN', 'WAKTU', 'OUTPUT', '']);
    expect(grid[4]).toEqual(['2', 'Mengetik draf', '', 'x', 'Disposisi', '2 hari', 'Draf', 'arsip']);
    expect(await readSopGridFromXlsx(bytes)).toMatchObject({ ok: true, rows: grid });
  });

  it('says what was expected when no sheet holds an SOP table', async () => {
    const r = await readSopGridFromXlsx(
      await buildWorkbook({
        Data: [
          ['Nama', 'Umur'],
          ['Ani', 30],
        ],
      }),
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'NO_SOP_TABLE' } });
    if (!r.ok) expect(r.error.message.en).toContain('NO, KEGIATAN');
  });
});
