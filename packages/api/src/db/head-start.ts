import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { PGliteOptions } from '@electric-sql/pglite';
import type { DbConfig } from './config.ts';
import { type DataDirPreparation, startDataDirPreparation } from './pglite-template.ts';

// A first start of the embedded server waits for two things that need none of the server's code:
// the prepared template's copy into the new data directory (on libuv's threads) and the
// compilation of PGlite's 9 MB WASM (on V8's). The server's entry (main.ts) starts both before it
// imports the rest of the server, whose loading (≈ 0.8 s of CPU) then overlaps them;
// `createDb` takes what was started here instead of starting it itself (BENCHMARKS.md, #16).

/** A compiled WebAssembly module, as PGlite takes it (the project's types have no WebAssembly lib). */
type WasmModule = NonNullable<PGliteOptions['pgliteWasmModule']>;
declare const WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> };

interface HeadStart {
  dataDir: string;
  preparation: DataDirPreparation;
  wasmModule: Promise<WasmModule | undefined>;
}

let started: HeadStart | null = null;

/** Starts preparing the embedded store of `config` (nothing for PostgreSQL or an in-memory PGlite). */
export function startStoreEarly(config: DbConfig): void {
  if (config.kind !== 'pglite' || config.dataDir === undefined || config.loadDataDir) return;
  const preparation = startDataDirPreparation(config.dataDir, { demo: config.demo ?? false });
  started = { dataDir: resolve(config.dataDir), preparation, wasmModule: compilePgliteWasm() };
  // A start that fails before its store opens (a bad setting found later) leaves no copy behind.
  process.once('exit', abandonUnused);
}

function abandonUnused(): void {
  started?.preparation.abandon();
}

/** What `startStoreEarly` started for `dataDir`, once; null when nothing was. */
export function takeHeadStart(
  dataDir: string,
): { preparation: DataDirPreparation; wasmModule: Promise<WasmModule | undefined> } | null {
  if (!started || started.dataDir !== resolve(dataDir)) return null;
  const { preparation, wasmModule } = started;
  started = null;
  process.off('exit', abandonUnused);
  return { preparation, wasmModule };
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
