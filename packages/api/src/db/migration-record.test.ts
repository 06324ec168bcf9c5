import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, migrateDb } from './client.ts';
import {
  APPLIED_MIGRATIONS_SQL,
  type AppliedMigration,
  isMigrationRecordCurrent,
  MIGRATIONS_FOLDER,
  readCurrentMigrations,
  toAppliedMigrations,
} from './migration-record.ts';
import { startDataDirPreparation } from './pglite-template.ts';

const current = readCurrentMigrations();

describe('a template’s migration record', () => {
  it('is current only when it lists exactly these migrations, in order', () => {
    expect(current.length).toBeGreaterThan(1);
    expect(
      isMigrationRecordCurrent(
        current.map((m) => ({ ...m })),
        current,
      ),
    ).toBe(true);
    // one missing (a template built before the newest migration), one extra (built by newer code)
    expect(isMigrationRecordCurrent(current.slice(0, -1), current)).toBe(false);
    expect(isMigrationRecordCurrent([...current, { hash: 'f00', createdAt: 9e12 }], current)).toBe(false);
    // a migration file edited after the template was built: same timestamp, other SQL
    const edited = current.map((m, i) => (i === 3 ? { ...m, hash: m.hash.replace(/^./, 'x') } : m));
    expect(isMigrationRecordCurrent(edited, current)).toBe(false);
    expect(isMigrationRecordCurrent([current[1], current[0], ...current.slice(2)], current)).toBe(false);
    for (const bogus of [null, 'all', {}, [null], current.map((m) => ({ hash: m.hash }))]) {
      expect(isMigrationRecordCurrent(bogus, current.slice(0, 1))).toBe(false);
    }
  });
});

/*
 * On disk, as a first start meets them: a template built with every migration but the newest
 * (its record says so, read from its database), and copies of it opened as the server opens a
 * copied data directory.
 */
describe('migrateDb on a data directory copied from a template', () => {
  const root = mkdtempSync(join(tmpdir(), 'alur-migration-record-'));
  const olderTemplate = join(root, 'older-template');
  let olderRecord: AppliedMigration[] = [];

  const hasNewestMigration = async (dataDir: string) => {
    const pg = new PGlite({ dataDir });
    try {
      const applied = toAppliedMigrations(
        (await pg.query<{ hash: string; created_at: string }>(APPLIED_MIGRATIONS_SQL)).rows,
      );
      const fn = await pg.query(`select 1 from pg_proc where proname = 'alur_case_tasks'`);
      return { recorded: isMigrationRecordCurrent(applied, current), function: fn.rows.length === 1 };
    } finally {
      await pg.close();
    }
  };

  const copyOlderTemplate = async (name: string, record: AppliedMigration[]) => {
    const dataDir = join(root, name, 'data');
    const prepared = await startDataDirPreparation(dataDir, {
      templateDir: olderTemplate,
      templateMigrations: record,
    }).finish();
    expect(prepared.templateMigrations).toEqual(record);
    const database = await createDb({ kind: 'pglite', dataDir });
    // What createDb sets when the server's own start made the copy (db/head-start.ts).
    database.templateMigrations = record;
    return { dataDir, database };
  };

  beforeAll(async () => {
    // The migrations folder without its newest entry, as an older build had it.
    const folder = join(root, 'older-migrations');
    mkdirSync(join(folder, 'meta'), { recursive: true });
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
      entries: { tag: string }[];
    };
    journal.entries = journal.entries.slice(0, -1);
    writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
    for (const { tag } of journal.entries)
      cpSync(join(MIGRATIONS_FOLDER, `${tag}.sql`), join(folder, `${tag}.sql`));
    const pg = new PGlite({ dataDir: olderTemplate });
    await migrate(drizzle({ client: pg }), { migrationsFolder: folder });
    olderRecord = toAppliedMigrations(
      (await pg.query<{ hash: string; created_at: string }>(APPLIED_MIGRATIONS_SQL)).rows,
    );
    await pg.close();
  }, 240_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is migrated when the template recorded fewer migrations than the code has', async () => {
    expect(olderRecord).toEqual(current.slice(0, -1));
    const { dataDir, database } = await copyOlderTemplate('older', olderRecord);
    await migrateDb(database);
    await database.close();
    expect(await hasNewestMigration(dataDir)).toEqual({ recorded: true, function: true });
  }, 120_000);

  it('is migrated when the record does not match entry by entry, even at the right length', async () => {
    // Claims the newest migration, but with other SQL than the code's: not trusted.
    const claimed = [...olderRecord, { ...current.at(-1)!, hash: 'not-the-newest-migration' }];
    const { dataDir, database } = await copyOlderTemplate('mismatched', claimed);
    await migrateDb(database);
    await database.close();
    expect(await hasNewestMigration(dataDir)).toEqual({ recorded: true, function: true });
  }, 120_000);

  it('is not checked again when the record is exactly the current migrations', async () => {
    const { dataDir, database } = await copyOlderTemplate('current', olderRecord);
    await migrateDb(database);
    await database.close();
    // This copy is now current. Its record is taken as it stands: drizzle's own bookkeeping is
    // dropped, so the check, had it run, would have to recreate it.
    const pg = new PGlite({ dataDir });
    await pg.exec('drop schema drizzle cascade');
    await pg.close();
    const reopened = await createDb({ kind: 'pglite', dataDir });
    reopened.templateMigrations = current;
    await migrateDb(reopened);
    const schemas = await reopened.query<{ n: number }>(
      sql`select count(*)::int as n from pg_namespace where nspname = 'drizzle'`,
    );
    await reopened.close();
    expect(schemas).toEqual([{ n: 0 }]);
  }, 120_000);
});
