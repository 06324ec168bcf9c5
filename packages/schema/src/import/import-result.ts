import type { SopDocument } from '../document.ts';

/** What kind of guess the importer made; the report groups and keys on these. */
export type ImportGuessKind =
  | 'lane-inferred'
  | 'lane-from-previous'
  | 'lane-from-mark'
  | 'lane-external'
  | 'lane-binding'
  | 'decision-from-prose'
  | 'decision-from-cell'
  | 'tidak-target'
  | 'row-renumbered'
  | 'row-merged'
  | 'noise-skipped'
  | 'cells-realigned'
  | 'waktu-unparseable'
  | 'kelengkapan-split'
  | 'column-role'
  | 'identity';

/** One guess, tied to a table row where there is one (the row's number as printed, 1-based). */
export interface ImportGuess {
  kind: ImportGuessKind;
  /** Row number after renumbering (1..n); absent for table-wide guesses. */
  row?: number;
  /** Line of the source text (1-based) or grid row index (0-based) the guess concerns. */
  line?: number;
  message: { id: string; en: string };
}

export interface ImportReport {
  /** Name of the SOP as read from the title lines. */
  name: string;
  rowCount: number;
  guesses: ImportGuess[];
}

export type ImportErrorCode = 'EMPTY_INPUT' | 'NOT_TEXT' | 'NO_HEADER' | 'NO_ROWS' | 'INVALID_DOCUMENT';

export interface ImportError {
  code: ImportErrorCode;
  message: { id: string; en: string };
}

export type ImportResult =
  | { ok: true; document: SopDocument; report: ImportReport }
  | { ok: false; error: ImportError };

/** Builds a failed import result. */
export function failImport(code: ImportErrorCode, id: string, en: string): ImportResult {
  return { ok: false, error: { code, message: { id, en } } };
}
