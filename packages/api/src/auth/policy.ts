import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { cases, type Permission, tasks } from '../db/schema.ts';
import type { Actor } from '../engine/core/types.ts';
import { AppError, notFound } from '../errors.ts';
import type { SessionUser } from './sessions.ts';

/**
 * Who may do what: the one place for Alur's access rules, used by the tRPC routers
 * (`allowedTo(rule)`), the services and the plain HTTP routes alike (docs/api.md § Permissions).
 *
 * Two kinds of rule:
 * - **role rules** (`may`): what a permission lets a user do anywhere in their agency. A router
 *   refuses with 403 before calling the service.
 * - **object rules** (`loadVisibleCase`, `loadVisibleTask`, …): whether this user may see this
 *   case or task. An object the user may not see answers 404, exactly like one that does not
 *   exist (or belongs to another agency), so ids cannot be probed.
 */

/** Which permissions grant each role rule. */
export const ROLE_RULES = {
  /** Read a draft (sop.get, the draft export). */
  readDrafts: ['designer', 'admin', 'leader'],
  /** Create, edit and import drafts. */
  editDrafts: ['designer', 'admin'],
  /** Publish a version. */
  publish: ['admin'],
  /** Start a case (case.start). */
  startCases: ['staff', 'admin'],
  /** See every case and task of the agency (overseers). */
  overseeCases: ['leader', 'admin'],
  /** Cancel any case of the agency (case.cancel); whoever started a case may cancel it too. */
  cancelCases: ['leader', 'admin'],
  /** The evaluation report. */
  readReports: ['leader', 'admin'],
  /** The register of outgoing letters (buku agenda surat keluar) and its export. */
  readLetterRegister: ['leader', 'admin'],
  /** Read the working calendar. */
  readCalendar: ['admin', 'leader'],
  /** Users, positions, calendar changes, case migration. */
  administer: ['admin'],
} as const satisfies Record<string, readonly Permission[]>;

export type RoleRule = keyof typeof ROLE_RULES;

/** Whether the user's permissions grant the role rule. */
export function may(user: SessionUser, rule: RoleRule): boolean {
  const granted: readonly Permission[] = ROLE_RULES[rule];
  return user.permissions.some((p) => granted.includes(p));
}

/** The refusal of a role rule (403), naming the permissions that would grant it. */
export function forbidden(rule: RoleRule): AppError {
  const granted = ROLE_RULES[rule];
  return new AppError('FORBIDDEN', 'FORBIDDEN', {
    id: `Anda tidak berwenang: perlu hak ${granted.join(' atau ')}.`,
    en: `You are not allowed: this needs ${granted.join(' or ')}.`,
  });
}

/** Throws 403 unless the user's permissions grant the rule. */
export function assertMay(user: SessionUser, rule: RoleRule): void {
  if (!may(user, rule)) throw forbidden(rule);
}

/** The engine's view of the user: their positions, and whether they act as an admin. */
export function toActor(user: SessionUser): Actor {
  return { userId: user.id, positions: user.positions, isAdmin: user.permissions.includes('admin') };
}

/** A task is visible to holders of its position, and to the agency's leaders and admins. */
export function canSeeTask(user: SessionUser, positionKey: string): boolean {
  return may(user, 'overseeCases') || user.positions.includes(positionKey);
}

/** Whether the user may work the task (claim, complete): only holders of its position. */
export function canWorkTask(user: SessionUser, positionKey: string): boolean {
  return user.positions.includes(positionKey);
}

/**
 * Loads a task of the user's agency that the user may see (`canSeeTask`); anything else is
 * "not found", so ids cannot be probed.
 */
export async function loadVisibleTask(db: Db | Tx, user: SessionUser, taskId: string) {
  const [row] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.agencyId, user.agencyId)));
  if (!row || !canSeeTask(user, row.positionKey)) throw notFound('Tugas', 'Task');
  return row;
}

/**
 * The cases a user may see, as a condition on `cases`: every case of the agency for overseers;
 * otherwise the cases they started, or where a task is (or was) in one of their positions or was
 * completed by them. `perCase`: check each candidate case through `tasks_case` (for a query that
 * looks at a few cases): without it PostgreSQL may, misjudging how many candidates a search
 * yields, instead read every task of the user's positions into a hash table first.
 */
export function visibleCasesWhere(user: SessionUser, options: { perCase?: boolean } = {}): SQL {
  const agency = eq(cases.agencyId, user.agencyId);
  if (may(user, 'overseeCases')) return agency;
  const positions = user.positions.length ? inArray(tasks.positionKey, user.positions) : sql`false`;
  // OFFSET 0 keeps the subquery a per-row check (PostgreSQL does not turn it into a hashed one).
  const perCase = options.perCase ? sql` offset 0` : sql``;
  const took = sql`exists (select 1 from ${tasks} where ${tasks.caseId} = ${cases.id} and (${positions} or ${tasks.completedBy} = ${user.id})${perCase})`;
  return and(agency, or(eq(cases.startedBy, user.id), took))!;
}

/** Whether the user may see this case (the rule of `visibleCasesWhere`, for a row at hand). */
export async function canSeeCase(
  db: Db | Tx,
  user: SessionUser,
  caseRow: Pick<typeof cases.$inferSelect, 'id' | 'agencyId' | 'startedBy'>,
): Promise<boolean> {
  if (caseRow.agencyId !== user.agencyId) return false;
  if (may(user, 'overseeCases') || caseRow.startedBy === user.id) return true;
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

/**
 * **May this user see this case?** Loads the case if so; otherwise answers 404 "Kasus tidak
 * ditemukan" — the same as for a case that does not exist. Every route that shows anything of a
 * case (its page, its data, its files) starts here.
 */
export async function loadVisibleCase(db: Db | Tx, user: SessionUser, caseId: string) {
  const [row] = await db
    .select()
    .from(cases)
    .where(and(eq(cases.id, caseId), eq(cases.agencyId, user.agencyId)));
  if (!row || !(await canSeeCase(db, user, row))) throw notFound('Kasus', 'Case');
  return row;
}

/**
 * **May this user cancel this case?** Leaders and admins (`cancelCases`) any case of the agency,
 * anyone else only a case they started. Callers load the case with `loadVisibleCase` first, so a
 * case the user cannot see is 404 and this refusal (403) only concerns a case they can see.
 */
export function assertMayCancelCase(
  user: SessionUser,
  caseRow: Pick<typeof cases.$inferSelect, 'startedBy'>,
) {
  if (!may(user, 'cancelCases') && caseRow.startedBy !== user.id) {
    throw new AppError('FORBIDDEN', 'FORBIDDEN', {
      id: 'Anda tidak berwenang membatalkan kasus ini: hanya yang memulainya, pimpinan (leader) atau admin.',
      en: 'You may not cancel this case: only whoever started it, a leader or an admin may.',
    });
  }
}

/**
 * Whether the user may download an export: a published version is readable by every user of its
 * agency (`sop.version`), a draft only under `readDrafts` (`sop.get`).
 */
export function canExport(user: SessionUser, what: 'draft' | 'version'): boolean {
  return what === 'version' || may(user, 'readDrafts');
}
