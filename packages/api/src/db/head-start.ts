import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { PGlite, PGliteOptions } from '@electric-sql/pglite';
import { type DbConfig, pgliteSettings } from './config.ts';
import { type DataDirPreparation, type PreparedDataDir, startDataDirPreparation } from './pglite-template.ts';

// A first start of the embedded server waits for things that need none of the server's code: the
// prepared template's copy into the new data directory (on libuv's threads), the compilation of
// PGlite's 9 MB WASM (on V8's), and then PGlite's own start (PostgreSQL starting inside the WASM,
// most of a second of the main thread). The server's entry (main.ts) starts all of them before it
// imports the rest of the server, whose loading (≈ 0.4 s of CPU, part of it the main thread idle
// waiting for module files) then overlaps them; `createDb` takes the store opened here instead of
// opening it itself (BENCHMARKS.md, #16).

/** A compiled WebAssembly module, as PGlite takes it (the project's types have no WebAssembly lib). */
export type WasmModule = NonNullable<PGliteOptions['pgliteWasmModule']>;
declare const WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> };

/** What a head start made ready for `createDb`. */
export interface EarlyStore {
  prepared: PreparedDataDir;
  wasmModule: WasmModule | undefined;
  /**
   * PGlite open on the data directory with `startParams`; null when initdb has to run there (no
   * current template): createDb then opens it itself, twice (see there).
   */
  client: PGlite | null;
  startParams: readonly string[];
}

interface HeadStart {
  dataDir: string;
  store: Promise<EarlyStore>;
  /** Closes the store and removes the copy this start made; `onExit` does what can be done at exit. */
  discard(): Promise<void>;
  onExit(): void;
}

let started: HeadStart | null = null;

/**
 * Starts preparing and opening the embedded store of `config` (nothing for PostgreSQL or an
 * in-memory PGlite). `templateDir` names another template to copy (tests).
 */
export function startStoreEarly(config: DbConfig, options: { templateDir?: string } = {}): void {
  if (config.kind !== 'pglite' || config.dataDir === undefined || config.loadDataDir) return;
  const dataDir = config.dataDir;
  // Known before the copy: a discard removes a directory this start created, and empties again
  // one that was there empty.
  const existed = existsSync(dataDir);
  limitWasmTierUp();
  const preparation = startDataDirPreparation(dataDir, {
    demo: config.demo ?? false,
    ...(options.templateDir ? { templateDir: options.templateDir } : {}),
  });
  // Set once the copy is in place: from then on a discard removes it.
  let prepared: PreparedDataDir | null = null;
  const store = openEarly(
    preparation,
    compilePgliteWasm(),
    import('@electric-sql/pglite'),
    dataDir,
    pgliteSettings(config),
    (p) => {
      prepared = p;
    },
  );
  // Until createDb takes it, a failure only matters to createDb; a start that never gets there
  // discards it.
  store.catch(() => {});
  let done = false;
  const removeOwnCopy = () => {
    if (prepared?.copied) removeCopy(dataDir, existed);
  };
  const head: HeadStart = {
    dataDir: resolve(dataDir),
    store,
    async discard() {
      if (done) return;
      done = true;
      process.off('exit', head.onExit);
      preparation.abandon();
      const early = await store.catch(() => null);
      await early?.client?.close().catch(() => {});
      // Copies in flight at the first abandon may have landed since (pglite-template.ts).
      preparation.abandon();
      removeOwnCopy();
    },
    // A start that fails before its server takes the store (a bad setting found after the head
    // start) leaves no database behind, as when the copy was still unfinished then. Nothing can
    // be awaited at exit; PGlite's files need no closing in a process that is ending.
    onExit() {
      if (done) return;
      done = true;
      preparation.abandon();
      removeOwnCopy();
    },
  };
  started = head;
  process.once('exit', head.onExit);
}

async function openEarly(
  preparation: DataDirPreparation,
  wasmModule: Promise<WasmModule | undefined>,
  pglite: Promise<typeof import('@electric-sql/pglite')>,
  dataDir: string,
  settings: string[],
  onPrepared: (prepared: PreparedDataDir) => void,
): Promise<EarlyStore> {
  const [prepared, module, { PGlite }] = await Promise.all([
    preparation.finish().then((p) => {
      onPrepared(p);
      return p;
    }),
    wasmModule,
    pglite,
  ]);
  const startParams = [...PGlite.defaultStartParams, ...settings];
  if (prepared.byInitdb) return { prepared, wasmModule: module, client: null, startParams };
  const client = new PGlite({ dataDir, ...(module ? { pgliteWasmModule: module } : {}), startParams });
  try {
    await client.waitReady;
  } catch (error) {
    await client.close().catch(() => {});
    throw error;
  }
  return { prepared, wasmModule: module, client, startParams };
}

/** Removes a copy this process put into place; an empty directory that was there before stays, empty. */
function removeCopy(dataDir: string, existed: boolean): void {
  try {
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
    if (existed) mkdirSync(dataDir, { recursive: true });
  } catch {
    // best effort: the start has failed anyway
  }
}

/**
 * What `startStoreEarly` started for `dataDir`, once, when it is ready (its failure, if it failed);
 * null when nothing was. A head start for another directory is discarded (its store closed, its
 * copy removed) rather than left open.
 */
export async function takeHeadStart(dataDir: string): Promise<EarlyStore | null> {
  const head = started;
  if (!head) return null;
  started = null;
  if (head.dataDir !== resolve(dataDir)) {
    await head.discard();
    return null;
  }
  process.off('exit', head.onExit);
  return head.store;
}

/** Discards a head start nobody took (tests; at exit the process does it itself). */
export async function discardHeadStart(): Promise<void> {
  const head = started;
  started = null;
  await head?.discard();
}

/**
 * V8 runs PostgreSQL's WASM functions first as baseline (Liftoff) code, compiled on first call, and
 * recompiles the hot ones with TurboFan on its background threads (Node's four). During a first
 * start that recompilation took ≈ 1.6 s of CPU on those threads (`perf record`, #16) while the
 * main thread needed ≈ 1.0 s: on a two-core machine five runnable threads share two cores, and
 * the main thread, the start's critical path, got a fraction of one. One recompilation at a time
 * until the server listens leaves it a core (`endHeadStart` lifts the limit). V8 reads the limit
 * each time it sizes its compile job, so it can be set and lifted while the process runs.
 */
function limitWasmTierUp(): void {
  setFlagsFromString('--wasm-num-compilation-tasks=1');
  tierUpLimited = true;
}

let tierUpLimited = false;

/**
 * The start is over (the server listens): V8 may recompile PostgreSQL's hot WASM functions on all
 * its background threads again, its default (`--wasm-num-compilation-tasks=128`, capped by the
 * threads Node gives it).
 */
export function endHeadStart(): void {
  if (!tierUpLimited) return;
  tierUpLimited = false;
  setFlagsFromString('--wasm-num-compilation-tasks=128');
}

/** PGlite's PostgreSQL compiled, or undefined (PGlite then reads and compiles it itself). */
async function compilePgliteWasm(): Promise<WasmModule | undefined> {
  try {
    // V8 compiles WASM functions lazily, on their first call, but validated all 13,000 of them
    // up front (≈ 50 ms of the compile, on the start's critical path): PGlite's own file, shipped
    // with the package, is validated function by function as it is compiled instead.
    setFlagsFromString('--wasm-lazy-validation');
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    // Read at once, before the server's modules load: `fs/promises` reads in 512 kB chunks, each
    // finished on the main thread, which is busy loading those modules, so the 9 MB file arrived
    // after ≈ 0.75 s and the compile began only then (a first start's CPU profile, #16). From the
    // page cache the read takes a few milliseconds.
    return await WebAssembly.compile(readFileSync(join(dirname(entry), 'pglite.wasm')));
  } catch {
    return undefined;
  }
}
