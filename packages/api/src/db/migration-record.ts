import { readMigrationFiles } from 'drizzle-orm/migrator';
import { API_DIR } from '../package-dirs.ts';

// A prepared template (scripts/make-pglite-template.ts) records which migrations its database
// applied, as the database itself lists them (drizzle's `__drizzle_migrations`: each migration's
// SQL hash and journal timestamp). A data directory copied from it in this very start skips
// drizzle's migration check when that record equals, entry by entry, the migrations this code
// would apply: the check cost a first start ≈ 0.2 s of CPU (PostgreSQL's first DDL and catalog
// touches in WASM) to learn what the record already says (BENCHMARKS.md, #16).

/** The migrations folder drizzle reads (committed SQL files and their journal). */
export const MIGRATIONS_FOLDER = `${API_DIR}drizzle`;

/** One applied migration as drizzle records it. */
export interface AppliedMigration {
  /** sha256 of the migration's SQL file, hex. */
  hash: string;
  /** The journal's `when` for it (drizzle's `created_at`). */
  createdAt: number;
}

/** The migrations this code applies, as drizzle would record them once applied. */
export function readCurrentMigrations(): AppliedMigration[] {
  return readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).map((m) => ({
    hash: m.hash,
    createdAt: m.folderMillis,
  }));
}

/**
 * True when `record` lists exactly `current`: the same migrations, same SQL, same order, none
 * missing and none extra. Anything else (a malformed record included) is not current.
 */
export function isMigrationRecordCurrent(record: unknown, current: AppliedMigration[]): boolean {
  if (!Array.isArray(record) || record.length !== current.length) return false;
  return current.every((m, i) => {
    const r = record[i] as Partial<AppliedMigration> | null;
    return r !== null && typeof r === 'object' && r.hash === m.hash && r.createdAt === m.createdAt;
  });
}

/** The row shape of drizzle's `drizzle.__drizzle_migrations`, in the order it applied them. */
export const APPLIED_MIGRATIONS_SQL =
  'select hash, created_at::text as created_at from drizzle.__drizzle_migrations order by id';

/** Rows of `APPLIED_MIGRATIONS_SQL` as a record. */
export function toAppliedMigrations(rows: { hash: string; created_at: string }[]): AppliedMigration[] {
  return rows.map((r) => ({ hash: r.hash, createdAt: Number(r.created_at) }));
}
