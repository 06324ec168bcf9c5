import { DEFAULT_RETENTION_YEARS, isPersonalField, type SopDocument } from '@alur/schema';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { queryOf, runStatements } from '../db/raw.ts';
import { caseFiles, cases } from '../db/schema.ts';
import { caseWriteStatement } from '../engine/store/case-writer.ts';
import { loadVersionDocument } from '../engine/store/store.ts';
import { eraseLetterRecipients } from './letters/letter-register.ts';

/**
 * Retention of personal data (UU 27/2022): a closed case keeps its applicant's personal values and
 * documents for its SOP's `identity.retensiTahun` years (the agency's JRA; default 5), then they are
 * erased. The steps, timings, decisions and the audit log stay, so the evaluation remains true;
 * the audit never held personal values in clear (see case-data.ts).
 */

/** A closed case whose retention has passed and whose personal data is still there. */
export interface RetentionDue {
  caseId: string;
  agencyId: string;
  number: string;
  sopName: string;
  closedAt: string;
  retentionYears: number;
  /** The case-file keys that will be erased (personal fields; keys the SOP no longer defines). */
  fields: string[];
  files: number;
}

/** The keys of `data` that are personal on `document` (an undefined key counts as personal). */
export function personalKeys(
  document: Pick<SopDocument, 'dataFields'>,
  data: Record<string, unknown>,
): string[] {
  const byKey = new Map(document.dataFields.map((f) => [f.key, f]));
  return Object.keys(data)
    .filter((key) => {
      const field = byKey.get(key);
      return !field || isPersonalField(field);
    })
    .sort();
}

/** Whole years between two instants as the calendar counts them (a birthday-style comparison). */
function yearsPassed(from: Date, to: Date): number {
  let years = to.getUTCFullYear() - from.getUTCFullYear();
  const anniversary = new Date(from);
  anniversary.setUTCFullYear(from.getUTCFullYear() + years);
  if (anniversary > to) years--;
  return years;
}

/** Closed cases whose retention has passed at `now` and that still hold personal data or files. */
export async function listRetentionDue(database: Database, now: Date): Promise<RetentionDue[]> {
  // The shortest retention is one year: a case closed less than a year ago is never due.
  const rows = await database.query<{
    id: string;
    agency_id: string;
    number: string;
    sop_name: string;
    version_id: string;
    completed_at: string | Date;
    data: Record<string, unknown>;
    files: number;
  }>(sql`
    select c.id, c.agency_id, c.number, s.name as sop_name, c.version_id, c.completed_at, c.data,
      (select count(*)::int from case_files f where f.case_id = c.id) as files
    from cases c join sops s on s.id = c.sop_id
    where c.status <> 'active' and c.completed_at <= ${new Date(now.getTime() - 365 * 86_400_000).toISOString()}::timestamptz
      and not exists (select 1 from audit_events e where e.case_id = c.id and e.action = 'case.erased')
    order by c.completed_at, c.id`);
  const due: RetentionDue[] = [];
  for (const row of rows) {
    const document = await loadVersionDocument(database.db, row.version_id);
    const retentionYears = document.identity.retensiTahun ?? DEFAULT_RETENTION_YEARS;
    const closedAt = new Date(row.completed_at);
    if (yearsPassed(closedAt, now) < retentionYears) continue;
    const fields = personalKeys(document, row.data ?? {});
    if (fields.length === 0 && row.files === 0) continue;
    due.push({
      caseId: row.id,
      agencyId: row.agency_id,
      number: row.number,
      sopName: row.sop_name,
      closedAt: closedAt.toISOString(),
      retentionYears,
      fields,
      files: row.files,
    });
  }
  return due;
}

/**
 * Erases one due case's personal values and files in one transaction: the values through the one
 * case writer (a patch of nulls, with a `case.erased` audit event naming the keys and file count),
 * the file rows deleted (their bytes go with the next `alur files gc`). Re-checks under the case's
 * lock, so two runs never erase twice.
 */
export async function eraseCase(database: Database, due: RetentionDue, now: Date): Promise<boolean> {
  return database.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: cases.status, engineState: cases.engineState, sopId: cases.sopId, data: cases.data })
      .from(cases)
      .where(and(eq(cases.id, due.caseId), eq(cases.agencyId, due.agencyId)))
      .for('update');
    if (!row || row.status === 'active') return false;
    const q = queryOf(tx);
    const erased = await q<{ id: number }>(
      "select id from audit_events where case_id = $1::uuid and action = 'case.erased' limit 1",
      [due.caseId],
    );
    if (erased.length > 0) return false;
    const fields = due.fields.filter((key) => key in (row.data ?? {}));
    const removed = await tx
      .delete(caseFiles)
      .where(eq(caseFiles.caseId, due.caseId))
      .returning({ fileId: caseFiles.fileId });
    await eraseLetterRecipients(tx, due.caseId);
    await runStatements(q, [
      caseWriteStatement({
        caseId: due.caseId,
        agencyId: due.agencyId,
        sopId: row.sopId,
        actorId: null,
        at: now.toISOString(),
        newCase: null,
        caseUpdate: {
          status: row.status,
          engineState: row.engineState,
          versionId: null,
          data: Object.fromEntries(fields.map((key) => [key, null])),
          // Read under the lock taken above.
          revision: null,
        },
        taskUpdates: [],
        newTasks: [],
        audits: [
          {
            action: 'case.erased',
            taskId: null,
            nodeId: null,
            data: {
              reason: 'retention',
              retentionYears: due.retentionYears,
              closedAt: due.closedAt,
              fields,
              files: removed.length,
            },
          },
        ],
      }),
    ]);
    return true;
  });
}
