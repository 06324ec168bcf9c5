import { type Signer, sopDocumentSchema } from '../document.ts';
import { formatZodIssues } from '../migrate.ts';
import { analyseRows } from './analyse-rows.ts';
import { buildDocument } from './build-document.ts';
import { cleanCell } from './cells.ts';
import { isHeaderRow, readHeader } from './header.ts';
import { readSignature, readTitle } from './identity.ts';
import { failImport, type ImportGuess, type ImportResult } from './import-result.ts';
import { type RawRow, readTableRows } from './read-rows.ts';

/** What the caller already knows about the table (e.g. a docx title paragraph); overrides what is read. */
export interface ImportMeta {
  nama?: string;
  unitNama?: string;
  bidang?: string;
  disahkanOleh?: Partial<Signer>;
  /** Lines of text above the table (title) and below it (signature), when not part of the grid. */
  titleLines?: string[];
  signatureLines?: string[];
  /** Line number of the grid's first row in the source, so the report points at source lines. */
  lineOffset?: number;
}

export interface IdentityInput {
  nama: string;
  unitNama: string;
  bidang: string;
  disahkanOleh: Signer;
}

/** A table located in a grid: its column roles and printed rows, before interpretation. */
export interface SopTableRows {
  headerAt: number;
  rows: RawRow[];
  endAt: number;
  columns: ReturnType<typeof readHeader>;
}

/** Coerces whatever a spreadsheet reader hands over into rows of strings. */
export function normalizeGrid(rows: unknown): string[][] {
  if (!Array.isArray(rows)) return [];
  return rows.map((row) =>
    Array.isArray(row)
      ? row.map((c) => (c === null || c === undefined ? '' : String(c)))
      : [String(row ?? '')],
  );
}

/** Finds the first table in a grid and reads its printed rows, without guessing lanes or decisions. */
export function readSopRows(
  grid: string[][],
  guesses: ImportGuess[] = [],
  lineOffset = 0,
): SopTableRows | null {
  const headerAt = grid.findIndex(isHeaderRow);
  if (headerAt < 0) return null;
  const columns = readHeader(grid, headerAt, guesses);
  const { rows, endAt } = readTableRows(grid, columns, headerAt, guesses, lineOffset);
  return { headerAt, rows, endAt, columns };
}

/**
 * Imports one SOP table given as a grid of cells (rows of a docx/xlsx table, or tab-separated
 * text lines). Rows above the header are the title, rows below the table the signature block.
 * Never throws: unreadable input gives `{ ok: false, error }`.
 */
export function importSopGrid(rows: string[][], meta: ImportMeta = {}): ImportResult {
  try {
    return importGridUnsafe(normalizeGrid(rows), meta);
  } catch (e) {
    // A bug in the importer must not take the caller down; report it as an unreadable table.
    const why = e instanceof Error ? e.message : String(e);
    return failImport(
      'INVALID_DOCUMENT',
      `Tabel tidak dapat dibaca (${why}).`,
      `The table cannot be read (${why}).`,
    );
  }
}

function importGridUnsafe(grid: string[][], meta: ImportMeta): ImportResult {
  if (grid.every((row) => row.every((c) => cleanCell(c) === ''))) {
    return failImport('EMPTY_INPUT', 'Tidak ada isi untuk diimpor.', 'There is nothing to import.');
  }
  const guesses: ImportGuess[] = [];
  const lineOffset = meta.lineOffset ?? 0;
  const table = readSopRows(grid, guesses, lineOffset);
  if (!table) {
    return failImport(
      'NO_HEADER',
      'Baris judul tabel SOP tidak ditemukan: harus ada kolom "NO" lalu "KEGIATAN".',
      'No SOP table header found: a row with a "NO" column followed by "KEGIATAN" is needed.',
    );
  }
  if (table.rows.length === 0) {
    return failImport(
      'NO_ROWS',
      'Tabel SOP tidak punya baris kegiatan bernomor.',
      'The SOP table has no numbered activity rows.',
    );
  }
  const joinRow = (row: string[]) => row.map(cleanCell).filter(Boolean).join(' ');
  const title = readTitle(meta.titleLines ?? grid.slice(0, table.headerAt).map(joinRow));
  const signer = readSignature(meta.signatureLines ?? grid.slice(table.endAt).map(joinRow));
  const identity: IdentityInput = {
    nama: meta.nama ?? title.name,
    unitNama: meta.unitNama ?? title.unitNama,
    bidang: meta.bidang ?? title.bidang,
    disahkanOleh: { ...signer, ...meta.disahkanOleh },
  };
  const analysed = analyseRows(table.rows, table.columns, guesses);
  const input = buildDocument(analysed, identity, guesses);
  const parsed = sopDocumentSchema.safeParse(input);
  if (!parsed.success) {
    const first = formatZodIssues(parsed.error)[0];
    const where = first ? `${first.path}: ${first.message}` : '';
    return failImport(
      'INVALID_DOCUMENT',
      `Hasil impor tidak sah (${where}).`,
      `The imported document is not valid (${where}).`,
    );
  }
  return {
    ok: true,
    document: parsed.data,
    report: { name: identity.nama, rowCount: analysed.steps.length, guesses },
  };
}
