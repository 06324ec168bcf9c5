import type { ImportGuess } from '@alur/schema';
import { describe, expect, it } from 'vitest';
import { createSampleDocument } from '../model/fixtures.ts';
import { findStepOfRow, groupGuesses } from './import-report-view.ts';

const guess = (kind: ImportGuess['kind'], row?: number): ImportGuess => ({
  kind,
  ...(row !== undefined ? { row } : {}),
  message: { id: kind, en: kind },
});

describe('groupGuesses', () => {
  it('puts decisions and tidak targets first, folds the cell-count notes, keeps the rest in order', () => {
    const guesses = [
      guess('cells-realigned'), // "row 3 has 7 cells, the header 8": table-wide, folded
      guess('lane-inferred', 1),
      guess('tidak-target', 6),
      guess('cells-realigned', 4), // text moved between a row's columns: a real guess
      guess('decision-from-prose', 6),
      guess('waktu-unparseable', 2),
      guess('decision-from-cell', 7),
    ];
    const { decisive, other, cellNotes } = groupGuesses(guesses);
    expect(decisive.map((g) => g.index)).toEqual([2, 4, 6]);
    expect(other.map((g) => g.index)).toEqual([1, 3, 5]);
    expect(cellNotes.map((g) => g.index)).toEqual([0]);
    // Every guess is listed exactly once, keyed by its place in the report.
    const all = [...decisive, ...other, ...cellNotes].map((g) => g.index).sort();
    expect(all).toEqual(guesses.map((_, i) => i));
    expect(decisive[0]!.guess).toBe(guesses[2]);
  });
});

describe('findStepOfRow', () => {
  it('finds the step drawn for a table row, and nothing for a table-wide guess', () => {
    const doc = createSampleDocument(); // rows: a1, d1, a3
    expect(findStepOfRow(doc, 1)).toBe('a1');
    expect(findStepOfRow(doc, 2)).toBe('d1');
    expect(findStepOfRow(doc, 9)).toBeNull();
    expect(findStepOfRow(doc, undefined)).toBeNull();
  });
});
