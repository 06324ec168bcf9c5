import type { SopDocument } from '@alur/schema';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { canWorkTask, loadVisibleTask } from '../auth/policy.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { type WorkingCalendar, workingMinutesBetween } from '../calendar/index.ts';
import type { Db } from '../db/client.ts';
import { cases, notifications, sops, tasks, users } from '../db/schema.ts';
import { loadVersionDocument } from '../engine/store/store.ts';
import { loadWorkingCalendar } from './calendar.ts';
import { formWithValues } from './case-data.ts';
import { listCaseFiles } from './files/case-files.ts';

/*
 * The inbox read model: what a user sees of the tasks (lists and one task's page). Who may see a
 * task is the access policy's rule (auth/policy.ts); commands on tasks are in task-commands.ts.
 */

export interface InboxFilter {
  sopId?: string;
  positionKey?: string;
  overdue?: boolean;
  dueToday?: { from: string; to: string };
  claimedByMe?: boolean;
  /** Rows per page (default 50, at most 500). */
  limit?: number;
  /** Rows to skip: the `nextCursor` of the previous page. */
  cursor?: number | null;
}

/**
 * Why a task is here again: the "tidak" decision that sent it back and its note, kept on the
 * task's "arrived" notification (written by engine/store/case-writer.ts); null on a first visit.
 */
export interface SentBackView {
  taskId: string;
  nodeId: string;
  note: string | null;
  by: string;
}
const arrived = alias(notifications, 'arrived');
const sentBackOf = sql<SentBackView | null>`${arrived.data} -> 'sentBack'`;

/** The first page the inbox screen asks for; more come with "load more". */
export const INBOX_PAGE = 50;

/**
 * Open tasks of the positions the user holds, soonest due first, one page at a time:
 * `nextCursor` is where the next page starts, null on the last page. Counts cover every open
 * task of each position, whatever the page and filters.
 */
export async function listInbox(db: Db, user: SessionUser, filter: InboxFilter, now: Date) {
  const none = { tasks: [], countsByPosition: {} as Record<string, number>, nextCursor: null };
  if (user.positions.length === 0) return none;
  const positions = filter.positionKey
    ? user.positions.filter((p) => p === filter.positionKey)
    : user.positions;
  if (positions.length === 0) return none;
  const limit = Math.min(filter.limit ?? INBOX_PAGE, 500);
  const offset = filter.cursor ?? 0;
  const conditions = [
    eq(tasks.agencyId, user.agencyId),
    inArray(tasks.positionKey, positions),
    inArray(tasks.status, ['open', 'claimed']),
  ];
  if (filter.sopId) conditions.push(eq(tasks.sopId, filter.sopId));
  if (filter.overdue) conditions.push(sql`${tasks.dueAt} < ${now.toISOString()}`);
  if (filter.dueToday)
    conditions.push(
      sql`${tasks.dueAt} >= ${filter.dueToday.from} and ${tasks.dueAt} < ${filter.dueToday.to}`,
    );
  if (filter.claimedByMe) conditions.push(eq(tasks.claimedBy, user.id));
  const rowsQuery = db
    .select({
      id: tasks.id,
      caseId: tasks.caseId,
      nodeId: tasks.nodeId,
      kind: tasks.kind,
      positionKey: tasks.positionKey,
      status: tasks.status,
      attempt: tasks.attempt,
      claimedBy: tasks.claimedBy,
      claimedByName: users.displayName,
      createdAt: tasks.createdAt,
      dueAt: tasks.dueAt,
      overdueAt: tasks.overdueAt,
      caseNumber: cases.number,
      caseTitle: cases.title,
      versionId: cases.versionId,
      sopId: tasks.sopId,
      sopName: sops.name,
      sentBack: sentBackOf,
    })
    .from(tasks)
    .innerJoin(cases, eq(cases.id, tasks.caseId))
    .innerJoin(sops, eq(sops.id, tasks.sopId))
    .leftJoin(users, eq(users.id, tasks.claimedBy))
    .leftJoin(arrived, and(eq(arrived.taskId, tasks.id), eq(arrived.kind, 'task.arrived')))
    .where(and(...conditions))
    // The id makes the order total, so pages never overlap or skip a row.
    .orderBy(sql`${tasks.dueAt} asc nulls last`, asc(tasks.createdAt), asc(tasks.id))
    // One row more than the page tells whether there is a next page.
    .limit(limit + 1)
    .offset(offset);
  const countsQuery = db
    .select({ positionKey: tasks.positionKey, n: sql<number>`count(*)::int` })
    .from(tasks)
    .where(
      and(
        eq(tasks.agencyId, user.agencyId),
        inArray(tasks.positionKey, user.positions),
        inArray(tasks.status, ['open', 'claimed']),
      ),
    )
    .groupBy(tasks.positionKey);
  // Independent reads: on PostgreSQL they run on two pooled connections at once.
  const [found, counts] = await Promise.all([rowsQuery, countsQuery]);
  const rows = found.slice(0, limit);
  const calendar = await loadWorkingCalendar(db, user.agencyId);
  const stepsByVersion = new Map<string, Map<string, SopDocument['nodes'][number]>>();
  const out = [];
  for (const r of rows) {
    let steps = stepsByVersion.get(r.versionId);
    if (!steps) {
      const doc = await loadVersionDocument(db, r.versionId);
      steps = new Map(doc.nodes.map((n) => [n.id, n]));
      stepsByVersion.set(r.versionId, steps);
    }
    const node = steps.get(r.nodeId);
    out.push({
      ...r,
      kegiatan: node?.kegiatan ?? '',
      waktu: node?.mutuBaku.waktu ?? null,
      isOverdue: r.dueAt !== null && new Date(r.dueAt) < now,
      remainingWorkingMinutes: remainingWorkingMinutes(r.dueAt, now, calendar),
    });
  }
  return {
    tasks: out,
    countsByPosition: Object.fromEntries(counts.map((c) => [c.positionKey, Number(c.n)])),
    nextCursor: found.length > limit ? offset + limit : null,
  };
}

/** Working minutes from now to a due date (negative when overdue); null without a due date. */
function remainingWorkingMinutes(dueAt: string | null, now: Date, calendar: WorkingCalendar): number | null {
  return dueAt === null ? null : Math.round(workingMinutesBetween(now, new Date(dueAt), calendar));
}

/** A task with its step (Kegiatan, Mutu Baku) and where a decision's exits lead. */
export async function getTask(db: Db, user: SessionUser, taskId: string, now: Date) {
  const task = await loadVisibleTask(db, user, taskId);
  const [c] = await db.select().from(cases).where(eq(cases.id, task.caseId));
  const doc = await loadVersionDocument(db, c!.versionId);
  const node = doc.nodes.find((n) => n.id === task.nodeId)!;
  const laneName = (laneId: string) => doc.lanes.find((l) => l.id === laneId)?.name ?? '';
  const exits = doc.edges
    .filter((e) => e.source === node.id)
    .map((e) => {
      const target = doc.nodes.find((n) => n.id === e.target);
      return {
        label: e.label ?? null,
        targetType: target?.type ?? null,
        kegiatan: target?.kegiatan ?? '',
        lane: target ? laneName(target.laneId) : '',
      };
    });
  const [claimer] = task.claimedBy
    ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, task.claimedBy))
    : [];
  const [sop] = await db.select({ name: sops.name }).from(sops).where(eq(sops.id, c!.sopId));
  const files = await listCaseFiles(db, c!.id);
  const [why] = await db
    .select({ sentBack: sentBackOf })
    .from(arrived)
    .where(and(eq(arrived.taskId, task.id), eq(arrived.kind, 'task.arrived')));
  return {
    task: { ...task, claimedByName: claimer?.name ?? null, sentBack: why?.sentBack ?? null },
    step: {
      kegiatan: node.kegiatan,
      mutuBaku: node.mutuBaku,
      keterangan: node.keterangan,
      lane: laneName(node.laneId),
    },
    exits,
    case: { id: c!.id, number: c!.number, title: c!.title, status: c!.status, sopName: sop?.name ?? '' },
    canAct: canWorkTask(user, task.positionKey),
    /** The step's form with the case's values (personal ones masked); file values are file ids. */
    form: formWithValues(doc, node.id, c!.data ?? {}, files),
    /** The case's documents (bytes at `GET /api/files/<fileId>`). */
    files,
    /** Working minutes left until the due date on the agency calendar (negative: overdue). */
    remainingWorkingMinutes: remainingWorkingMinutes(
      task.dueAt,
      now,
      await loadWorkingCalendar(db, user.agencyId),
    ),
  };
}
