import type { SopDocument } from '@alur/schema';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { canWorkTask, loadVisibleTask } from '../auth/policy.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { type WorkingCalendar, workingMinutesBetween, workingMinutesFrom } from '../calendar/index.ts';
import type { Db } from '../db/client.ts';
import { literalLimit } from '../db/literal-limit.ts';
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

/**
 * Open tasks, written as a constant rather than as parameters: the condition of the partial index
 * `tasks_inbox`, which a prepared statement's generic plan can only use when it sees the values.
 */
const isOpen = sql`${tasks.status} in ('open', 'claimed')`;

/** The first page the inbox screen asks for; more come with "load more". */
export const INBOX_PAGE = 50;

/** What decides the inbox's SQL text: which filters, how many positions, the page size. */
interface InboxShape {
  /** Positions listed (one when filtered by position) and held (the counts cover all of them). */
  positions: number;
  heldPositions: number;
  sop: boolean;
  overdue: boolean;
  dueToday: boolean;
  claimedByMe: boolean;
  limit: number;
  paged: boolean;
}

/**
 * The inbox's two statements for one shape, built once per database with placeholders and
 * prepared: building a query through drizzle's builder costs about as much CPU as the rest of
 * the request's own work. A few dozen shapes in practice (page sizes, filters); bounded anyway.
 */
function buildInboxQueries(db: Db, shape: InboxShape) {
  const placeholders = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => sql.placeholder(`${prefix}${i}`));
  const conditions = [
    eq(tasks.agencyId, sql.placeholder('agency')),
    inArray(tasks.positionKey, placeholders('p', shape.positions)),
    isOpen,
  ];
  if (shape.sop) conditions.push(eq(tasks.sopId, sql.placeholder('sop')));
  if (shape.overdue) conditions.push(sql`${tasks.dueAt} < ${sql.placeholder('now')}`);
  if (shape.dueToday)
    conditions.push(
      sql`${tasks.dueAt} >= ${sql.placeholder('from')} and ${tasks.dueAt} < ${sql.placeholder('to')}`,
    );
  if (shape.claimedByMe) conditions.push(eq(tasks.claimedBy, sql.placeholder('me')));
  const rows = db
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
    .leftJoin(arrived, and(eq(arrived.taskId, tasks.id), sql`${arrived.kind} = 'task.arrived'`))
    .where(and(...conditions))
    // The id makes the order total, so pages never overlap or skip a row.
    .orderBy(sql`${tasks.dueAt} asc nulls last`, asc(tasks.createdAt), asc(tasks.id))
    // One row more than the page tells whether there is a next page. Written into the SQL text:
    // with the limit as a parameter PostgreSQL never settles on the prepared statement's generic
    // plan and plans every call again (about as long as running it).
    .limit(literalLimit(shape.limit + 1));
  return {
    rowsQuery: (shape.paged ? rows.offset(sql.placeholder('offset')) : rows).prepare('alur_inbox_rows'),
    countsQuery: db
      .select({ positionKey: tasks.positionKey, n: sql<number>`count(*)::int` })
      .from(tasks)
      .where(
        and(
          eq(tasks.agencyId, sql.placeholder('agency')),
          inArray(tasks.positionKey, placeholders('h', shape.heldPositions)),
          isOpen,
        ),
      )
      .groupBy(tasks.positionKey)
      .prepare('alur_inbox_counts'),
  };
}
const inboxQueryCache = new WeakMap<Db, Map<string, ReturnType<typeof buildInboxQueries>>>();

function inboxQueries(db: Db, shape: InboxShape) {
  let byShape = inboxQueryCache.get(db);
  if (!byShape) {
    byShape = new Map();
    inboxQueryCache.set(db, byShape);
  }
  const key = JSON.stringify(shape);
  let queries = byShape.get(key);
  if (!queries) {
    if (byShape.size >= 200) byShape.clear();
    queries = buildInboxQueries(db, shape);
    byShape.set(key, queries);
  }
  return queries;
}

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
  const shape: InboxShape = {
    positions: positions.length,
    heldPositions: user.positions.length,
    sop: Boolean(filter.sopId),
    overdue: Boolean(filter.overdue),
    dueToday: Boolean(filter.dueToday),
    claimedByMe: Boolean(filter.claimedByMe),
    limit,
    paged: offset > 0,
  };
  const { rowsQuery, countsQuery } = inboxQueries(db, shape);
  const values: Record<string, unknown> = {
    agency: user.agencyId,
    sop: filter.sopId,
    now: now.toISOString(),
    from: filter.dueToday?.from,
    to: filter.dueToday?.to,
    me: user.id,
    offset,
  };
  positions.forEach((p, i) => {
    values[`p${i}`] = p;
  });
  user.positions.forEach((p, i) => {
    values[`h${i}`] = p;
  });
  // Independent reads: on PostgreSQL they run on two pooled connections at once, each a named
  // prepared statement (one round trip, and a plan cached once the statement is seen again).
  const [found, counts] = await Promise.all([rowsQuery.execute(values), countsQuery.execute(values)]);
  const rows = found.slice(0, limit);
  const calendar = await loadWorkingCalendar(db, user.agencyId);
  const stepsByVersion = new Map<string, Map<string, SopDocument['nodes'][number]>>();
  // All rows' remaining minutes in one walk over the days (the first page is often the oldest).
  const remaining = workingMinutesFrom(
    now,
    rows.flatMap((r) => (r.dueAt === null ? [] : [Date.parse(r.dueAt)])),
    calendar,
  );
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
      remainingWorkingMinutes: r.dueAt === null ? null : Math.round(remaining.get(Date.parse(r.dueAt))!),
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
