import type { Identity } from '@alur/schema';
import type { SopTable } from '../table-model.ts';
import { type FlowLayout, placeSymbols, type SymbolGeometry } from './flow-layout.ts';
import { drawExits, drawIncomingConnectors, type PageContext } from './flow-routes.ts';
import {
  drawArrow,
  drawCell,
  drawDecision,
  drawProcess,
  drawTerminator,
  type Fonts,
  measureText,
  type Pdf,
} from './primitives.ts';

/** Draws page `page` of the flowchart table: title, repeated header, rows with symbols and flow. */
export function drawFlowPage(
  pdf: Pdf,
  fonts: Fonts,
  layout: FlowLayout,
  table: SopTable,
  identity: Identity,
  page: number,
  shared: { pageOf: Map<number, number>; connectors: Map<string, number> },
): number {
  const { frame } = layout;
  const title = [identity.nama, identity.nomor ? `Nomor SOP: ${identity.nomor}` : '']
    .filter(Boolean)
    .join('  —  ');
  drawCell(
    pdf,
    fonts,
    { x: layout.tableX, y: frame.margin, w: layout.tableW, h: layout.titleH },
    title,
    {
      bold: true,
      size: 9,
      pad: 2,
    },
    false,
  );
  let y = frame.margin + layout.titleH;
  drawHeader(pdf, fonts, layout, table, y);
  y += layout.headerH;
  const stripTopCy = y + layout.stripH / 2;
  if (page > 0) y += layout.stripH;
  const geo = new Map<number, SymbolGeometry>();
  for (const i of layout.pages[page]!) {
    const row = table.rows[i]!;
    const h = layout.rowHeights[i]!;
    drawRowCells(pdf, fonts, layout, row, y, h);
    geo.set(row.no, placeSymbols(row, layout.lanes[row.laneIndex]!, y, h));
    y += h;
  }
  const ctx: PageContext = {
    pdf,
    fonts,
    layout,
    table,
    page,
    geo,
    stripTopCy,
    stripBottomCy: y + layout.stripH / 2,
    ...shared,
  };
  for (const i of layout.pages[page]!) {
    const row = table.rows[i]!;
    drawSymbols(pdf, fonts, row.kind, geo.get(row.no)!);
    drawExits(ctx, row);
  }
  drawIncomingConnectors(ctx);
  return y;
}

function drawHeader(pdf: Pdf, fonts: Fonts, layout: FlowLayout, table: SopTable, y: number): void {
  const h = layout.headerH;
  const top = layout.headerTopH;
  const head = { bold: true, size: 7, align: 'center' as const, valign: 'middle' as const };
  const span = (a: { x: number }, b: { x: number; w: number }) => ({ x: a.x, w: b.x + b.w - a.x });
  drawCell(pdf, fonts, { ...layout.no, y, h }, 'NO', head);
  drawCell(pdf, fonts, { ...layout.kegiatan, y, h }, 'KEGIATAN', head);
  const lanes = span(layout.lanes[0]!, layout.lanes[layout.lanes.length - 1]!);
  drawCell(pdf, fonts, { ...lanes, y, h: top }, 'PELAKSANA', head);
  layout.lanes.forEach((c, i) => {
    drawCell(pdf, fonts, { ...c, y: y + top, h: h - top }, table.lanes[i] ?? '', {
      ...head,
      size: 6.5,
      pad: 2,
    });
  });
  drawCell(pdf, fonts, { ...span(layout.kelengkapan, layout.output), y, h: top }, 'MUTU BAKU', head);
  drawCell(pdf, fonts, { ...layout.kelengkapan, y: y + top, h: h - top }, 'KELENGKAPAN', head);
  drawCell(pdf, fonts, { ...layout.waktu, y: y + top, h: h - top }, 'WAKTU', head);
  drawCell(pdf, fonts, { ...layout.output, y: y + top, h: h - top }, 'OUTPUT', head);
  drawCell(pdf, fonts, { ...layout.keterangan, y, h }, 'KETERANGAN', head);
}

function drawRowCells(
  pdf: Pdf,
  fonts: Fonts,
  layout: FlowLayout,
  row: SopTable['rows'][number],
  y: number,
  h: number,
): void {
  drawCell(pdf, fonts, { ...layout.no, y, h }, String(row.no), { align: 'center' });
  drawCell(pdf, fonts, { ...layout.kegiatan, y, h }, row.kegiatan);
  for (const c of layout.lanes) drawCell(pdf, fonts, { ...c, y, h }, '');
  drawCell(pdf, fonts, { ...layout.kelengkapan, y, h }, row.kelengkapan.join('\n'));
  drawCell(pdf, fonts, { ...layout.waktu, y, h }, row.waktu, { align: 'center' });
  drawCell(pdf, fonts, { ...layout.output, y, h }, row.output);
  drawCell(pdf, fonts, { ...layout.keterangan, y, h }, row.keterangan);
}

function drawSymbols(pdf: Pdf, fonts: Fonts, kind: 'activity' | 'decision', g: SymbolGeometry): void {
  if (kind === 'decision') drawDecision(pdf, g.cx, g.cy, g.hw, g.hh);
  else drawProcess(pdf, g.cx, g.cy, g.hw, g.hh);
  if (g.mulaiCy !== undefined) {
    drawTerminator(pdf, fonts, g.cx, g.mulaiCy, g.hw, 'Mulai');
    drawArrow(pdf, [
      [g.cx, g.mulaiCy + 6],
      [g.cx, g.cy - g.hh],
    ]);
  }
  if (g.selesaiCy !== undefined) drawTerminator(pdf, fonts, g.cx, g.selesaiCy, g.hw, 'Selesai');
}

/** The JUMLAH WAKTU row under the table and the signature block (jabatan, nama, NIP). */
export function drawClosing(
  pdf: Pdf,
  fonts: Fonts,
  layout: FlowLayout,
  table: SopTable,
  identity: Identity,
  y: number,
): void {
  const total = table.totalWaktu || '-';
  const h = Math.max(16, measureText(pdf, fonts, total, layout.waktu.w, { bold: true, size: 6.5, pad: 2 }));
  const labelW = layout.waktu.x - layout.tableX;
  const note =
    table.perItemRows > 0 ? ` (${table.perItemRows} baris @ per berkas, dihitung satu berkas)` : '';
  drawCell(pdf, fonts, { x: layout.tableX, y, w: labelW, h }, 'JUMLAH WAKTU', {
    bold: true,
    align: 'right',
    valign: 'middle',
  });
  drawCell(pdf, fonts, { ...layout.waktu, y, h }, total, {
    bold: true,
    align: 'center',
    valign: 'middle',
    size: 6.5,
    pad: 2,
  });
  const restX = layout.output.x;
  drawCell(pdf, fonts, { x: restX, y, w: layout.tableX + layout.tableW - restX, h }, note, {
    size: 6,
    valign: 'middle',
  });
  const s = identity.disahkanOleh;
  const w = 230;
  const x = layout.tableX + layout.tableW - w;
  let sy = y + h + 10;
  const line = (text: string, bold = false, gap = 10) => {
    drawCell(pdf, fonts, { x, y: sy, w, h: gap }, text, { bold, align: 'center', size: 8, pad: 0 }, false);
    sy += gap;
  };
  line(s.jabatan || 'Pejabat yang mengesahkan');
  if (identity.unit.nama) line(identity.unit.nama);
  sy += 34;
  line(s.nama || '(..............................)', true);
  line(s.nip ? `NIP. ${s.nip}` : 'NIP.');
}
