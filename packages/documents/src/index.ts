export { type RenderDocxOptions, renderSopDocx } from './docx/render-docx.ts';
export { type RenderPdfOptions, renderSopPdf } from './pdf/render-pdf.ts';
export { buildSopTable, PAPER_SIZES, type Paper, type SopTable, type TableRow } from './table-model.ts';
