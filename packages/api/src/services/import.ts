import {
  type ArchiveBudget,
  ArchiveBudgetError,
  DEFAULT_ARCHIVE_BUDGET,
  XmlLimitError,
} from '@alur/documents/archive';
import { type ImportReport, importSopTables, type SopDocument } from '@alur/schema';
import { AppError } from '../errors.ts';

export const IMPORT_FORMATS = ['table', 'docx', 'xlsx', 'bpmn', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

type Message = { id: string; en: string };
type Imported = { document: SopDocument; report: ImportReport };

const EXPECTED: Record<ImportFormat, Message> = {
  table: {
    id: 'Tidak ditemukan tabel SOP: diharapkan baris judul NO | KEGIATAN | PELAKSANA … | MUTU BAKU | KET.',
    en: 'No SOP table found: expected a header row NO | KEGIATAN | PELAKSANA … | MUTU BAKU | KET.',
  },
  docx: {
    id: 'Dokumen Word ini tidak memuat tabel SOP (kolom No, Kegiatan, pelaksana, Mutu Baku).',
    en: 'This Word document holds no SOP table (columns No, Kegiatan, lanes, Mutu Baku).',
  },
  xlsx: {
    id: 'Lembar Excel ini tidak memuat tabel SOP (kolom No, Kegiatan, pelaksana, Mutu Baku).',
    en: 'This Excel workbook holds no SOP table (columns No, Kegiatan, lanes, Mutu Baku).',
  },
  bpmn: { id: 'Bukan diagram BPMN 2.0 dengan proses.', en: 'Not a BPMN 2.0 diagram with a process.' },
  json: { id: 'Bukan dokumen SOP Alur (JSON).', en: 'Not an Alur SOP document (JSON).' },
};

function refuse(
  format: ImportFormat,
  code: string,
  message?: Message,
  details?: Record<string, unknown>,
): never {
  throw new AppError('BAD_REQUEST', code, message ?? EXPECTED[format], details);
}

function decodeBase64(content: string, format: ImportFormat): Uint8Array {
  const clean = content.replace(/^data:[^,]*,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) {
    refuse(format, 'NOT_BASE64', {
      id: `Isi berkas ${format} harus dikirim sebagai base64.`,
      en: `The ${format} file must be sent as base64.`,
    });
  }
  return new Uint8Array(Buffer.from(clean, 'base64'));
}

/**
 * A hostile file's error as the answer: over the archive budget → 413 naming the limit; a DTD,
 * too deep or too long XML → 400. Anything else is not ours to name (null).
 */
export function guardErrorToAppError(error: unknown): AppError | null {
  if (error instanceof ArchiveBudgetError)
    return new AppError('PAYLOAD_TOO_LARGE', error.code, error.messages, { limit: error.limit });
  if (error instanceof XmlLimitError)
    return new AppError('BAD_REQUEST', error.code, error.messages, { limit: error.limit });
  return null;
}

/** Lets guard errors through as answers and turns every other failure into `null` ("unreadable"). */
function unlessGuard(error: unknown): null {
  const answer = guardErrorToAppError(error);
  if (answer) throw answer;
  return null;
}

/** A report with no guesses, for formats that carry the model exactly (JSON). */
function exactReport(document: SopDocument): ImportReport {
  return {
    name: document.identity.nama,
    rowCount: document.nodes.filter((n) => n.type === 'activity' || n.type === 'decision').length,
    guesses: [],
  };
}

/**
 * Turns an existing SOP (pasted table text, .docx/.xlsx as base64, BPMN XML, Alur JSON) into draft
 * documents plus the report of every guess. Input that is not an SOP gets a message saying what
 * was expected; nothing is stored here.
 */
export async function importSop(
  input: {
    format: ImportFormat;
    content: string;
  },
  budget: ArchiveBudget = DEFAULT_ARCHIVE_BUDGET,
): Promise<{ results: Imported[] }> {
  const { format, content } = input;
  // The document libraries (docx, xlsx, BPMN) are heavy: load them on first use, not at start-up.
  const { importBpmn, importJson, importSopDocx, importSopXlsx } = await import('@alur/documents');
  switch (format) {
    case 'table': {
      const results = importSopTables(content);
      const ok = results.flatMap((r) => (r.ok ? [{ document: r.document, report: r.report }] : []));
      if (ok.length === 0) {
        const first = results.find((r) => !r.ok);
        refuse(
          format,
          first && !first.ok ? first.error.code : 'NO_TABLE',
          first && !first.ok ? first.error.message : undefined,
        );
      }
      return { results: ok };
    }
    case 'docx':
    case 'xlsx': {
      const bytes = decodeBase64(content, format);
      const r = await (format === 'docx' ? importSopDocx(bytes, budget) : importSopXlsx(bytes, budget)).catch(
        unlessGuard,
      );
      if (!r?.ok)
        refuse(
          format,
          r && !r.ok ? r.error.code : 'UNREADABLE_FILE',
          r && !r.ok ? r.error.message : undefined,
        );
      return { results: [{ document: r.document, report: r.report }] };
    }
    case 'bpmn': {
      const r = await importBpmn(content).catch(unlessGuard);
      if (!r?.ok)
        refuse(format, r && !r.ok ? r.error.code : 'NOT_BPMN', r && !r.ok ? r.error.message : undefined);
      const report: ImportReport = {
        name: r.report.name,
        rowCount: r.document.nodes.filter((n) => n.type === 'activity' || n.type === 'decision').length,
        guesses: r.report.notes.map((message) => ({ kind: 'column-role' as const, message })),
      };
      return { results: [{ document: r.document, report }] };
    }
    case 'json': {
      const r = importJson(content);
      if (!r.ok) refuse(format, r.error.code, r.error.message, { issues: r.error.issues });
      return { results: [{ document: r.document, report: exactReport(r.document) }] };
    }
  }
}
