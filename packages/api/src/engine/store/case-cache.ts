import type { Database } from '../../db/client.ts';
import type { CaseState } from '../core/types.ts';
import type { CaseRow } from './sql.ts';

/**
 * The cases this process acted on lately, as its own last command left them: so that the next
 * command on one of them (the next step of a case, done in the same server process) is planned
 * without reading the case again, and its writes and COMMIT go in one round trip instead of two.
 *
 * What makes it safe is not the cache but the write: a command planned from here updates the case
 * row only if its `revision` is still the one remembered (`CaseUpdate.revision`, case-writer.ts),
 * and every change to a case's state goes through that one writer, which raises the revision. A
 * case changed meanwhile by another process (or another request of this one) fails that guard,
 * the transaction rolls back whole, and the command is planned again from a fresh read under the
 * case's lock (services/task-commands.ts) — as is any command the cached state would refuse, so
 * that a refusal is never based on what may be stale.
 */
export interface CachedCase {
  /**
   * The case row after the command, its revision as the command's commit left it; without the
   * case file's values (`data`: personal data is not kept in memory beyond a request, and a case
   * file may be large), so a command that needs them reads the case.
   */
  row: Omit<CaseRow, 'data'>;
  /**
   * The engine's view: `tasks` the live ones (open, claimed) in created order, then id, and
   * `earlierVisits` counting the finished rest by step, as `planTaskCommand` reads them.
   */
  state: CaseState & { earlierVisits: Record<string, number> };
}

/** Cases remembered per process and database: enough for every case a busy office has in hand. */
export const CASE_CACHE_CAPACITY = 5_000;

/** `ALUR_CASE_CACHE`: how many cases a process remembers (0: none, every command reads its case). */
export function caseCacheCapacity(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ALUR_CASE_CACHE;
  if (raw === undefined || raw === '') return CASE_CACHE_CAPACITY;
  const capacity = Number(raw);
  if (!Number.isInteger(capacity) || capacity < 0) {
    throw new Error(
      `ALUR_CASE_CACHE="${raw}" tidak sah: harus bilangan bulat ≥ 0 (must be a whole number ≥ 0).`,
    );
  }
  return capacity;
}

export class CaseCache {
  private readonly cases = new Map<string, CachedCase>();
  private readonly caseOfTask = new Map<string, string>();

  constructor(private readonly capacity = caseCacheCapacity()) {}

  /** How many cases are remembered. */
  get size(): number {
    return this.cases.size;
  }

  /**
   * Takes out the case whose live task `taskId` is, if remembered for `agencyId`: a command
   * planned from it either commits and puts the case back, or falls back to a fresh read. Taken
   * out, a second command on the same case meanwhile reads it under the lock instead.
   */
  take(taskId: string, agencyId: string): CachedCase | undefined {
    const caseId = this.caseOfTask.get(taskId);
    if (caseId === undefined) return undefined;
    const entry = this.cases.get(caseId);
    if (!entry || entry.row.agencyId !== agencyId) return undefined;
    this.forget(caseId);
    return entry;
  }

  /**
   * Remembers a case as a committed command left it, unless a newer revision of it is already
   * here (two commands on one case in this process may commit in one order and report in the
   * other). The oldest case goes when the cache is full.
   */
  put(entry: CachedCase): void {
    if (this.capacity === 0) return;
    const caseId = entry.row.id;
    const current = this.cases.get(caseId);
    if (current && current.row.revision >= entry.row.revision) return;
    this.forget(caseId);
    this.cases.set(caseId, entry);
    for (const task of entry.state.tasks) this.caseOfTask.set(task.id, caseId);
    if (this.cases.size > this.capacity) {
      const oldest = this.cases.keys().next().value;
      if (oldest !== undefined) this.forget(oldest);
    }
  }

  /** Forgets a case (its command failed, or it changed in a way the process does not follow). */
  forget(caseId: string): void {
    const entry = this.cases.get(caseId);
    if (!entry) return;
    this.cases.delete(caseId);
    for (const task of entry.state.tasks) {
      if (this.caseOfTask.get(task.id) === caseId) this.caseOfTask.delete(task.id);
    }
  }

  clear(): void {
    this.cases.clear();
    this.caseOfTask.clear();
  }
}

const caches = new WeakMap<Database, CaseCache>();

/**
 * This process's cache of the cases of `database`. Emptied whenever a connection to the database
 * fails: a revision alone cannot tell a case's state apart after the database lost commits this
 * process saw (a failover to a replica behind it, a restored backup), so nothing remembered from
 * before is trusted after.
 */
export function caseCacheOf(database: Database): CaseCache {
  let cache = caches.get(database);
  if (!cache) {
    const created = new CaseCache();
    database.onConnectionLost?.(() => created.clear());
    caches.set(database, created);
    cache = created;
  }
  return cache;
}
