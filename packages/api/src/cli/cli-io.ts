import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where a command writes; tests and other front-ends can capture it. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** The directory relative paths are resolved against (npm sets INIT_CWD to the caller's). */
  cwd: string;
}

/** A command of the `alur` dispatcher. Exit codes: 0 ok, 1 the input has problems, 2 usage. */
export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  run: (args: string[], io: CliIo) => Promise<number> | number;
}

/** Thrown for bad arguments or an unreadable file; the dispatcher prints it and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Splits args into positionals and `--flags` (boolean only), refusing unknown flags. */
export function parseArgs(args: string[], known: string[]): { positional: string[]; flags: Set<string> } {
  const positional: string[] = [];
  const flags = new Set<string>();
  for (const a of args) {
    if (a.startsWith('--')) {
      if (!known.includes(a)) throw new UsageError(`Opsi tidak dikenal: ${a} (unknown option)`);
      flags.add(a);
    } else positional.push(a);
  }
  return { positional, flags };
}

/** Reads a text file given on the command line, with a clear message when it is missing. */
export function readInputFile(path: string | undefined, io: CliIo): string {
  if (!path) throw new UsageError('Berkas belum disebut (no file given).');
  const full = resolve(io.cwd, path);
  try {
    if (!statSync(full).isFile()) throw new UsageError(`Bukan berkas: ${path} (not a file)`);
    return readFileSync(full, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`Berkas tidak dapat dibaca: ${path} (cannot read file)`);
  }
}

/** Reads a binary file given on the command line (Word, Excel), with the same messages. */
export function readInputBytes(path: string | undefined, io: CliIo): Uint8Array {
  if (!path) throw new UsageError('Berkas belum disebut (no file given).');
  const full = resolve(io.cwd, path);
  try {
    if (!statSync(full).isFile()) throw new UsageError(`Bukan berkas: ${path} (not a file)`);
    return new Uint8Array(readFileSync(full));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`Berkas tidak dapat dibaca: ${path} (cannot read file)`);
  }
}

/** Parses JSON text, or returns the error message (Indonesian first). */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, message: `Bukan JSON yang sah (${e instanceof Error ? e.message : String(e)}).` };
  }
}
