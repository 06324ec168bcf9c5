import type { SopDocument } from '@alur/schema';
import PDFDocument from 'pdfkit';
import { buildSopTable, PAPER_SIZES, type Paper } from '../table-model.ts';
import { layoutFlow } from './flow-layout.ts';
import { drawClosing, drawFlowPage } from './flow-page.ts';
import { numberConnectors } from './flow-routes.ts';
import { drawIdentityPage, type PageFrame } from './identity.ts';
import { drawCell, type Fonts, measureText } from './primitives.ts';

export interface RenderPdfOptions {
  paper?: Paper;
  /** A TrueType/OpenType font to embed for text beyond Latin-1 (regular, and bold if given). */
  font?: { regular: Uint8Array; bold?: Uint8Array };
  /** Written as the PDF's creation date; by default the time of rendering. */
  createdAt?: Date;
}

/** Renders the official PermenPAN-RB 35/2012 SOP: identity sheet, flowchart table, total waktu, signature. */
export async function renderSopPdf(doc: SopDocument, options: RenderPdfOptions = {}): Promise<Uint8Array> {
  const size = PAPER_SIZES[options.paper ?? 'a4'];
  const frame: PageFrame = { width: size.width, height: size.height, margin: 28 };
  const pdf = new PDFDocument({
    size: [size.width, size.height],
    margin: 0,
    bufferPages: true,
    autoFirstPage: false,
    info: { Title: doc.identity.nama || 'SOP', Subject: doc.identity.nomor, Creator: 'Alur' },
  });
  if (options.createdAt) pdf.info.CreationDate = options.createdAt;
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });
  const fonts = registerFonts(pdf, options.font);

  pdf.addPage();
  drawIdentityPage(pdf, fonts, doc.identity, frame);

  const table = buildSopTable(doc);
  const layout = layoutFlow(frame, table, (text, w, bold) => measureText(pdf, fonts, text, w, { bold }));
  const pageOf = new Map<number, number>();
  layout.pages.forEach((rows, p) => {
    for (const i of rows) pageOf.set(i + 1, p);
  });
  const connectors = numberConnectors(table, pageOf);
  let y = 0;
  layout.pages.forEach((_, p) => {
    pdf.addPage();
    y = drawFlowPage(pdf, fonts, layout, table, doc.identity, p, { pageOf, connectors });
  });
  drawClosing(pdf, fonts, layout, table, doc.identity, y);

  const range = pdf.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    const footer = `Halaman ${i + 1} dari ${range.count}`;
    drawCell(
      pdf,
      fonts,
      { x: frame.margin, y: frame.height - frame.margin - 10, w: frame.width - 2 * frame.margin, h: 12 },
      footer,
      { size: 6.5, align: 'right', pad: 0 },
      false,
    );
  }
  pdf.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

function registerFonts(pdf: PDFKit.PDFDocument, font: RenderPdfOptions['font']): Fonts {
  if (!font) return { regular: 'Helvetica', bold: 'Helvetica-Bold', unicode: false };
  pdf.registerFont('Alur-Regular', Buffer.from(font.regular));
  pdf.registerFont('Alur-Bold', Buffer.from(font.bold ?? font.regular));
  return { regular: 'Alur-Regular', bold: 'Alur-Bold', unicode: true };
}
