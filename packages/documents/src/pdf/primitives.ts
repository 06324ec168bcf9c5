import { toWinAnsi } from './text.ts';

export type Pdf = PDFKit.PDFDocument;

/** Fonts in use: the standard Helvetica pair, or an embedded Unicode font given by the caller. */
export interface Fonts {
  regular: string;
  bold: string;
  /** Standard fonts print WinAnsi only; an embedded font prints its own coverage. */
  unicode: boolean;
}

export interface TextStyle {
  size?: number;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
  valign?: 'top' | 'middle';
  pad?: number;
}

/** Prepares text for the current fonts. */
export function printable(fonts: Fonts, text: string): string {
  return fonts.unicode ? text : toWinAnsi(text);
}

/** Height the text needs in a cell of width `w`, padding included. */
export function measureText(pdf: Pdf, fonts: Fonts, text: string, w: number, style: TextStyle = {}): number {
  const pad = style.pad ?? 3;
  if (!text) return 2 * pad;
  pdf.font(style.bold ? fonts.bold : fonts.regular).fontSize(style.size ?? 7);
  return pdf.heightOfString(printable(fonts, text), { width: Math.max(1, w - 2 * pad) }) + 2 * pad;
}

/** Draws a bordered cell with wrapped text, clipped to the cell. */
export function drawCell(
  pdf: Pdf,
  fonts: Fonts,
  box: { x: number; y: number; w: number; h: number },
  text: string,
  style: TextStyle = {},
  border = true,
): void {
  const pad = style.pad ?? 3;
  if (border) pdf.lineWidth(0.6).strokeColor('black').rect(box.x, box.y, box.w, box.h).stroke();
  if (!text) return;
  const size = style.size ?? 7;
  pdf
    .font(style.bold ? fonts.bold : fonts.regular)
    .fontSize(size)
    .fillColor('black');
  const content = printable(fonts, text);
  const width = Math.max(1, box.w - 2 * pad);
  let y = box.y + pad;
  if (style.valign === 'middle') {
    const h = pdf.heightOfString(content, { width });
    y = box.y + Math.max(pad, (box.h - h) / 2);
  }
  pdf.text(content, box.x + pad, y, {
    width,
    height: Math.max(size, box.y + box.h - pad - y),
    align: style.align ?? 'left',
    lineBreak: true,
    ellipsis: true,
  });
}

export type Point = [number, number];

/** Draws an orthogonal polyline ending in a filled arrowhead. */
export function drawArrow(pdf: Pdf, points: Point[], head = true): void {
  if (points.length < 2) return;
  pdf.lineWidth(0.7).strokeColor('black');
  pdf.moveTo(...points[0]!);
  for (const p of points.slice(1)) pdf.lineTo(...p);
  pdf.stroke();
  if (!head) return;
  const [x2, y2] = points[points.length - 1]!;
  const [x1, y1] = points[points.length - 2]!;
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  const ux = (x2 - x1) / len;
  const uy = (y2 - y1) / len;
  const s = 3.2;
  pdf
    .moveTo(x2, y2)
    .lineTo(x2 - ux * s * 1.6 - uy * s, y2 - uy * s * 1.6 + ux * s)
    .lineTo(x2 - ux * s * 1.6 + uy * s, y2 - uy * s * 1.6 - ux * s)
    .closePath()
    .fillColor('black')
    .fill();
}

/** Rectangle: proses. */
export function drawProcess(pdf: Pdf, cx: number, cy: number, hw: number, hh: number): void {
  pdf
    .lineWidth(0.8)
    .strokeColor('black')
    .rect(cx - hw, cy - hh, 2 * hw, 2 * hh)
    .stroke();
}

/** Diamond: keputusan. */
export function drawDecision(pdf: Pdf, cx: number, cy: number, hw: number, hh: number): void {
  pdf
    .lineWidth(0.8)
    .strokeColor('black')
    .polygon([cx, cy - hh], [cx + hw, cy], [cx, cy + hh], [cx - hw, cy])
    .stroke();
}

/** Rounded capsule: terminator "Mulai" / "Selesai". */
export function drawTerminator(
  pdf: Pdf,
  fonts: Fonts,
  cx: number,
  cy: number,
  hw: number,
  label: string,
): void {
  const hh = 6;
  pdf
    .lineWidth(0.8)
    .strokeColor('black')
    .roundedRect(cx - hw, cy - hh, 2 * hw, 2 * hh, hh)
    .stroke();
  drawLabel(pdf, fonts, label, cx - hw, cy - 3, 2 * hw, 'center', 5.5);
}

/** Pentagon pointing down: off-page connector, numbered. */
export function drawConnector(pdf: Pdf, fonts: Fonts, cx: number, cy: number, label: string): void {
  const hw = 6;
  pdf
    .lineWidth(0.8)
    .strokeColor('black')
    .polygon([cx - hw, cy - hw], [cx + hw, cy - hw], [cx + hw, cy + 2], [cx, cy + hw + 1], [cx - hw, cy + 2])
    .stroke();
  drawLabel(pdf, fonts, label, cx - hw, cy - 4, 2 * hw, 'center', 6);
}

/** A small free label (ya/tidak, terminator text). */
export function drawLabel(
  pdf: Pdf,
  fonts: Fonts,
  text: string,
  x: number,
  y: number,
  w: number,
  align: 'left' | 'center' | 'right',
  size = 5.5,
): void {
  pdf
    .font(fonts.regular)
    .fontSize(size)
    .fillColor('black')
    .text(printable(fonts, text), x, y, { width: w, align, lineBreak: false });
}
