import { formatCsv } from './csv.ts';

interface StepRow {
  rowNo: number | null;
  kegiatan: string;
  lane: string;
  positionKey: string;
  standard: string;
  standardMinutes: number | null;
  completed: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  onTimeShare: number | null;
  open: number;
  overdue: number;
  avgWaitMinutes: number | null;
}

/** The column titles, in the user's language. */
export interface EvaluationCsvHeader {
  sop: string;
  row: string;
  kegiatan: string;
  lane: string;
  position: string;
  standard: string;
  standardMinutes: string;
  completed: string;
  medianMinutes: string;
  p90Minutes: string;
  onTimePercent: string;
  open: string;
  overdue: string;
  avgWaitMinutes: string;
}

const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

/** One row per SOP step with its header: the evaluation as a spreadsheet can sort and filter it. */
export function buildEvaluationTable(
  sops: { name: string; steps: StepRow[] }[],
  header: EvaluationCsvHeader,
): { header: string[]; rows: (string | number | null)[][] } {
  const rows = sops.flatMap((sop) =>
    sop.steps.map((s) => [
      sop.name,
      s.rowNo,
      s.kegiatan,
      s.lane,
      s.positionKey,
      s.standard,
      round(s.standardMinutes),
      s.completed,
      round(s.medianMinutes),
      round(s.p90Minutes),
      s.onTimeShare === null ? null : Math.round(s.onTimeShare * 100),
      s.open,
      s.overdue,
      round(s.avgWaitMinutes),
    ]),
  );
  return {
    header: [
      header.sop,
      header.row,
      header.kegiatan,
      header.lane,
      header.position,
      header.standard,
      header.standardMinutes,
      header.completed,
      header.medianMinutes,
      header.p90Minutes,
      header.onTimePercent,
      header.open,
      header.overdue,
      header.avgWaitMinutes,
    ],
    rows,
  };
}

/** The evaluation table as CSV. */
export function buildEvaluationCsv(
  sops: { name: string; steps: StepRow[] }[],
  header: EvaluationCsvHeader,
): string {
  const table = buildEvaluationTable(sops, header);
  return formatCsv(table.header, table.rows);
}

/** The step where cases wait longest on average (null when nothing waited a minute or more). */
export function findLongestWait<T extends { avgWaitMinutes: number | null }>(steps: T[]): T | null {
  let best: T | null = null;
  for (const s of steps) {
    if (s.avgWaitMinutes === null || s.avgWaitMinutes < 1) continue;
    if (!best || s.avgWaitMinutes > (best.avgWaitMinutes ?? 0)) best = s;
  }
  return best;
}
