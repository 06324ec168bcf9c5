import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import {
  finishPgliteTemplate,
  readWalPageAddress,
  startDataDirPreparation,
  walSegmentStart,
} from './pglite-template.ts';

const root = mkdtempSync(join(tmpdir(), 'alur-template-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const walSegments = (dir: string) =>
  readdirSync(join(dir, 'pg_wal'))
    .filter((n) => /^[0-9A-F]{24}$/.test(n))
    .sort();

const count = async (pg: PGlite) =>
  (await pg.query<{ n: number; total: number }>('select count(*)::int as n, sum(id)::int as total from t'))
    .rows[0];

// 20,000 rows of 1 kB: about 20 MB of WAL, more than one 16 MB segment.
const fill = (from: number) =>
  `insert into t select i, repeat('x', 1000) from generate_series(${from}, ${from + 19_999}) i`;

it('a finished template keeps its relation cache, drops only spare WAL segments, and its copies write, restart and keep their data', async () => {
  const template = join(root, 'template');
  let pg = new PGlite({ dataDir: template });
  await pg.exec(`create table t (id int primary key, pad text); ${fill(1)}; checkpoint;`);
  // The checkpoint lets PostgreSQL recycle the first segment as a spare ahead of the WAL's end.
  await pg.close();

  const { removedWalSegments } = await finishPgliteTemplate(template);
  expect(removedWalSegments.length).toBeGreaterThan(0);
  const kept = walSegments(template);
  expect(kept.length).toBeGreaterThan(0);
  for (const name of kept) {
    expect(readWalPageAddress(join(template, 'pg_wal', name))).toBe(walSegmentStart(name, 16 * 1024 * 1024));
  }
  expect(existsSync(join(template, 'global', 'pg_internal.init'))).toBe(true);
  const databases = readdirSync(join(template, 'base'));
  expect(databases.some((oid) => existsSync(join(template, 'base', oid, 'pg_internal.init')))).toBe(true);
  // Only the database PGlite serves is left: template0 and template1 are dropped, not copied.
  expect(databases).toHaveLength(1);

  // A copy, as a first start makes one: it opens, and writes more WAL than the segments it has.
  const copy = join(root, 'copy');
  cpSync(template, copy, { recursive: true });
  pg = new PGlite({ dataDir: copy });
  expect(await count(pg)).toEqual({ n: 20_000, total: 200_010_000 });
  expect((await pg.query<{ datname: string }>('select datname from pg_database')).rows).toEqual([
    { datname: 'postgres' },
  ]);
  await pg.exec(`${fill(20_001)}; update t set pad = 'y' where id = 7`);
  await pg.close();
  expect(walSegments(copy).some((name) => !kept.includes(name))).toBe(true);

  pg = new PGlite({ dataDir: copy });
  expect(await count(pg)).toEqual({ n: 40_000, total: 800_020_000 });
  expect((await pg.query<{ pad: string }>('select pad from t where id = 7')).rows[0]?.pad).toBe('y');
  await pg.close();
}, 240_000);

describe('a fresh data directory', () => {
  const template = join(root, 'small-template');
  mkdirSync(join(template, 'base', '5'), { recursive: true });
  writeFileSync(join(template, 'PG_VERSION'), '17\n');
  for (let i = 0; i < 40; i++) writeFileSync(join(template, 'base', '5', String(1000 + i)), `page ${i}`);

  it('receives a whole copy of the template, put in place by finish()', async () => {
    const dataDir = join(root, 'fresh', 'data');
    const preparation = startDataDirPreparation(dataDir, { templateDir: template });
    expect(existsSync(dataDir)).toBe(false);
    expect(await preparation.finish()).toEqual({ byInitdb: false, demoPreparedAt: null, copied: true });
    expect(readdirSync(join(dataDir, 'base', '5'))).toHaveLength(40);
    expect(readFileSync(join(dataDir, 'base', '5', '1039'), 'utf8')).toBe('page 39');
    expect(readdirSync(join(root, 'fresh'))).toEqual(['data']);
  });

  it('is left without any copy when the start stops before the store opens (abandon)', async () => {
    const dataDir = join(root, 'abandoned', 'data');
    const preparation = startDataDirPreparation(dataDir, { templateDir: template });
    preparation.abandon();
    await preparation.finish().catch(() => {});
    preparation.abandon();
    expect(existsSync(dataDir)).toBe(false);
    expect(readdirSync(join(root, 'abandoned'))).toEqual([]);
  });

  it('keeps an existing database as it is, and stays empty for a loaded dump', async () => {
    const existing = join(root, 'existing');
    mkdirSync(existing);
    writeFileSync(join(existing, 'PG_VERSION'), 'mine');
    expect(await startDataDirPreparation(existing, { templateDir: template }).finish()).toEqual({
      byInitdb: false,
      demoPreparedAt: null,
      copied: false,
    });
    expect(readdirSync(existing)).toEqual(['PG_VERSION']);
    const forDump = join(root, 'dump');
    await startDataDirPreparation(forDump, { templateDir: template, template: false }).finish();
    expect(readdirSync(forDump)).toEqual([]);
  });
});
