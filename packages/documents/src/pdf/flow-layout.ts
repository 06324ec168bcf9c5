import type { SopTable, TableRow } from '../table-model.ts';
import type { PageFrame } from './identity.ts';

export interface Column {
  x: number;
  w: number;
}

/** Geometry of the flowchart table, computed once and shared by every page. */
export interface FlowLayout {
  frame: PageFrame;
  no: Column;
  kegiatan: Column;
  lanes: Column[];
  kelengkapan: Column;
  waktu: Column;
  output: Column;
  keterangan: Column;
  tableX: number;
  tableW: number;
  titleH: number;
  headerTopH: number;
  headerH: number;
  stripH: number;
  footerH: number;
  closingH: number;
  rowHeights: number[];
  /** Row indices (0-based) printed on each page. */
  pages: number[][];
}

/** Vertical positions of the symbols in a row (Mulai above, Selesai below). */
export interface SymbolGeometry {
  cx: number;
  cy: number;
  hw: number;
  hh: number;
  rowBottom: number;
  mulaiCy?: number;
  selesaiCy?: number;
}

export const MAX_ROWS_PER_PAGE = 12;
const TERM_H = 12;
const GAP = 9;
const PAD = 7;

export type MeasureText = (text: string, width: number, bold?: boolean) => number;

/** Column widths: fixed shares for text columns, the rest split over the lanes (capped, surplus to Kegiatan). */
export function computeColumns(
  frame: PageFrame,
  laneCount: number,
): Omit<FlowLayout, 'rowHeights' | 'pages' | 'headerH' | 'closingH'> {
  const W = frame.width - 2 * frame.margin;
  const widths = { no: 20, kelengkapan: W * 0.12, waktu: 42, output: W * 0.12, keterangan: W * 0.1 };
  let kegiatan = W * 0.24;
  const fixed = widths.no + kegiatan + widths.kelengkapan + widths.waktu + widths.output + widths.keterangan;
  const lanes = Math.max(1, laneCount);
  let laneW = (W - fixed) / lanes;
  if (laneW > 95) {
    kegiatan += (laneW - 95) * lanes;
    laneW = 95;
  }
  let x = frame.margin;
  const take = (w: number): Column => {
    const c = { x, w };
    x += w;
    return c;
  };
  const no = take(widths.no);
  const keg = take(kegiatan);
  const laneCols = Array.from({ length: lanes }, () => take(laneW));
  return {
    frame,
    no,
    kegiatan: keg,
    lanes: laneCols,
    kelengkapan: take(widths.kelengkapan),
    waktu: take(widths.waktu),
    output: take(widths.output),
    keterangan: take(widths.keterangan),
    tableX: frame.margin,
    tableW: W,
    titleH: 22,
    headerTopH: 14,
    stripH: 20,
    footerH: 14,
  };
}

/** Half width of the symbols in a lane column, leaving gutters for the side routes. */
export function symbolHalfWidth(laneW: number): number {
  return Math.max(6, Math.min(22, laneW / 2 - 16));
}

function symbolHalfHeight(row: TableRow): number {
  return row.kind === 'decision' ? 10 : 8;
}

function endsHere(row: TableRow): boolean {
  return row.exits.some((x) => x.target.kind === 'end');
}

/** Height of the symbol stack of a row, padding included. */
function stackHeight(row: TableRow): number {
  return (
    2 * PAD + 2 * symbolHalfHeight(row) + (row.starts ? TERM_H + GAP : 0) + (endsHere(row) ? TERM_H + GAP : 0)
  );
}

/** Where the symbols of a row sit when the row spans `top..top+h`. */
export function placeSymbols(row: TableRow, lane: Column, top: number, h: number): SymbolGeometry {
  const hh = symbolHalfHeight(row);
  const stack = stackHeight(row) - 2 * PAD;
  let y = top + (h - stack) / 2;
  const g: SymbolGeometry = {
    cx: lane.x + lane.w / 2,
    cy: 0,
    hw: symbolHalfWidth(lane.w),
    hh,
    rowBottom: top + h,
  };
  if (row.starts) {
    g.mulaiCy = y + TERM_H / 2;
    y += TERM_H + GAP;
  }
  g.cy = y + hh;
  y += 2 * hh;
  if (endsHere(row)) g.selesaiCy = y + GAP + TERM_H / 2;
  return g;
}

/** Row heights and pages: at most 12 rows a page, the last page keeping room for the total and signature. */
export function layoutFlow(frame: PageFrame, table: SopTable, measure: MeasureText): FlowLayout {
  const cols = computeColumns(frame, table.lanes.length);
  const laneHeader = Math.max(14, ...table.lanes.map((n, i) => measure(n, cols.lanes[i]!.w, true)));
  const headerH = cols.headerTopH + laneHeader;
  const rowHeights = table.rows.map((r) =>
    Math.max(
      30,
      stackHeight(r),
      measure(r.kegiatan, cols.kegiatan.w),
      measure(r.kelengkapan.join('\n'), cols.kelengkapan.w),
      measure(r.waktu, cols.waktu.w),
      measure(r.output, cols.output.w),
      measure(r.keterangan, cols.keterangan.w),
    ),
  );
  const closingH = 16 + 90;
  const bodyTop = (page: number) => frame.margin + cols.titleH + headerH + (page > 0 ? cols.stripH : 0);
  const bodyBottom = frame.height - frame.margin - cols.footerH - cols.stripH;
  const pages: number[][] = [];
  let page: number[] = [];
  let y = bodyTop(0);
  rowHeights.forEach((h, i) => {
    if (page.length > 0 && (page.length >= MAX_ROWS_PER_PAGE || y + h > bodyBottom)) {
      pages.push(page);
      page = [];
      y = bodyTop(pages.length);
    }
    rowHeights[i] = Math.min(h, bodyBottom - y);
    page.push(i);
    y += rowHeights[i]!;
  });
  pages.push(page);
  // The total row and the signature must follow the table on its last page: move rows over if not.
  const lastBottom = frame.height - frame.margin - cols.footerH;
  const fits = (p: number[], idx: number) =>
    bodyTop(idx) + p.reduce((s, i) => s + rowHeights[i]!, 0) + closingH <= lastBottom;
  while (!fits(pages[pages.length - 1]!, pages.length - 1)) {
    const last = pages[pages.length - 1]!;
    if (last.length <= 1) {
      pages.push([]);
      break;
    }
    const moved = [last.pop()!];
    while (last.length > 1 && !fits(last, pages.length - 1)) moved.unshift(last.pop()!);
    pages.push(moved);
  }
  return {
    ...cols,
    headerH,
    closingH,
    rowHeights,
    pages: pages.filter((p, i) => p.length > 0 || i === pages.length - 1),
  };
}
