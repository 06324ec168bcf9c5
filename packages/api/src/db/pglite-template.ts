import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { API_DIR, REPO_DIR } from '../package-dirs.ts';

const dist = `${API_DIR}dist/`;
const migrations = `${API_DIR}drizzle/`;

/**
 * Where `npm run build` puts the prepared embedded database: a data directory PGlite initialised
 * and migrated, kept as plain files. A fresh data directory starts as a copy of it — a native
 * file copy, several times faster than `loadDataDir`, which untars a dump through PGlite's
 * in-WASM file system.
 */
export const PGLITE_TEMPLATE = {
  dir: `${dist}pglite-template`,
  stamp: `${dist}pglite-template.stamp`,
};

/**
 * The prepared demo (`npm run build`): the template plus the demo agency, users, published seed
 * SOPs and about three months of their cases (services/demo-history.ts). Its stamp holds the
 * migrations' and seeds' hash and when the history ends, as JSON.
 */
export const PGLITE_DEMO_TEMPLATE = {
  dir: `${dist}pglite-demo-template`,
  stamp: `${dist}pglite-demo-template.stamp`,
};

/** A hash of the migrations and the seeds: the prepared demo is used only if built from the same. */
export function readDemoStamp(): string {
  const hash = createHash('sha256').update(readMigrationStamp());
  const seeds = `${REPO_DIR}seeds/`;
  for (const f of readdirSync(seeds)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    hash.update(f).update(readFileSync(`${seeds}${f}`));
  }
  // The demo's letter templates and their bindings (services/letters/demo-letters.ts).
  const templates = `${seeds}templates/`;
  if (existsSync(templates)) {
    for (const f of readdirSync(templates).sort()) hash.update(f).update(readFileSync(`${templates}${f}`));
  }
  return hash.digest('hex');
}

/** The prepared demo's directory and the end of its history, if present and current. */
export function findDemoTemplate(): { dir: string; preparedAt: Date } | null {
  if (!existsSync(PGLITE_DEMO_TEMPLATE.dir) || !existsSync(PGLITE_DEMO_TEMPLATE.stamp)) return null;
  try {
    const stamp = JSON.parse(readFileSync(PGLITE_DEMO_TEMPLATE.stamp, 'utf8')) as {
      hash: string;
      preparedAt: string;
    };
    if (stamp.hash !== readDemoStamp()) return null;
    return { dir: PGLITE_DEMO_TEMPLATE.dir, preparedAt: new Date(stamp.preparedAt) };
  } catch {
    return null;
  }
}

/** A hash of the committed migrations: the template is used only if it was built from the same. */
export function readMigrationStamp(): string {
  const hash = createHash('sha256');
  for (const f of readdirSync(migrations)
    .filter((n) => n.endsWith('.sql'))
    .sort()) {
    hash.update(f).update(readFileSync(`${migrations}${f}`));
  }
  return hash.digest('hex');
}

/** The prepared template's directory, if present and built from the current migrations. */
export function findPgliteTemplate(): string | null {
  if (!existsSync(PGLITE_TEMPLATE.dir) || !existsSync(PGLITE_TEMPLATE.stamp)) return null;
  if (readFileSync(PGLITE_TEMPLATE.stamp, 'utf8') !== readMigrationStamp()) return null;
  return PGLITE_TEMPLATE.dir;
}

/** What opening a data directory needs to know of how it was prepared. */
export interface PreparedDataDir {
  /** True when there was no current template: PGlite runs initdb in the empty directory. */
  byInitdb: boolean;
  /** When a prepared demo was copied, the end of its history. */
  demoPreparedAt: Date | null;
  /** True when a template was copied into place (the directory was empty or missing). */
  copied: boolean;
}

/** A data directory being prepared (`startDataDirPreparation`). */
export interface DataDirPreparation {
  /** Waits for the template's copy, if one was started, and renames it into place. */
  finish(): Promise<PreparedDataDir>;
  /** Deletes a copy that was never put into place (the process is ending before the store opened). */
  abandon(): void;
}

/**
 * Starts preparing `dataDir` for PGlite: an empty or missing directory gets a copy of the prepared
 * demo (`demo`, when current) or of the template, made beside it (`<dataDir>.partial-<pid>`) and
 * renamed into place by `finish`, so neither a process killed halfway nor one that stops before
 * opening its store leaves a half-copied or unopened database behind. Without a current template
 * the directory is left empty for initdb. An existing database is left as it is, and so is the
 * directory when `template` is false (PGlite is to load a dump into it). `templateDir` names
 * another directory to copy (tests).
 */
export function startDataDirPreparation(
  dataDir: string,
  options: { demo?: boolean; template?: boolean; templateDir?: string } = {},
): DataDirPreparation {
  const nothingToCopy = (byInitdb: boolean): DataDirPreparation => ({
    finish: async () => {
      mkdirSync(dataDir, { recursive: true });
      return { byInitdb, demoPreparedAt: null, copied: false };
    },
    abandon: () => {},
  });
  if (options.template === false || (existsSync(dataDir) && readdirSync(dataDir).length > 0)) {
    return nothingToCopy(false);
  }
  const demo = options.demo && !options.templateDir ? findDemoTemplate() : null;
  const template = options.templateDir ?? demo?.dir ?? findPgliteTemplate();
  if (!template) return nothingToCopy(true);
  mkdirSync(dirname(resolve(dataDir)), { recursive: true });
  const partial = `${dataDir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  const stop = { requested: false };
  const copied = copyTree(template, partial);
  // A failed copy is reported by finish(); until then it must not count as unhandled.
  copied.catch(() => {});
  return {
    async finish() {
      await copied;
      if (stop.requested) throw new Error(`the copy of ${template} into ${partial} was abandoned`);
      // rename(2) replaces an empty directory, so an existing empty data dir is fine.
      renameSync(partial, dataDir);
      return { byInitdb: false, demoPreparedAt: demo?.preparedAt ?? null, copied: true };
    },
    abandon: () => {
      // Queued copies fail once their directory is gone; the few in flight may still land, hence
      // the retries, and a second abandon after `finish` settled removes whatever did.
      stop.requested = true;
      try {
        rmSync(partial, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
      } catch {
        // a copy landed meanwhile (see above)
      }
    },
  };
}

/**
 * Copies a directory tree. The directories are made first, then every file's copy is queued at
 * once on libuv's threads, off the main thread: about twice as fast as `cpSync` for the prepared
 * demo, which the first start of a server waits for (BENCHMARKS.md, "Startup"). All at once, not
 * a few at a time: the main thread, busy loading the server's modules meanwhile, started the next
 * copy only between its own tasks, and the copy finished 0.3–0.5 s after the modules instead of
 * before them (#16). A copy still queued when the start is abandoned fails harmlessly once its
 * directory is gone.
 */
async function copyTree(from: string, to: string): Promise<void> {
  const files: [string, string][] = [];
  const makeDirs = (source: string, target: string) => {
    mkdirSync(target);
    for (const entry of readdirSync(source, { withFileTypes: true })) {
      const [a, b] = [join(source, entry.name), join(target, entry.name)];
      if (entry.isDirectory()) makeDirs(a, b);
      else files.push([a, b]);
    }
  };
  makeDirs(from, to);
  // Settled, every one, before the copy counts as done or failed: `finish` then leaves nothing in flight.
  const copies = await Promise.allSettled(files.map(([a, b]) => copyFile(a, b)));
  const failed = copies.find((c) => c.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * Readies a closed template for being copied by every first start (scripts/make-pglite-template.ts):
 * - PostgreSQL keeps its catalogs' relation cache in `pg_internal.init` files, written when a
 *   backend starts and deleted by DDL (the migrations, loading the demo). Without them the first
 *   queries of every copy rebuild that cache inside WASM (≈ 150 ms of CPU on a first start), so
 *   the template is opened once more, which writes them, and closed cleanly.
 * - A closed database keeps spare WAL segments (16 MB each) that PostgreSQL recycled for later
 *   use: old segments renamed ahead, whose pages still carry their old addresses. PostgreSQL never
 *   reads such a segment as WAL (a page whose address is not its own ends the WAL) and creates
 *   segments as it needs them, so they are left out rather than copied on every first start.
 */
export async function finishPgliteTemplate(dir: string): Promise<{ removedWalSegments: string[] }> {
  const { PGlite } = await import('@electric-sql/pglite');
  await dropTemplateDatabases(new PGlite({ dataDir: dir }));
  // Opened again after the drops, which invalidate the shared relation cache file.
  const pg = new PGlite({ dataDir: dir });
  await pg.query('select 1');
  await pg.close();
  const wal = join(dir, 'pg_wal');
  const removedWalSegments: string[] = [];
  for (const name of readdirSync(wal)) {
    if (!/^[0-9A-F]{24}$/.test(name)) continue;
    const path = join(wal, name);
    if (readWalPageAddress(path) !== walSegmentStart(name, statSync(path).size)) {
      rmSync(path);
      removedWalSegments.push(name);
    }
  }
  return { removedWalSegments };
}

/**
 * Drops `template0` and `template1` and closes `pg`. PGlite serves one database (`postgres`) and
 * never creates another, so the two template databases initdb makes only cost every first start
 * their copy: 600 of the prepared demo's 1,160 files, about half of the copy's time (BENCHMARKS.md,
 * #16). Dropped the way PostgreSQL allows (no longer templates, then DROP DATABASE), so the
 * catalog stays consistent; a `CREATE DATABASE` would have to name `TEMPLATE postgres`.
 */
async function dropTemplateDatabases(pg: PGlite): Promise<void> {
  try {
    for (const name of ['template0', 'template1']) {
      const found = await pg.query('select 1 from pg_database where datname = $1', [name]);
      if (found.rows.length === 0) continue;
      await pg.exec(`alter database ${name} is_template false`);
      await pg.exec(`drop database ${name}`);
    }
  } finally {
    await pg.close();
  }
}

/** The address a WAL segment's first page claims (`xlp_pageaddr`, after magic, info and timeline). */
export function readWalPageAddress(path: string): bigint {
  const header = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  return header.readBigUInt64LE(8);
}

/** Where a WAL segment begins: its name is the timeline, the address's high 32 bits, then the segment number below them. */
export function walSegmentStart(name: string, segmentSize: number): bigint {
  const high = BigInt(Number.parseInt(name.slice(8, 16), 16));
  const segment = BigInt(Number.parseInt(name.slice(16, 24), 16));
  return high * 0x1_0000_0000n + segment * BigInt(segmentSize);
}
