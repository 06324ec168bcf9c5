import { cleanCell } from './cells.ts';
import { isHeaderRow, readHeader } from './header.ts';
import { importSopGrid } from './import-grid.ts';
import { failImport, type ImportResult } from './import-result.ts';
import { readTableRows } from './read-rows.ts';

/** Splits text into lines of tab-separated cells. */
export function splitTextGrid(text: string): string[][] {
  return text.split(/\r\n|\r|\n/).map((line) => line.split('\t'));
}

/** True when the text looks like binary data rather than a table exported as text. */
function looksBinary(text: string): boolean {
  if (text.length === 0) return false;
  let bad = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad++;
  }
  return bad / text.length > 0.02;
}

const TITLE_START = /^(\*\*|standar\b|sop\b|prosedur\b)/i;
const NIP_LINE = /^\**\s*NIP\b/i;

/** Where each SOP of a multi-SOP text starts and ends: [title start, end) line ranges. */
export function locateSopTables(text: string): { start: number; end: number }[] {
  const grid = splitTextGrid(text);
  const headers: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < grid.length; i++) {
    if (!isHeaderRow(grid[i]!)) continue;
    const cols = readHeader(grid, i, []);
    const { endAt } = readTableRows(grid, cols, i, []);
    headers.push(i);
    ends.push(endAt);
    i = Math.max(i, endAt - 1);
  }
  const ranges: { start: number; end: number }[] = [];
  let start = 0;
  headers.forEach((_h, k) => {
    const tableEnd = ends[k]!;
    const limit = headers[k + 1] ?? grid.length;
    const end = k + 1 < headers.length ? findSignatureEnd(grid, tableEnd, limit) : grid.length;
    ranges.push({ start, end });
    start = end;
  });
  return ranges;
}

/** The signature block ends after its NIP line, or where the next title begins. */
function findSignatureEnd(grid: string[][], from: number, limit: number): number {
  const line = (i: number) => cleanCell((grid[i] ?? []).join(' '));
  const raw = (i: number) => (grid[i] ?? []).join(' ').trim();
  for (let i = from; i < limit; i++) {
    if (NIP_LINE.test(line(i))) return i + 1;
    if (i > from && TITLE_START.test(raw(i))) return i;
  }
  return limit;
}

/** Imports every SOP table found in a text (one result per table); an unreadable text gives one error. */
export function importSopTables(text: string): ImportResult[] {
  if (typeof text !== 'string' || text.trim() === '') {
    return [
      failImport('EMPTY_INPUT', 'Teks kosong: tidak ada tabel SOP.', 'The text is empty: no SOP table.'),
    ];
  }
  if (looksBinary(text)) {
    return [
      failImport('NOT_TEXT', 'Berkas ini bukan teks (data biner?).', 'This file is not text (binary data?).'),
    ];
  }
  const grid = splitTextGrid(text);
  const ranges = locateSopTables(text);
  if (ranges.length === 0) return [importSopGrid(grid)];
  return ranges.map(({ start, end }) => importSopGrid(grid.slice(start, end), { lineOffset: start }));
}

/** Imports the first SOP table of a text (tab-separated, as exported from a word processor). */
export function importSopTable(text: string): ImportResult {
  return importSopTables(text)[0]!;
}
