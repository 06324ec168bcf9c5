export * from './archive/index.ts';
export { exportBpmn } from './bpmn/export-bpmn.ts';
export { type BpmnImportReport, type ImportBpmnResult, importBpmn } from './bpmn/import-bpmn.ts';
export { type RenderDocxOptions, renderSopDocx } from './docx/render-docx.ts';
export { extractDocxTables } from './grid/extract-docx.ts';
export { extractXlsxGrid, findHeaderRow } from './grid/extract-xlsx.ts';
export { type ImportFileResult, importSopDocx, importSopXlsx } from './grid/import-file.ts';
export { readSopGridFromDocx, readSopGridFromXlsx, type SopGridResult } from './grid/sop-grid.ts';
export { exportJson, type ImportJsonResult, importJson } from './json/json.ts';
export { type RenderPdfOptions, renderSopPdf } from './pdf/render-pdf.ts';
export { type ReceiptData, type RenderReceiptOptions, renderReceiptPdf } from './receipt/render-receipt.ts';
export { buildSopTable, PAPER_SIZES, type Paper, type SopTable, type TableRow } from './table-model.ts';
export {
  assertXmlWithinLimits,
  DEFAULT_XML_LIMITS,
  XmlGuard,
  XmlLimitError,
  type XmlLimitKind,
  type XmlLimits,
} from './xml/xml-guard.ts';
