import type { FlowTarget, TableRow } from '../table-model.ts';

/** Symbols written in the lane cell of the DOCX table, one per line, so the table stays editable text. */
export const MARKS = { mulai: '⬭ Mulai', selesai: '⬭ Selesai', activity: '▭', decision: '◇' } as const;

const targetText = (t: FlowTarget) => (t.kind === 'end' ? 'Selesai' : String(t.row));

/**
 * Lines of the actor's lane cell: "⬭ Mulai" on the first row, the symbol, then where the flow
 * goes: a decision always names both exits ("ya → 7", "tidak → 5"); an activity names its exits
 * ("→ 9") only when they are not simply the next row or Selesai. "⬭ Selesai" on a last row.
 */
export function writeLaneMark(row: TableRow): string[] {
  const lines: string[] = [];
  if (row.starts) lines.push(MARKS.mulai);
  lines.push(row.kind === 'decision' ? MARKS.decision : MARKS.activity);
  const t = row.exits[0]?.target;
  const plain =
    row.kind === 'activity' &&
    row.exits.length === 1 &&
    (t?.kind === 'end' || (t?.kind === 'row' && t.row === row.no + 1));
  if (!plain)
    for (const x of row.exits) lines.push(`${x.label ? `${x.label} ` : ''}→ ${targetText(x.target)}`);
  if (row.exits.some((x) => x.target.kind === 'end')) lines.push(MARKS.selesai);
  return lines;
}
