import { type ImportGuess, type ImportReport, numberRows, type SopDocument } from '@alur/schema';

/** The import report as the designer holds it: how many other SOPs already bear its name. */
export type ImportReportView = ImportReport & { sameNameCount?: number };

/** Guesses that change how a case runs: read them first. */
const DECISIVE = new Set<ImportGuess['kind']>(['decision-from-prose', 'decision-from-cell', 'tidak-target']);

/** A guess with its index in the report (the key of its "reviewed" mark). */
export interface IndexedGuess {
  index: number;
  guess: ImportGuess;
}

/**
 * The report's guesses in reading order: decisions and "tidak" targets first (a wrong one sends
 * cases the wrong way), then the rest as the importer found them, and apart the table-wide notes
 * on how many cells a row had (`cells-realigned` without a row), which the report folds away.
 */
export function groupGuesses(guesses: readonly ImportGuess[]): {
  decisive: IndexedGuess[];
  other: IndexedGuess[];
  cellNotes: IndexedGuess[];
} {
  const indexed = guesses.map((guess, index) => ({ index, guess }));
  const isCellNote = (g: ImportGuess) => g.kind === 'cells-realigned' && g.row === undefined;
  return {
    decisive: indexed.filter((g) => DECISIVE.has(g.guess.kind)),
    other: indexed.filter((g) => !DECISIVE.has(g.guess.kind) && !isCellNote(g.guess)),
    cellNotes: indexed.filter((g) => isCellNote(g.guess)),
  };
}

/** The step drawn for table row `row` (1-based, as the report numbers rows), or null. */
export function findStepOfRow(doc: SopDocument, row: number | undefined): string | null {
  if (row === undefined) return null;
  for (const [id, n] of numberRows(doc)) if (n === row) return id;
  return null;
}
