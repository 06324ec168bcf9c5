import type { EdgeLabel, SopDocument } from '@alur/schema';
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { SessionUser } from '../auth/sessions.ts';
import { type WorkingCalendar, workingMinutesBetween } from '../calendar/index.ts';
import type { Db, Tx } from '../db/client.ts';
import type { PipelinedWork } from '../db/raw.ts';
import { cases, sops, tasks, users } from '../db/schema.ts';
import type { Actor, AlurEvent, EngineCommand, TaskStatus } from '../engine/core/types.ts';
import { loadVersionDocument, planTaskCommand, rethrowLostRace } from '../engine/store/store.ts';
import { AppError, notFound } from '../errors.ts';
import type { AppDeps } from '../trpc/context.ts';
import { loadAgencyClock, loadWorkingCalendar } from './calendar.ts';
import { idempotent } from './idempotency.ts';

export function toActor(user: SessionUser): Actor {
  return { userId: user.id, positions: user.positions, isAdmin: user.permissions.includes('admin') };
}

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
    })
    .from(tasks)
    .innerJoin(cases, eq(cases.id, tasks.caseId))
    .innerJoin(sops, eq(sops.id, tasks.sopId))
    .leftJoin(users, eq(users.id, tasks.claimedBy))
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

/**
 * Loads a task the user may see: one of their positions, or any task of their agency for leaders
 * and admins. Anything else is "not found", so ids cannot be probed.
 */
export async function loadVisibleTask(db: Db | Tx, user: SessionUser, taskId: string) {
  const [row] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.agencyId, user.agencyId)));
  if (!row || !canSeeTask(user, row.positionKey)) throw notFound('Tugas', 'Task');
  return row;
}

/** A task is visible to holders of its position, and to the agency's leaders and admins. */
function canSeeTask(user: SessionUser, positionKey: string): boolean {
  const overseer = user.permissions.includes('leader') || user.permissions.includes('admin');
  return overseer || user.positions.includes(positionKey);
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
  return {
    task: { ...task, claimedByName: claimer?.name ?? null },
    step: {
      kegiatan: node.kegiatan,
      mutuBaku: node.mutuBaku,
      keterangan: node.keterangan,
      lane: laneName(node.laneId),
    },
    exits,
    case: { id: c!.id, number: c!.number, title: c!.title, status: c!.status, sopName: sop?.name ?? '' },
    canAct: user.positions.includes(task.positionKey),
    /** Working minutes left until the due date on the agency calendar (negative: overdue). */
    remainingWorkingMinutes: remainingWorkingMinutes(
      task.dueAt,
      now,
      await loadWorkingCalendar(db, user.agencyId),
    ),
  };
}

type TaskAction =
  | { type: 'task.claim' }
  | { type: 'task.release' }
  | { type: 'task.reassign'; toUserId: string }
  | { type: 'task.complete'; outcome?: EdgeLabel; note?: string };

const ACTIVE_USER_OF_AGENCY = 'select id from users where id = $1::uuid and agency_id = $2::uuid and active';

/**
 * Runs a task command in one transaction, once per idempotency key. On PostgreSQL it costs two
 * round trips: BEGIN, the key's claim, the case lock and the case's tasks together; then the
 * command's writes, the stored answer and COMMIT together.
 */
export async function actOnTask(
  deps: AppDeps,
  user: SessionUser,
  input: { taskId: string; idempotencyKey?: string },
  action: TaskAction,
) {
  // Cached per agency; loaded before the transaction so the embedded store never waits on itself.
  const clock = await loadAgencyClock(deps.database.db, user.agencyId);
  const now = deps.now();
  const command = { ...action, actor: toActor(user), taskId: input.taskId } as EngineCommand;
  let changed: AlurEvent | null = null;
  const work: PipelinedWork<TaskActionResult> = async (q) => {
    const target =
      action.type === 'task.reassign' ? q(ACTIVE_USER_OF_AGENCY, [action.toUserId, user.agencyId]) : null;
    const planning = planTaskCommand(q, {
      agencyId: user.agencyId,
      taskId: input.taskId,
      command,
      now,
      clock,
      canSee: (task) => canSeeTask(user, task.positionKey),
    });
    planning.catch(() => {});
    if (target && (await target).length === 0) throw notFound('Pengguna tujuan', 'Target user');
    const { caseId, state, writes, event } = await planning;
    changed = event;
    const task = state.tasks.find((t) => t.id === input.taskId)!;
    const value = {
      caseId,
      caseStatus: state.status,
      task: { id: task.id, status: task.status, claimedBy: task.claimedBy, outcome: task.outcome },
      openTasks: state.tasks
        .filter((t) => t.status === 'open' || t.status === 'claimed')
        .map((t) => ({ id: t.id, nodeId: t.nodeId, positionKey: t.positionKey, dueAt: t.dueAt })),
    };
    return { value, writes };
  };
  const result = await deps.database
    .transact(idempotent(user.id, input.idempotencyKey, action.type, work))
    .catch(rethrowLostRace);
  // Committed: now the live inboxes may hear of it (a replayed answer announces nothing new, but
  // a spare refresh is harmless).
  if (changed) deps.bus.announce(changed);
  return result;
}

interface TaskActionResult {
  caseId: string;
  caseStatus: 'active' | 'completed' | 'cancelled';
  task: { id: string; status: TaskStatus; claimedBy: string | null; outcome: EdgeLabel | null };
  openTasks: { id: string; nodeId: string; positionKey: string; dueAt: string | null }[];
}

export function assertCanStart(user: SessionUser) {
  if (!user.permissions.some((p) => p === 'staff' || p === 'admin')) {
    throw new AppError('FORBIDDEN', 'FORBIDDEN', {
      id: 'Anda tidak berwenang memulai kasus.',
      en: 'You may not start cases.',
    });
  }
}

/** Whether the user may see a case: overseers, its starter, or a holder of one of its positions. */
export async function canSeeCase(
  db: Db,
  user: SessionUser,
  caseRow: typeof cases.$inferSelect,
): Promise<boolean> {
  if (user.permissions.includes('leader') || user.permissions.includes('admin')) return true;
  if (caseRow.startedBy === user.id) return true;
  if (user.positions.length === 0) return false;
  const [hit] = await db
    .select({ id: tasks.id })
    .from(tasks)
    .where(
      and(
        eq(tasks.caseId, caseRow.id),
        or(inArray(tasks.positionKey, user.positions), eq(tasks.completedBy, user.id)),
      ),
    )
    .limit(1);
  return Boolean(hit);
}
