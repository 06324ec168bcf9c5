import type { SopDocument } from '@alur/schema';

export const EXPORT_FORMATS = ['pdf', 'docx', 'bpmn', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type Paper = 'a4' | 'f4';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  bpmn: 'application/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** Renders a document in one of the export formats; the file name follows the SOP name. */
export async function renderExport(
  document: SopDocument,
  format: ExportFormat,
  paper: Paper = 'a4',
): Promise<{ bytes: Uint8Array; contentType: string; fileName: string }> {
  // Loaded on first use: the PDF/DOCX libraries would otherwise slow every start-up.
  const { exportBpmn, exportJson, renderSopDocx, renderSopPdf } = await import('@alur/documents');
  const base =
    (document.identity.nama || 'sop')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80) || 'sop';
  const bytes =
    format === 'pdf'
      ? await renderSopPdf(document, { paper })
      : format === 'docx'
        ? await renderSopDocx(document, { paper })
        : new TextEncoder().encode(format === 'bpmn' ? exportBpmn(document) : exportJson(document));
  return {
    bytes,
    contentType: CONTENT_TYPES[format],
    fileName: `${base}.${format === 'bpmn' ? 'bpmn' : format}`,
  };
}
