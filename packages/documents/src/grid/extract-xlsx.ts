import ExcelJS from 'exceljs';
import {
  type ArchiveBudget,
  assertArchiveWithinBudget,
  DEFAULT_ARCHIVE_BUDGET,
} from '../archive/archive-budget.ts';

/**
 * The cells of an .xlsx worksheet as text (the first sheet that has a NO/KEGIATAN header, else the
 * first sheet). A merged range keeps its text in the top-left cell; the rest of it is empty.
 * ExcelJS inflates every part, so the whole archive is proved within `budget` first.
 */
export async function extractXlsxGrid(
  bytes: Uint8Array,
  budget: ArchiveBudget = DEFAULT_ARCHIVE_BUDGET,
): Promise<string[][]> {
  await assertArchiveWithinBudget(bytes, { budget });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheets = book.worksheets.map(readSheet);
  return sheets.find((g) => findHeaderRow(g) >= 0) ?? sheets[0] ?? [];
}

function readSheet(sheet: ExcelJS.Worksheet): string[][] {
  const grid: string[][] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      const slave = cell.isMerged && cell.master.address !== cell.address;
      cells.push(slave ? '' : cell.text.replace(/\r\n?/g, '\n').trim());
    }
    grid.push(cells);
  }
  return grid;
}

/** Index of the first row whose leading cells read "NO" then "KEGIATAN" (-1 when none). */
export function findHeaderRow(grid: string[][]): number {
  return grid.findIndex((row) => {
    const cells = row.map((c) => c.trim().toLowerCase().replace(/[.:]/g, ''));
    const no = cells.findIndex((c) => c === 'no' || c === 'nomor');
    return (
      no >= 0 &&
      no <= 1 &&
      cells.slice(no + 1, no + 3).some((c) => c.startsWith('kegiatan') || c === 'uraian kegiatan')
    );
  });
}
