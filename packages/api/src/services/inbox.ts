import type { SopDocument } from '@alur/schema';
import { eq } from 'drizzle-orm';
import { canWorkTask, loadVisibleTask } from '../auth/policy.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { type WorkingCalendar, workingMinutesBetween, workingMinutesFrom } from '../calendar/index.ts';
import type { Db } from '../db/client.ts';
import { preparedQuery } from '../db/raw.ts';
import { cases, sops, users } from '../db/schema.ts';
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
 * Why a task is here again: the "tidak" decision that sent it back and its note, kept on the task
 * (`tasks.sent_back`, written by engine/store/case-writer.ts); null on a first visit.
 */
export interface SentBackView {
  taskId: string;
  nodeId: string;
  note: string | null;
  by: string;
}

/** The first page the inbox screen asks for; more come with "load more". */
export const INBOX_PAGE = 50;

/** One row of the inbox: the task, its case and SOP, then what the step and the calendar say. */
export interface InboxTask {
  id: string;
  caseId: string;
  nodeId: string;
  kind: 'activity' | 'decision';
  positionKey: string;
  status: 'open' | 'claimed' | 'completed' | 'cancelled';
  attempt: number;
  claimedBy: string | null;
  claimedByName: string | null;
  createdAt: string;
  dueAt: string | null;
  overdueAt: string | null;
  caseNumber: string;
  caseTitle: string;
  versionId: string;
  sopId: string;
  sopName: string;
  sentBack: SentBackView | null;
  /** The step's Kegiatan and Mutu Baku time (from the SOP version). */
  kegiatan: string;
  waktu: SopDocument['nodes'][number]['mutuBaku']['waktu'] | null;
  isOverdue: boolean;
  /** Working minutes left until the due date on the agency calendar (negative: overdue). */
  remainingWorkingMinutes: number | null;
}

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
 * A timestamp as the API writes it (`toIsoInstant` of db/schema.ts: UTC, milliseconds cut, not
 * rounded), formatted by PostgreSQL so the rows need no conversion here.
 */
const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The inbox's one statement for a shape: the page's rows and the counts per position, built by
 * PostgreSQL as one JSON text. One round trip instead of two, and no per-row, per-column decoding
 * and mapping in this process (JSON.parse of one string costs a fraction of it). The open statuses and the LIMIT are written into the text
 * (not parameters) so that the prepared statement's generic plan uses the partial index
 * `tasks_inbox` and is not planned again on every call. Parameters: $1 the agency, then the
 * listed positions, the held positions, and the filters in the order below.
 */
function buildInboxSql(shape: InboxShape): string {
  let n = 1;
  const next = () => `$${++n}`;
  const listed = Array.from({ length: shape.positions }, next).join(', ');
  const held = Array.from({ length: shape.heldPositions }, next).join(', ');
  const conditions = [`t.agency_id = $1`, `t.position_key in (${listed})`, `t.status in ('open', 'claimed')`];
  if (shape.sop) conditions.push(`t.sop_id = ${next()}`);
  if (shape.overdue) conditions.push(`t.due_at < ${next()}`);
  if (shape.dueToday) conditions.push(`t.due_at >= ${next()} and t.due_at < ${next()}`);
  if (shape.claimedByMe) conditions.push(`t.claimed_by = ${next()}`);
  // The id makes the order total, so pages never overlap or skip a row; one row more than the
  // page tells whether there is a next page.
  const order = 't.due_at asc nulls last, t.created_at asc, t.id asc';
  const page = `select t.*, u.display_name as claimed_by_name, c.number as case_number, c.title as case_title,
      c.version_id, s.name as sop_name
    from tasks t
    join cases c on c.id = t.case_id
    join sops s on s.id = t.sop_id
    left join users u on u.id = t.claimed_by
    where ${conditions.join(' and ')}
    order by ${order}
    limit ${shape.limit + 1}${shape.paged ? ` offset ${next()}` : ''}`;
  // One array per row (the fields of `InboxRow`, in order): half the bytes of an object with keys.
  const row = `json_build_array(t.id, t.case_id, t.node_id, t.kind, t.position_key, t.status, t.attempt,
      t.claimed_by, t.claimed_by_name, ${iso('t.created_at')}, ${iso('t.due_at')}, ${iso('t.overdue_at')},
      t.case_number, t.case_title, t.version_id, t.sop_id, t.sop_name, t.sent_back)`;
  return `select json_build_object(
    'rows', coalesce((select json_agg(${row} order by ${order}) from (${page}) t), '[]'),
    'counts', coalesce((select json_object_agg(h.position_key, h.n) from (
      select position_key, count(*)::int as n from tasks
      where agency_id = $1 and position_key in (${held}) and status in ('open', 'claimed')
      group by position_key) h), '{}'))::text as inbox`;
}

/** The statement per shape, kept: a few dozen shapes in practice (page sizes, filters); bounded. */
const inboxSqlByShape = new Map<string, string>();

function inboxSql(shape: InboxShape): string {
  const key = `${shape.positions}/${shape.heldPositions}/${shape.sop}/${shape.overdue}/${shape.dueToday}/${shape.claimedByMe}/${shape.limit}/${shape.paged}`;
  let text = inboxSqlByShape.get(key);
  if (text === undefined) {
    if (inboxSqlByShape.size >= 200) inboxSqlByShape.clear();
    text = buildInboxSql(shape);
    inboxSqlByShape.set(key, text);
  }
  return text;
}

/** A row as the statement sends it: `InboxTask`'s own fields, by position. */
type InboxRow = [
  id: string,
  caseId: string,
  nodeId: string,
  kind: InboxTask['kind'],
  positionKey: string,
  status: InboxTask['status'],
  attempt: number,
  claimedBy: string | null,
  claimedByName: string | null,
  createdAt: string,
  dueAt: string | null,
  overdueAt: string | null,
  caseNumber: string,
  caseTitle: string,
  versionId: string,
  sopId: string,
  sopName: string,
  sentBack: SentBackView | null,
];

/**
 * Open tasks of the positions the user holds, soonest due first, one page at a time:
 * `nextCursor` is where the next page starts, null on the last page. Counts cover every open
 * task of each position, whatever the page and filters.
 */
export async function listInbox(
  db: Db,
  user: SessionUser,
  filter: InboxFilter,
  now: Date,
): Promise<{ tasks: InboxTask[]; countsByPosition: Record<string, number>; nextCursor: number | null }> {
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
  // In the order of the statement's placeholders (buildInboxSql).
  const params: unknown[] = [user.agencyId, ...positions, ...user.positions];
  if (filter.sopId) params.push(filter.sopId);
  if (filter.overdue) params.push(now.toISOString());
  if (filter.dueToday) params.push(filter.dueToday.from, filter.dueToday.to);
  if (filter.claimedByMe) params.push(user.id);
  if (offset > 0) params.push(offset);
  const [result] = await preparedQuery(db)<{ inbox: string }>(inboxSql(shape), params);
  const found = JSON.parse(result!.inbox) as { rows: InboxRow[]; counts: Record<string, number> };
  const rows = found.rows.length > limit ? found.rows.slice(0, limit) : found.rows;
  const calendar = await loadWorkingCalendar(db, user.agencyId);
  const stepsByVersion = new Map<string, Map<string, SopDocument['nodes'][number]>>();
  const dues = rows.map((r) => (r[10] === null ? null : Date.parse(r[10])));
  // All rows' remaining minutes in one walk over the days (the first page is often the oldest).
  const remaining = workingMinutesFrom(
    now,
    dues.filter((d) => d !== null),
    calendar,
  );
  const nowMs = now.getTime();
  const out: InboxTask[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const versionId = r[14];
    let steps = stepsByVersion.get(versionId);
    if (!steps) {
      const doc = await loadVersionDocument(db, versionId);
      steps = new Map(doc.nodes.map((n) => [n.id, n]));
      stepsByVersion.set(versionId, steps);
    }
    const node = steps.get(r[2]);
    const due = dues[i]!;
    out.push({
      id: r[0],
      caseId: r[1],
      nodeId: r[2],
      kind: r[3],
      positionKey: r[4],
      status: r[5],
      attempt: r[6],
      claimedBy: r[7],
      claimedByName: r[8],
      createdAt: r[9],
      dueAt: r[10],
      overdueAt: r[11],
      caseNumber: r[12],
      caseTitle: r[13],
      versionId,
      sopId: r[15],
      sopName: r[16],
      sentBack: r[17],
      kegiatan: node?.kegiatan ?? '',
      waktu: node?.mutuBaku.waktu ?? null,
      isOverdue: due !== null && due < nowMs,
      remainingWorkingMinutes: due === null ? null : Math.round(remaining.get(due)!),
    });
  }
  return {
    tasks: out,
    countsByPosition: found.counts,
    nextCursor: found.rows.length > limit ? offset + limit : null,
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
  return {
    task: {
      ...task,
      claimedByName: claimer?.name ?? null,
      sentBack: (task.sentBack ?? null) as SentBackView | null,
    },
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
