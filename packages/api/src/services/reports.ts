import { computeRowOrder, formatWaktu, type SopDocument, waktuToNominalMinutes } from '@alur/schema';
import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { SessionUser } from '../auth/sessions.ts';
import type { Db } from '../db/client.ts';
import { cases, sops, sopVersions, tasks } from '../db/schema.ts';
import { loadVersionDocument } from '../engine/store/store.ts';
import { percentileCont } from './percentile.ts';

export interface EvaluationInput {
  sopId?: string;
  /** Period of task creation, ISO instants; default: the last 365 days. */
  from?: string;
  to?: string;
}

/**
 * The SOP monitoring report (DOMAIN §5 "Evaluation"): per SOP, step and position, completed tasks,
 * median and p90 working time against the Mutu Baku, share on time (completed by the due date on
 * the working calendar), open and overdue now, and how long open tasks have been waiting.
 * Aggregation runs in the database (one grouped query over the tasks index).
 */
export async function evaluate(db: Db, user: SessionUser, input: EvaluationInput, now: Date) {
  const to = input.to ?? now.toISOString();
  const from = input.from ?? new Date(now.getTime() - 365 * 86_400_000).toISOString();
  const nowIso = now.toISOString();
  const scope = [eq(tasks.agencyId, user.agencyId), gte(tasks.createdAt, from), lte(tasks.createdAt, to)];
  if (input.sopId) scope.push(eq(tasks.sopId, input.sopId));
  // Two hash aggregations instead of percentile_cont, which sorts every task of the period: the
  // counts per step, and the distribution of working minutes per step (minutes are integers, so
  // the distinct values are few), from which the exact percentiles are computed below.
  const groupKey = sql`${tasks.sopId}, ${tasks.nodeId}, ${tasks.positionKey}`;
  const countsQuery = db
    .select({
      sopId: tasks.sopId,
      nodeId: tasks.nodeId,
      positionKey: tasks.positionKey,
      completed: sql<number>`count(*) filter (where ${tasks.status} = 'completed')::int`,
      withTarget: sql<number>`count(*) filter (where ${tasks.status} = 'completed' and ${tasks.dueAt} is not null)::int`,
      onTime: sql<number>`count(*) filter (where ${tasks.status} = 'completed' and ${tasks.completedAt} <= ${tasks.dueAt})::int`,
      open: sql<number>`count(*) filter (where ${tasks.status} in ('open', 'claimed'))::int`,
      overdue: sql<number>`count(*) filter (where ${tasks.status} in ('open', 'claimed') and ${tasks.dueAt} < ${nowIso})::int`,
      avgWaitMinutes: sql<
        number | null
      >`avg(extract(epoch from (${nowIso}::timestamptz - ${tasks.createdAt})) / 60) filter (where ${tasks.status} in ('open', 'claimed'))`,
    })
    .from(tasks)
    .where(and(...scope))
    .groupBy(groupKey);
  const histogramQuery = db
    .select({
      sopId: tasks.sopId,
      nodeId: tasks.nodeId,
      positionKey: tasks.positionKey,
      minutes: tasks.workingMinutes,
      n: sql<number>`count(*)::int`,
    })
    .from(tasks)
    .where(and(...scope, eq(tasks.status, 'completed'), sql`${tasks.workingMinutes} is not null`))
    .groupBy(groupKey, tasks.workingMinutes);
  const [counts, histogram] = await Promise.all([countsQuery, histogramQuery]);
  const distributions = new Map<string, [number, number][]>();
  for (const h of histogram) {
    const key = `${h.sopId}|${h.nodeId}|${h.positionKey}`;
    const list = distributions.get(key) ?? [];
    list.push([Number(h.minutes), Number(h.n)]);
    distributions.set(key, list);
  }
  const steps = counts.map((c) => {
    const dist = distributions.get(`${c.sopId}|${c.nodeId}|${c.positionKey}`) ?? [];
    return { ...c, medianMinutes: percentileCont(dist, 0.5), p90Minutes: percentileCont(dist, 0.9) };
  });
  const caseScope = [eq(cases.agencyId, user.agencyId), gte(cases.startedAt, from), lte(cases.startedAt, to)];
  if (input.sopId) caseScope.push(eq(cases.sopId, input.sopId));
  const caseCounts = await db
    .select({
      sopId: cases.sopId,
      cases: sql<number>`count(*)::int`,
      completedCases: sql<number>`count(*) filter (where ${cases.status} = 'completed')::int`,
    })
    .from(cases)
    .where(and(...caseScope))
    .groupBy(cases.sopId);
  const sopIds = [...new Set([...steps.map((s) => s.sopId), ...caseCounts.map((c) => c.sopId)])];
  const sopRows = sopIds.length
    ? await db.select({ id: sops.id, name: sops.name }).from(sops).where(inArray(sops.id, sopIds))
    : [];
  const documents = new Map<string, SopDocument>();
  const latestVersion = new Map<string, string>();
  for (const id of sopIds) {
    const [latest] = await db
      .select({ id: sopVersions.id })
      .from(sopVersions)
      .where(eq(sopVersions.sopId, id))
      .orderBy(sql`${sopVersions.number} desc`)
      .limit(1);
    if (latest) {
      documents.set(id, await loadVersionDocument(db, latest.id));
      latestVersion.set(id, latest.id);
    }
  }
  const num = (x: unknown) => (x === null || x === undefined ? null : Math.round(Number(x) * 10) / 10);
  const share = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);
  const bySop = sopRows.map((sop) => {
    const doc = documents.get(sop.id);
    const rowNo = new Map(doc ? computeRowOrder(doc).map((n, i) => [n.id, i + 1]) : []);
    const mine = steps.filter((s) => s.sopId === sop.id);
    const counts = caseCounts.find((c) => c.sopId === sop.id);
    return {
      sopId: sop.id,
      name: sop.name,
      /** The newest published version, whose drawing the evaluation colours (`sop.version`). */
      versionId: latestVersion.get(sop.id) ?? null,
      cases: counts?.cases ?? 0,
      completedCases: counts?.completedCases ?? 0,
      openTasks: mine.reduce((a, s) => a + s.open, 0),
      overdueTasks: mine.reduce((a, s) => a + s.overdue, 0),
      steps: mine
        .map((s) => {
          const node = doc?.nodes.find((n) => n.id === s.nodeId);
          const lane = doc?.lanes.find((l) => l.id === node?.laneId);
          return {
            nodeId: s.nodeId,
            rowNo: rowNo.get(s.nodeId) ?? null,
            kegiatan: node?.kegiatan ?? s.nodeId,
            lane: lane?.name ?? '',
            positionKey: s.positionKey,
            standard: formatWaktu(node?.mutuBaku.waktu),
            standardMinutes: node?.mutuBaku.waktu ? waktuToNominalMinutes(node.mutuBaku.waktu) : null,
            completed: s.completed,
            medianMinutes: num(s.medianMinutes),
            p90Minutes: num(s.p90Minutes),
            onTimeShare: share(s.onTime, s.withTarget),
            open: s.open,
            overdue: s.overdue,
            avgWaitMinutes: num(s.avgWaitMinutes),
          };
        })
        .sort((a, b) => (a.rowNo ?? 1e9) - (b.rowNo ?? 1e9)),
    };
  });
  const positionKeys = [...new Set(steps.map((s) => s.positionKey))].sort();
  const positions = positionKeys.map((positionKey) => {
    const mine = steps.filter((s) => s.positionKey === positionKey);
    const completed = mine.reduce((a, s) => a + s.completed, 0);
    return {
      positionKey,
      completed,
      onTimeShare: share(
        mine.reduce((a, s) => a + s.onTime, 0),
        mine.reduce((a, s) => a + s.withTarget, 0),
      ),
      open: mine.reduce((a, s) => a + s.open, 0),
      overdue: mine.reduce((a, s) => a + s.overdue, 0),
      // Weighted by completions: an approximation of the position's median across its steps.
      medianMinutes: completed
        ? num(mine.reduce((a, s) => a + (Number(s.medianMinutes) || 0) * s.completed, 0) / completed)
        : null,
    };
  });
  return { from, to, sops: bySop.sort((a, b) => a.name.localeCompare(b.name)), positions };
}
