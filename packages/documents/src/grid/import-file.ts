import { type ImportResult, importSopGrid, type SopDocument } from '@alur/schema';
import { type ArchiveBudget, DEFAULT_ARCHIVE_BUDGET } from '../archive/archive-budget.ts';
import { MARKS } from '../docx/lane-marks.ts';
import { readIdentityTables } from './docx-identity.ts';
import { extractDocxTables } from './extract-docx.ts';
import { findHeaderRow } from './extract-xlsx.ts';
import { readSopGridFromDocx, readSopGridFromXlsx, type SopGridResult } from './sop-grid.ts';

export type ImportFileResult = ImportResult | Extract<SopGridResult, { ok: false }>;

const SYMBOLS = [MARKS.activity, MARKS.decision] as string[];
const EXIT_RE = /^(ya |tidak )?→ (\d+|Selesai)$/;

/** What Alur wrote in a row's lane cell: the symbol and the exits ("ya → 7", "→ Selesai"). */
type RowMarks = Map<
  number,
  { decision: boolean; kelengkapan: string[] | null; exits: { label?: 'ya' | 'tidak'; to: number | 'end' }[] }
>;

/**
 * Rewrites the lane cells Alur wrote (▭/◇ symbols, "⬭ Mulai", exits) into the mark the grid
 * importer reads ("x" for the actor), keeping symbol and exits to restore them after the import.
 */
function readAlurMarks(grid: string[][]): { grid: string[][]; marks: RowMarks } {
  const marks: RowMarks = new Map();
  const header = findHeaderRow(grid);
  // The grid importer reads a cell as one line; Alur writes one kelengkapan item per line.
  const kelCol = [header, header + 1]
    .map((h) => (grid[h] ?? []).findIndex((c) => c.trim().toUpperCase() === 'KELENGKAPAN'))
    .find((c) => c >= 0);
  const out = grid.map((row, r) => {
    if (r <= header + 1) return row;
    const no = Number.parseInt(row[0] ?? '', 10);
    return row.map((cell) => {
      const lines = cell.split('\n').map((l) => l.trim());
      const symbol = lines.find((l) => SYMBOLS.includes(l));
      if (!symbol || !Number.isInteger(no)) return cell;
      const exits = lines.flatMap((l) => {
        const m = EXIT_RE.exec(l);
        if (!m) return [];
        const label = m[1]?.trim() as 'ya' | 'tidak' | undefined;
        return [{ ...(label ? { label } : {}), to: m[2] === 'Selesai' ? ('end' as const) : Number(m[2]) }];
      });
      const kel =
        kelCol === undefined
          ? null
          : (row[kelCol] ?? '')
              .split('\n')
              .map((l) => l.trim())
              .filter(Boolean);
      marks.set(no, { decision: symbol === MARKS.decision, kelengkapan: kel, exits });
      return 'x';
    });
  });
  return { grid: out, marks };
}

/** Restores decisions and exits as Alur's marks say (the grid importer can only guess them). */
function applyMarks(doc: SopDocument, marks: RowMarks): void {
  const endId = doc.nodes.find((n) => n.type === 'end')?.id;
  for (const [no, row] of marks) {
    const id = doc.rowOrder[no - 1];
    const node = doc.nodes.find((n) => n.id === id);
    if (!node) continue;
    node.type = row.decision ? 'decision' : 'activity';
    if (row.kelengkapan) node.mutuBaku.kelengkapan = row.kelengkapan;
    if (row.exits.length === 0) continue; // the plain flow to the next row (or Selesai) stands
    doc.edges = doc.edges.filter((e) => e.source !== node.id);
    row.exits.forEach((x, i) => {
      const target = x.to === 'end' ? endId : doc.rowOrder[x.to - 1];
      if (!target) return;
      doc.edges.push({
        id: `e-${node.id}-${x.label ?? i + 1}`,
        source: node.id,
        target,
        ...(x.label ? { label: x.label } : {}),
      });
    });
  }
}

/**
 * Imports the SOP table of a .docx (Alur's own export or a drafted table) through `importSopGrid`.
 * Throws `ArchiveBudgetError` / `XmlLimitError` for a hostile file (see `assertArchiveWithinBudget`).
 */
export async function importSopDocx(
  bytes: Uint8Array,
  budget: ArchiveBudget = DEFAULT_ARCHIVE_BUDGET,
): Promise<ImportFileResult> {
  const found = await readSopGridFromDocx(bytes, budget);
  if (!found.ok) return found;
  const { grid, marks } = readAlurMarks(found.rows);
  const identity = readIdentityTables(await extractDocxTables(bytes, budget));
  const result = importSopGrid(grid, {
    ...(identity.nama ? { nama: identity.nama } : {}),
    ...(identity.unit?.nama ? { unitNama: identity.unit.nama } : {}),
    ...(identity.disahkanOleh ? { disahkanOleh: identity.disahkanOleh } : {}),
  });
  if (!result.ok) return result;
  applyMarks(result.document, marks);
  result.document.identity = { ...result.document.identity, ...identity };
  return result;
}

/** Imports the SOP table of an .xlsx worksheet through `importSopGrid` (same budget errors). */
export async function importSopXlsx(
  bytes: Uint8Array,
  budget: ArchiveBudget = DEFAULT_ARCHIVE_BUDGET,
): Promise<ImportFileResult> {
  const found = await readSopGridFromXlsx(bytes, budget);
  return found.ok ? importSopGrid(found.rows) : found;
}
