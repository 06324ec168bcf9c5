import { isPersonalField } from '@alur/schema';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { loadVisibleCase, visibleCasesWhere } from '../auth/policy.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { Db } from '../db/client.ts';
import { auditEvents, cases, sops, tasks } from '../db/schema.ts';
import { loadVersionDocument } from '../engine/store/store.ts';
import { AppError } from '../errors.ts';
import { maskedCaseData } from './case-data.ts';

/**
 * Shows one value of a case file unmasked to someone who may see the case, and writes who saw
 * which field when (`data.revealed`, before the value leaves the server).
 */
export async function revealCaseField(
  db: Db,
  user: SessionUser,
  input: { caseId: string; key: string },
  now: Date,
) {
  const row = await loadVisibleCase(db, user, input.caseId);
  const document = await loadVersionDocument(db, row.versionId);
  const field = document.dataFields.find((f) => f.key === input.key);
  const value = row.data?.[input.key];
  if (!field || field.type === 'file') {
    throw new AppError('NOT_FOUND', 'FIELD_NOT_FOUND', {
      id: `Data "${input.key}" tidak ada pada kasus ini.`,
      en: `This case has no data field "${input.key}".`,
    });
  }
  await db.insert(auditEvents).values({
    agencyId: row.agencyId,
    actorId: user.id,
    action: 'data.revealed',
    sopId: row.sopId,
    caseId: row.id,
    data: { key: field.key, label: field.label, personal: isPersonalField(field) },
    at: now.toISOString(),
  });
  return { key: field.key, value: value ?? null };
}

/** The words of a query as a prefix tsquery: every word must begin a word of the case ("budi santo"). */
function prefixQuery(q: string): string | null {
  const words = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  if (words.length === 0) return null;
  return words.map((w) => `${w}:*`).join(' & ');
}

/**
 * Cases the user may see whose number is `q`, or whose number, title or any case-file value has
 * words beginning with the query's words (a NIK matches exactly: it is one word). Newest first,
 * with personal values masked, and where each open case is now.
 */
export async function searchCases(db: Db, user: SessionUser, input: { q: string; limit?: number }) {
  const q = input.q.trim();
  const query = prefixQuery(q);
  if (!query) return [];
  const matches: SQL = sql`(${cases.number} = ${q} or ${sql.raw('cases.search')} @@ to_tsquery('simple', ${query}))`;
  const rows = await db
    .select({
      id: cases.id,
      number: cases.number,
      title: cases.title,
      status: cases.status,
      sopId: cases.sopId,
      sopName: sops.name,
      versionId: cases.versionId,
      startedAt: cases.startedAt,
      data: cases.data,
    })
    .from(cases)
    .innerJoin(sops, eq(sops.id, cases.sopId))
    .where(and(visibleCasesWhere(user), matches))
    .orderBy(desc(cases.startedAt))
    .limit(Math.min(input.limit ?? 20, 50));
  const current = await currentStepsOf(db, rows);
  const results = [];
  for (const { data, versionId, ...row } of rows) {
    const document = await loadVersionDocument(db, versionId);
    results.push({
      ...row,
      currentStep: current.get(row.id) ?? null,
      data: maskedCaseData(document.dataFields, data),
    });
  }
  return results;
}

/**
 * Where each case is now, as lists show it: its open steps' text with the lane that holds them
 * ("Memeriksa berkas (Kepala Seksi)"), parallel branches joined by " · "; absent for a closed case.
 */
export async function currentStepsOf(
  db: Db,
  rows: readonly { id: string; versionId: string }[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (rows.length === 0) return out;
  const open = await db
    .select({ caseId: tasks.caseId, nodeId: tasks.nodeId })
    .from(tasks)
    .where(
      and(
        inArray(
          tasks.caseId,
          rows.map((r) => r.id),
        ),
        inArray(tasks.status, ['open', 'claimed']),
      ),
    )
    .orderBy(asc(tasks.createdAt));
  for (const row of rows) {
    const document = await loadVersionDocument(db, row.versionId);
    const steps = open
      .filter((t) => t.caseId === row.id)
      .map((t) => {
        const node = document.nodes.find((n) => n.id === t.nodeId);
        const lane = document.lanes.find((l) => l.id === node?.laneId);
        return node ? `${node.kegiatan}${lane ? ` (${lane.name})` : ''}` : '';
      })
      .filter(Boolean);
    if (steps.length) out.set(row.id, [...new Set(steps)].join(' · '));
  }
  return out;
}
