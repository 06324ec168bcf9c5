import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCsv, formatCsvCell } from './csv.ts';

/** A minimal RFC 4180 reader, only to check the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [[]];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      rows.at(-1)!.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      rows.at(-1)!.push(cell);
      cell = '';
      rows.push([]);
      i++;
    } else cell += ch;
  }
  rows.at(-1)!.push(cell);
  return rows;
}

describe('formatCsv', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(formatCsvCell('a,b')).toBe('"a,b"');
    expect(formatCsvCell('say "ya"')).toBe('"say ""ya"""');
    expect(formatCsvCell('dua\nbaris')).toBe('"dua\nbaris"');
    expect(formatCsvCell(null)).toBe('');
    expect(formatCsvCell(0.5)).toBe('0.5');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(formatCsvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(formatCsvCell('-5 hari')).toBe("'-5 hari");
    expect(formatCsvCell(-5)).toBe('-5');
  });

  it('round-trips any text that does not start like a formula', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', 'é', ';') });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { maxLength: 5 }), (rows) => {
        const csv = formatCsv(['x', 'y'], rows);
        expect(parseCsv(csv)).toEqual([['x', 'y'], ...rows]);
      }),
    );
  });
});
