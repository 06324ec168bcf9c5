import type { FlowTarget, SopTable, TableRow } from '../table-model.ts';
import type { FlowLayout, SymbolGeometry } from './flow-layout.ts';
import { drawArrow, drawConnector, drawLabel, type Fonts, type Pdf, type Point } from './primitives.ts';

/** Everything the router needs about the page being drawn. */
export interface PageContext {
  pdf: Pdf;
  fonts: Fonts;
  layout: FlowLayout;
  table: SopTable;
  page: number;
  pageOf: Map<number, number>;
  geo: Map<number, SymbolGeometry>;
  /** Connector number per "from->to" row pair that crosses a page break. */
  connectors: Map<string, number>;
  stripTopCy: number;
  stripBottomCy: number;
}

/** Assigns connector numbers 1, 2, … to every exit that crosses a page break, in row order. */
export function numberConnectors(table: SopTable, pageOf: Map<number, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of table.rows) {
    for (const x of r.exits) {
      if (x.target.kind === 'row' && pageOf.get(x.target.row) !== pageOf.get(r.no)) {
        const key = `${r.no}->${x.target.row}`;
        if (!out.has(key)) out.set(key, out.size + 1);
      }
    }
  }
  return out;
}

const gutterRight = (ctx: PageContext, lane: number) =>
  ctx.layout.lanes[lane]!.x + ctx.layout.lanes[lane]!.w - 7;
const gutterLeft = (ctx: PageContext, lane: number) => ctx.layout.lanes[lane]!.x + 7;

/** True when a row after `no` on this page sits in `lane` (a straight vertical line would cross it). */
function laneBusyBelow(ctx: PageContext, no: number, lane: number): boolean {
  return ctx.table.rows.some((r) => r.no > no && ctx.pageOf.get(r.no) === ctx.page && r.laneIndex === lane);
}
function laneBusyAbove(ctx: PageContext, no: number, lane: number): boolean {
  return ctx.table.rows.some((r) => r.no < no && ctx.pageOf.get(r.no) === ctx.page && r.laneIndex === lane);
}

type Side = 'bottom' | 'left' | 'right';
type LabelAt = { x: number; y: number; side: Side };

/** Draws the exits of one row: to the next row, around to any row, to Selesai, or to a connector. */
export function drawExits(ctx: PageContext, row: TableRow): void {
  const g = ctx.geo.get(row.no)!;
  const used = new Set<Side>();
  const ordered = [...row.exits].sort((a, b) => rank(a.target, row) - rank(b.target, row));
  for (const exit of ordered) {
    const t = exit.target;
    let labelAt: LabelAt;
    if (t.kind === 'end') {
      drawArrow(ctx.pdf, [
        [g.cx, g.cy + g.hh],
        [g.cx, g.selesaiCy! - 6],
      ]);
      labelAt = { x: g.cx, y: g.cy + g.hh, side: 'bottom' };
    } else if (ctx.pageOf.get(t.row) === ctx.page) {
      const tg = ctx.geo.get(t.row)!;
      const target = ctx.table.rows[t.row - 1]!;
      labelAt =
        t.row === row.no + 1
          ? drawAdjacentRoute(ctx, row, g, target.laneIndex, tg, used)
          : drawGutterRoute(ctx, row, g, target.laneIndex, tg);
    } else {
      labelAt = drawConnectorExit(ctx, row, g, t.row, !used.has('bottom'));
    }
    used.add(labelAt.side);
    if (exit.label) drawExitLabel(ctx, exit.label, labelAt);
  }
}

// Selesai first (it owns the bottom), then routes around the table, then the next row.
function rank(t: FlowTarget, row: TableRow): number {
  if (t.kind === 'end') return 0;
  return t.row === row.no + 1 ? 2 : 1;
}

/**
 * To the next row: straight down in the same lane; otherwise out of the side facing the target
 * lane, across, and down into the target (the elbow of the printed SOPs). When that side is
 * taken, the elbow runs below the symbol inside the source row.
 */
function drawAdjacentRoute(
  ctx: PageContext,
  row: TableRow,
  g: SymbolGeometry,
  lane: number,
  tg: SymbolGeometry,
  used: Set<Side>,
): LabelAt {
  const top = tg.cy - tg.hh;
  if (lane === row.laneIndex && !used.has('bottom')) {
    drawArrow(ctx.pdf, [
      [g.cx, g.cy + g.hh],
      [tg.cx, top],
    ]);
    return { x: g.cx, y: g.cy + g.hh, side: 'bottom' };
  }
  const side: Side = lane < row.laneIndex ? 'left' : 'right';
  if (!used.has(side)) {
    const sx = side === 'left' ? g.cx - g.hw : g.cx + g.hw;
    drawArrow(ctx.pdf, [
      [sx, g.cy],
      [tg.cx, g.cy],
      [tg.cx, top],
    ]);
    return { x: sx, y: g.cy, side };
  }
  const yb = (g.cy + g.hh + g.rowBottom) / 2;
  drawArrow(
    ctx.pdf,
    dedupe([
      [g.cx, g.cy + g.hh],
      [g.cx, yb],
      [tg.cx, yb],
      [tg.cx, top],
    ]),
  );
  return { x: g.cx, y: g.cy + g.hh, side: 'bottom' };
}

function drawGutterRoute(
  ctx: PageContext,
  row: TableRow,
  g: SymbolGeometry,
  lane: number,
  tg: SymbolGeometry,
): LabelAt {
  const a = row.laneIndex;
  const goLeft = lane < a;
  const sx = goLeft ? g.cx - g.hw : g.cx + g.hw;
  const gx = lane === a ? gutterRight(ctx, a) : goLeft ? gutterRight(ctx, lane) : gutterLeft(ctx, lane);
  const tx = gx > tg.cx ? tg.cx + tg.hw : tg.cx - tg.hw;
  drawArrow(
    ctx.pdf,
    dedupe([
      [sx, g.cy],
      [gx, g.cy],
      [gx, tg.cy],
      [tx, tg.cy],
    ]),
  );
  return { x: sx, y: g.cy, side: goLeft ? 'left' : 'right' };
}

function drawConnectorExit(
  ctx: PageContext,
  row: TableRow,
  g: SymbolGeometry,
  to: number,
  bottomFree: boolean,
): LabelAt {
  const label = String(ctx.connectors.get(`${row.no}->${to}`) ?? '?');
  const a = row.laneIndex;
  if (to < row.no) {
    // Back to an earlier page: the connector sits beside the symbol.
    const px = gutterRight(ctx, a) - 1;
    drawArrow(ctx.pdf, [
      [g.cx + g.hw, g.cy],
      [px - 6, g.cy],
    ]);
    drawConnector(ctx.pdf, ctx.fonts, px, g.cy, label);
    return { x: g.cx + g.hw, y: g.cy, side: 'right' };
  }
  const cy = ctx.stripBottomCy;
  if (bottomFree && !laneBusyBelow(ctx, row.no, a)) {
    drawArrow(ctx.pdf, [
      [g.cx, g.cy + g.hh],
      [g.cx, cy - 7],
    ]);
    drawConnector(ctx.pdf, ctx.fonts, g.cx, cy, label);
    return { x: g.cx, y: g.cy + g.hh, side: 'bottom' };
  }
  const gx = gutterRight(ctx, a);
  drawArrow(ctx.pdf, [
    [g.cx + g.hw, g.cy],
    [gx, g.cy],
    [gx, cy],
    [g.cx + 6, cy],
  ]);
  drawConnector(ctx.pdf, ctx.fonts, g.cx, cy, label);
  return { x: g.cx + g.hw, y: g.cy, side: 'right' };
}

/** Draws the arriving end of connectors whose target row is on this page. */
export function drawIncomingConnectors(ctx: PageContext): void {
  for (const r of ctx.table.rows) {
    if (ctx.pageOf.get(r.no) === ctx.page) continue;
    for (const x of r.exits) {
      if (x.target.kind !== 'row' || ctx.pageOf.get(x.target.row) !== ctx.page) continue;
      const target = ctx.table.rows[x.target.row - 1]!;
      const tg = ctx.geo.get(target.no)!;
      const label = String(ctx.connectors.get(`${r.no}->${target.no}`) ?? '?');
      const b = target.laneIndex;
      if (r.no > target.no) {
        const px = gutterRight(ctx, b) - 1;
        drawConnector(ctx.pdf, ctx.fonts, px, tg.cy, label);
        drawArrow(ctx.pdf, [
          [px - 6, tg.cy],
          [tg.cx + tg.hw, tg.cy],
        ]);
      } else if (!laneBusyAbove(ctx, target.no, b) && tg.mulaiCy === undefined) {
        drawConnector(ctx.pdf, ctx.fonts, tg.cx, ctx.stripTopCy, label);
        drawArrow(ctx.pdf, [
          [tg.cx, ctx.stripTopCy + 7],
          [tg.cx, tg.cy - tg.hh],
        ]);
      } else {
        const gx = gutterLeft(ctx, b);
        drawConnector(ctx.pdf, ctx.fonts, tg.cx, ctx.stripTopCy, label);
        drawArrow(ctx.pdf, [
          [tg.cx - 6, ctx.stripTopCy],
          [gx, ctx.stripTopCy],
          [gx, tg.cy],
          [tg.cx - tg.hw, tg.cy],
        ]);
      }
    }
  }
}

function drawExitLabel(ctx: PageContext, label: string, at: LabelAt): void {
  if (at.side === 'bottom') drawLabel(ctx.pdf, ctx.fonts, label, at.x + 2, at.y + 1, 30, 'left');
  else if (at.side === 'right') drawLabel(ctx.pdf, ctx.fonts, label, at.x + 1, at.y - 7, 30, 'left');
  else drawLabel(ctx.pdf, ctx.fonts, label, at.x - 31, at.y - 7, 30, 'right');
}

function dedupe(points: Point[]): Point[] {
  return points.filter((p, i) => i === 0 || p[0] !== points[i - 1]![0] || p[1] !== points[i - 1]![1]);
}
