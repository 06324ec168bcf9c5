import { parseWaktu } from '../waktu.ts';
import { classifyMark, cleanCell } from './cells.ts';
import { isHeaderRow, type TableColumns } from './header.ts';
import type { ImportGuess } from './import-result.ts';

/** A table row as printed, before lanes and decisions are worked out. */
export interface RawRow {
  /** Line of the source text (1-based; grid row index + 1 for a grid). */
  line: number;
  /** The number as printed ("5.", "4", or "" when missing). */
  printedNo: string;
  kegiatan: string;
  /** One entry per lane column, "" when empty. */
  laneCells: string[];
  kelengkapan: string;
  waktu: string;
  output: string;
  keterangan: string;
}

export interface ReadRowsResult {
  rows: RawRow[];
  /** Grid index just after the last row of the table. */
  endAt: number;
  /** Lane index of a "Selesai" mark on a row of its own after the last activity. */
  endMarkLane: number | null;
}

const isNumbered = (c: string) => /^\d{1,4}\s*\.?$/.test(c);
const isBlank = (row: string[]) => row.every((c) => cleanCell(c) === '');
const looksLikeWaktu = (c: string) => {
  const r = parseWaktu(c);
  return r.ok && r.waktu !== null;
};

/** Reads the data rows that follow a header, tolerating blank lines, page breaks and stray rows. */
export function readTableRows(
  grid: string[][],
  cols: TableColumns,
  headerAt: number,
  guesses: ImportGuess[],
  lineBase = 0,
): ReadRowsResult {
  const rows: RawRow[] = [];
  let endMarkLane: number | null = null;
  let i = headerAt + cols.headerRows;
  for (; i < grid.length; i++) {
    const raw = grid[i] ?? [];
    if (isBlank(raw)) continue;
    const cells = raw.map(cleanCell);
    const first = cells[cols.no] ?? '';
    if (isNumbered(first)) {
      rows.push(placeFields(cells, cols, i + lineBase + 1, guesses));
      continue;
    }
    if (first === '' && cells.length >= 3) {
      const row = placeFields(cells, cols, i + lineBase + 1, guesses);
      const marks = row.laneCells.map(classifyMark);
      const onlyMarks =
        row.kegiatan === '' && [row.kelengkapan, row.waktu, row.output].every((c) => c === '');
      if (onlyMarks) {
        const sel = marks.indexOf('selesai');
        if (sel >= 0) endMarkLane = sel;
        noteNoise(
          guesses,
          i + lineBase + 1,
          'baris tanpa kegiatan (hanya simbol)',
          'a row with no Kegiatan (symbols only)',
        );
        continue;
      }
      const prev = rows[rows.length - 1];
      if (prev) {
        mergeInto(prev, row);
        guesses.push({
          kind: 'row-merged',
          line: i + lineBase + 1,
          message: {
            id: `Baris tanpa nomor pada baris teks ${i + lineBase + 1} digabung ke baris sebelumnya.`,
            en: `The unnumbered row at text line ${i + lineBase + 1} is merged into the row before it.`,
          },
        });
      } else {
        rows.push(row);
      }
      continue;
    }
    if (isNoiseBeforeMoreRows(grid, i, rows)) {
      noteNoise(guesses, i + lineBase + 1, 'teks sisipan pemisah halaman', 'page-break noise');
      continue;
    }
    break;
  }
  return { rows, endAt: i, endMarkLane };
}

function noteNoise(guesses: ImportGuess[], line: number, id: string, en: string) {
  guesses.push({
    kind: 'noise-skipped',
    line,
    message: { id: `Baris teks ${line} dilewati: ${id}.`, en: `Text line ${line} skipped: ${en}.` },
  });
}

/** A stray line is noise when the next numbered row, within a few lines, continues the numbering. */
function isNoiseBeforeMoreRows(grid: string[][], at: number, rows: RawRow[]): boolean {
  const last = rows[rows.length - 1];
  if (!last) return false;
  const lastNo = Number.parseInt(last.printedNo, 10);
  let seen = 0;
  for (let k = at + 1; k < grid.length && seen < 4; k++) {
    const cells = (grid[k] ?? []).map(cleanCell);
    if (isBlank(cells)) continue;
    seen++;
    if (isHeaderRow(cells)) {
      // A repeated header only counts as a page break when it comes right after the stray line.
      if (seen > 1) return false;
      continue;
    }
    const first = cells[0] ?? '';
    if (cells.length >= 3 && isNumbered(first)) {
      const n = Number.parseInt(first, 10);
      return Number.isFinite(lastNo) && (n === lastNo + 1 || n === lastNo);
    }
  }
  return false;
}

function mergeInto(prev: RawRow, row: RawRow) {
  const join = (a: string, b: string) => (a && b ? `${a} ${b}` : a || b);
  prev.kegiatan = join(prev.kegiatan, row.kegiatan);
  prev.kelengkapan = join(prev.kelengkapan, row.kelengkapan);
  prev.waktu = prev.waktu || row.waktu;
  prev.output = join(prev.output, row.output);
  prev.keterangan = join(prev.keterangan, row.keterangan);
  prev.laneCells = prev.laneCells.map((c, k) => c || row.laneCells[k] || '');
}

/**
 * Places the cells of one row on the header's columns. Rows with a missing or extra cell are
 * realigned on their waktu cell (the one cell whose content is recognisable), or, with no waktu,
 * right-aligned when the row visibly ends with its KET cell.
 */
function placeFields(cells: string[], cols: TableColumns, line: number, guesses: ImportGuess[]): RawRow {
  const at = (k: number | null) => (k === null ? '' : (cells[k] ?? ''));
  let shift = 0;
  const W = cols.waktu;
  if (W !== null && !looksLikeWaktu(at(W))) {
    const candidates: number[] = [];
    for (let j = Math.max(cols.kegiatan + 1, W - 3); j <= Math.min(cells.length - 1, W + 3); j++) {
      if (looksLikeWaktu(at(j))) candidates.push(j);
    }
    candidates.sort((a, b) => Math.abs(a - W) - Math.abs(b - W));
    if (candidates[0] !== undefined) shift = candidates[0] - W;
    else if (cells.length < cols.width && cells[cells.length - 1] === '') shift = cells.length - cols.width;
  }
  const laneCount = cols.lanes.length;
  let row: RawRow;
  if (shift === 0) {
    const width = Math.max(cols.width, (cols.keterangan ?? 0) + 1);
    const extra = cells.slice(width).filter((c) => c !== '');
    row = {
      line,
      printedNo: at(cols.no),
      kegiatan: at(cols.kegiatan),
      laneCells: cols.lanes.map((l) => at(l.index)),
      kelengkapan: at(cols.kelengkapan),
      waktu: at(W),
      output: at(cols.output),
      keterangan: [at(cols.keterangan), ...extra].filter((c) => c !== '').join(' '),
    };
  } else {
    const w = (W ?? 0) + shift;
    const kelFrom = cols.kelengkapan === null ? w : shift > 0 ? cols.kelengkapan : cols.kelengkapan + shift;
    const kel = cells.slice(Math.max(kelFrom, cols.kegiatan + 1), w).filter((c) => c !== '');
    row = {
      line,
      printedNo: at(cols.no),
      kegiatan: at(cols.kegiatan),
      laneCells: cols.lanes.map((l) => (l.index < kelFrom ? at(l.index) : '')),
      kelengkapan: cols.kelengkapan === null ? '' : kel.join(' '),
      waktu: at(w),
      output: at(w + 1),
      keterangan: cells
        .slice(w + 2)
        .filter((c) => c !== '')
        .join(' '),
    };
    guesses.push({
      kind: 'cells-realigned',
      line,
      message: {
        id: `Baris "${row.printedNo}" punya ${cells.length} sel, judul ${cols.width}; Mutu Baku dibaca mulai dari kolom waktu.`,
        en: `Row "${row.printedNo}" has ${cells.length} cells, the header ${cols.width}; Mutu Baku is read from the waktu cell.`,
      },
    });
  }
  while (row.laneCells.length < laneCount) row.laneCells.push('');
  return row;
}
