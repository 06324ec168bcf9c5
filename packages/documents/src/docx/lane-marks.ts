import type { FlowTarget, TableRow } from '../table-model.ts';

/** Symbols written in the lane cell of the DOCX table, one per line, so the table stays editable text. */
export const MARKS = { mulai: '⬭ Mulai', selesai: '⬭ Selesai', activity: '▭', decision: '◇' } as const;

const targetText = (t: FlowTarget) => (t.kind === 'end' ? 'Selesai' : String(t.row));

/**
 * Lines of the actor's lane cell: "⬭ Mulai" on the first row, the symbol, where the flow goes
 * when it is not simply the next row ("→ 9", "ya → 7", "tidak → 5"), "⬭ Selesai" on the last.
 */
export function writeLaneMark(row: TableRow): string[] {
  const lines: string[] = [];
  if (row.starts) lines.push(MARKS.mulai);
  lines.push(row.kind === 'decision' ? MARKS.decision : MARKS.activity);
  for (const x of row.exits) {
    const plainNext = !x.label && x.target.kind === 'row' && x.target.row === row.no + 1;
    if (plainNext || (!x.label && x.target.kind === 'end')) continue;
    lines.push(`${x.label ? `${x.label} ` : ''}→ ${targetText(x.target)}`);
  }
  if (row.exits.some((x) => x.target.kind === 'end')) lines.push(MARKS.selesai);
  return lines;
}
