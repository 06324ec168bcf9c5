import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** An upload written to a private temporary file, hashed on the way. */
export interface SpooledFile {
  path: string;
  size: number;
  /** Lowercase hex SHA-256 of the content. */
  sha256: string;
}

/** The prefix of every spool file, so a test (or an operator) can tell them apart in TMPDIR. */
export const SPOOL_PREFIX = 'alur-upload-';

/**
 * Streams `source` into a new file in `dir` (mode 0600), computing its SHA-256 and size as the
 * bytes pass: the upload is never held in memory. On any failure the partial file is removed and
 * the error rethrown.
 */
export async function spoolToFile(source: Readable, dir: string): Promise<SpooledFile> {
  const path = join(dir, `${SPOOL_PREFIX}${randomUUID()}`);
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, tap, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    await discardSpool(path);
    throw error;
  }
  return { path, size, sha256: hash.digest('hex') };
}

/** Removes a spool file; a file already gone is fine. */
export async function discardSpool(path: string): Promise<void> {
  await rm(path, { force: true });
}
