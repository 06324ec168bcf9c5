import { isPersonalField } from '@alur/schema';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { loadVisibleCase, visibleCasesWhere } from '../auth/policy.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { Db } from '../db/client.ts';
import type { Row } from '../db/raw.ts';
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

/** The words of a query (at most 8), lower case, each marked when a `/` follows it. */
function queryWords(q: string): { word: string; beforeSlash: boolean }[] {
  return [...q.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)]
    .slice(0, 8)
    .map((m) => ({ word: m[0], beforeSlash: q[m.index + m[0].length] === '/' }));
}

/** Words as a prefix tsquery: every word must begin a word of the case ("budi santo"). */
function prefixQuery(words: readonly string[]): string {
  return words.map((w) => `${w}:*`).join(' & ');
}

/**
 * The words to look up in the word index (`cases_search`), a subset of the query's: a case
 * number's leading segments ("2026" of "2026/000123", "B" of "B/7") and single letters begin a
 * word of nearly every case, so looking them up reads one index entry per case. Every word of the
 * query is still required: the whole query is checked on each case the subset finds.
 */
function indexWords(words: readonly { word: string; beforeSlash: boolean }[]): string[] {
  const strong = words.filter((w) => !w.beforeSlash && w.word.length > 1).map((w) => w.word);
  return strong.length ? strong : words.map((w) => w.word);
}

/**
 * How many of the agency's newest cases the first strategy reads: a frequent word ("Sari", one
 * case in ten) has its newest hits there, found in a few milliseconds; otherwise the word index.
 */
export const SEARCH_NEWEST_CASES = 2000;

/**
 * Cases the user may see whose number is `q`, or whose number, title or any case-file value has
 * words beginning with the query's words (a NIK matches exactly: it is one word). Newest first,
 * with personal values masked, and where each open case is now.
 *
 * Two strategies, one answer: first the agency's newest SEARCH_NEWEST_CASES cases are read newest
 * first and checked, which suffices when the words are frequent (the page fills there, and no
 * older case can come before those); when the page does not fill, the word index finds every
 * matching case and they are sorted. PostgreSQL cannot choose between the two itself: it cannot
 * tell a frequent prefix from a rare one and picks either for both. `newestCases` (tests): how many
 * newest cases the first strategy reads.
 */
export async function searchCases(
  db: Db,
  user: SessionUser,
  input: { q: string; limit?: number },
  options: { newestCases?: number } = {},
) {
  const walked = options.newestCases ?? SEARCH_NEWEST_CASES;
  const q = input.q.trim();
  const words = queryWords(q);
  if (words.length === 0) return [];
  const limit = Math.min(input.limit ?? 20, 50);
  const search = sql.raw('cases.search');
  const matches: SQL = sql`(${cases.number} = ${q} or ${search} @@ to_tsquery('simple', ${prefixQuery(words.map((w) => w.word))}))`;
  // The ids of the page, newest first, among the cases of `source` (a subquery named `cases`).
  const pageOf = async (source: SQL): Promise<string[]> => {
    const result = (await db.execute(sql`select ${cases.id} as id from ${source}
      where ${and(visibleCasesWhere(user, { perCase: true }), matches)}
      order by ${cases.startedAt} desc limit ${limit}`)) as unknown as Row[] | { rows: Row[] };
    return (Array.isArray(result) ? result : result.rows).map((r) => String(r.id));
  };
  const newest = sql`(select * from ${cases} where ${cases.agencyId} = ${user.agencyId}
    order by ${cases.startedAt} desc limit ${sql.raw(String(Math.trunc(walked)))}) as cases`;
  let ids = await pageOf(newest);
  if (ids.length < limit) {
    // OFFSET 0: planned on its own, so through the indexes, before the checks and the sort.
    const found = sql`(select * from ${cases} where ${cases.agencyId} = ${user.agencyId}
      and (${cases.number} = ${q} or ${search} @@ to_tsquery('simple', ${prefixQuery(indexWords(words))}))
      offset 0) as cases`;
    ids = await pageOf(found);
  }
  const rows = ids.length
    ? await db
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
        .where(inArray(cases.id, ids))
        .orderBy(desc(cases.startedAt))
    : [];
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
