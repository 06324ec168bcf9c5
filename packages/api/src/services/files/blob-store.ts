import type { Readable } from 'node:stream';
import type { Tx } from '../../db/client.ts';
import type { SpooledFile } from './spool.ts';

/**
 * Where the bytes of case files live, content-addressed by SHA-256: the same bytes uploaded twice
 * are stored once. `db` keeps them in the database, `s3` in an S3-protocol bucket.
 */
export interface BlobStore {
  readonly kind: 'db' | 's3';
  /**
   * Stores the spooled bytes under their hash (once), then runs `commit` in a database transaction
   * and returns what it returns. `db`: bytes and `commit` share one transaction. `s3`: `commit`
   * runs only after the object is stored, so a committed row always names stored bytes.
   */
  storeAndCommit<T>(file: SpooledFile, commit: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Stores small bytes held in memory (a generated letter, a template) from inside the caller's
   * transaction `tx`. `db`: part of that transaction (a rollback removes them). `s3`: written at
   * once; if `tx` then rolls back, the object is an orphan for `alur files gc`.
   */
  storeWithin(tx: Tx, bytes: Uint8Array, sha256: string): Promise<void>;
  /** Streams the stored bytes of `sha256` (`size` bytes). */
  read(sha256: string, size: number): Readable;
  /**
   * Removes stored bytes that no case file names and that no upload touched for `graceMinutes`
   * (an upload in flight may be about to name them).
   */
  collectGarbage(options: { graceMinutes: number }): Promise<{ removed: number }>;
  close(): Promise<void>;
}
