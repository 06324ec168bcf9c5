import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Every PGlite this file's modules open or close, by data directory: the head start (head-start.ts)
// and createDb (client.ts) import PGlite dynamically, and get this counting subclass.
const seen = vi.hoisted(() => ({ opened: [] as string[], closed: [] as string[] }));
vi.mock('@electric-sql/pglite', async (importOriginal) => {
  const original = await importOriginal<typeof import('@electric-sql/pglite')>();
  class CountedPGlite extends original.PGlite {
    readonly #dir: string;
    constructor(options?: import('@electric-sql/pglite').PGliteOptions) {
      super(options);
      this.#dir = options?.dataDir ?? 'memory';
      seen.opened.push(this.#dir);
    }
    override async close() {
      seen.closed.push(this.#dir);
      return super.close();
    }
  }
  return { ...original, PGlite: CountedPGlite };
});

const { createDb } = await import('./client.ts');
const { discardHeadStart, endHeadStart, startStoreEarly } = await import('./head-start.ts');
const { PGlite } = await import('@electric-sql/pglite');

const root = mkdtempSync(join(tmpdir(), 'alur-head-start-'));
const template = join(root, 'template');
afterAll(() => {
  endHeadStart();
  rmSync(root, { recursive: true, force: true });
});

beforeAll(async () => {
  // A small template: a data directory PGlite initialised, with one table.
  const pg = new PGlite({ dataDir: template });
  await pg.exec("create table marker (note text); insert into marker values ('from the template')");
  await pg.close();
  seen.opened.length = 0;
  seen.closed.length = 0;
}, 120_000);

const config = (dataDir: string, sharedBuffersMb = 16) =>
  ({ kind: 'pglite', dataDir, sharedBuffersMb, demo: false }) as const;

const sqlMarker = () => sql`select note from marker`;
const sqlSharedBuffers = () => sql`select current_setting('shared_buffers') as setting`;
const opens = (dir: string) => seen.opened.filter((d) => d === dir).length;
const closes = (dir: string) => seen.closed.filter((d) => d === dir).length;

describe('the head start (db/head-start.ts)', () => {
  it('is taken by createDb for its data directory: the store it opened is the one the server uses', async () => {
    const dataDir = join(root, 'taken', 'data');
    startStoreEarly(config(dataDir), { templateDir: template });
    const database = await createDb(config(dataDir));
    try {
      expect(opens(dataDir)).toBe(1);
      expect(closes(dataDir)).toBe(0);
      expect(await database.query<{ note: string }>(sqlMarker())).toEqual([{ note: 'from the template' }]);
      // Nothing is left for a later createDb or for the exit handler to discard.
      await discardHeadStart();
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
    } finally {
      await database.close();
    }
  }, 60_000);

  it('for another data directory is not taken: closed, its copy removed, and createDb opens its own', async () => {
    const other = join(root, 'other', 'data');
    const dataDir = join(root, 'own', 'data');
    startStoreEarly(config(other), { templateDir: template });
    const database = await createDb(config(dataDir));
    try {
      // Discarded at once, the copy may still have been under way: then nothing was opened.
      expect(closes(other)).toBe(opens(other));
      expect(existsSync(other)).toBe(false);
      expect(readdirSync(join(root, 'other'))).toEqual([]);
      expect(opens(dataDir)).toBe(1);
    } finally {
      await database.close();
    }
  }, 60_000);

  it('opened with other start parameters is closed and the copy reopened with createDb’s', async () => {
    const dataDir = join(root, 'params', 'data');
    startStoreEarly(config(dataDir, 16), { templateDir: template });
    const database = await createDb(config(dataDir, 8));
    try {
      expect(opens(dataDir)).toBe(2);
      expect(closes(dataDir)).toBe(1);
      const [row] = await database.query<{ setting: string }>(sqlSharedBuffers());
      expect(row?.setting).toBe('8MB');
      expect(await database.query<{ note: string }>(sqlMarker())).toEqual([{ note: 'from the template' }]);
    } finally {
      await database.close();
    }
  }, 60_000);

  it('nobody took is discarded: its store closed, its copy gone, an empty directory that was there left empty', async () => {
    const created = join(root, 'discarded', 'data');
    startStoreEarly(config(created), { templateDir: template });
    await discardHeadStart();
    expect(existsSync(created)).toBe(false);

    const empty = join(root, 'empty');
    mkdirSync(empty);
    startStoreEarly(config(empty), { templateDir: template });
    await discardHeadStart();
    expect(readdirSync(empty)).toEqual([]);
  }, 60_000);

  it('leaves an existing database where it is when discarded', async () => {
    const dataDir = join(root, 'existing', 'data');
    startStoreEarly(config(dataDir), { templateDir: template });
    await (await createDb(config(dataDir))).close();
    startStoreEarly(config(dataDir), { templateDir: template });
    await discardHeadStart();
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
  }, 60_000);
});
