import { createReadStream } from 'node:fs';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type SQL, sql } from 'drizzle-orm';
import type { Database, Db, Tx } from '../../db/client.ts';
import type { BlobStore } from './blob-store.ts';

/**
 * Bytes per stored part: a download or upload holds at most one part in memory at a time, and
 * postgres-js sends bytea as hex text (twice the size, once more on the wire), so parts stay small.
 */
export const PART_BYTES = 256 * 1024;

async function rowsOf<T>(db: Db | Tx, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** postgres-js reads bytea as a Buffer, PGlite as a plain Uint8Array. */
function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * A `COPY … FROM STDIN (FORMAT binary)` sink on the transaction's own PostgreSQL connection.
 * postgres-js sends a bytea parameter as hex text: twice the bytes, built as a string and left as
 * garbage; binary COPY streams the parts as they are read.
 */
async function openCopy(tx: Tx): Promise<Writable> {
  // drizzle's postgres-js transaction holds the reserved postgres-js connection as session.client.
  const raw = (
    tx as unknown as { session: { client: { unsafe(q: string): { writable(): Promise<Writable> } } } }
  ).session.client;
  return raw.unsafe('copy file_blob_parts (sha256, part, bytes) from stdin (format binary)').writable();
}

const COPY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** Turns file chunks into binary COPY tuples `(sha256, part, bytes)`, framed by header and trailer. */
function copyRows(sha256: string): Transform {
  const key = Buffer.from(sha256, 'utf8');
  let part = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const head = Buffer.alloc(
        (part === 0 ? COPY_SIGNATURE.length + 8 : 0) + 2 + 4 + key.length + 4 + 4 + 4,
      );
      let at = 0;
      if (part === 0) {
        at += COPY_SIGNATURE.copy(head, 0);
        at = head.writeInt32BE(0, at); // flags
        at = head.writeInt32BE(0, at); // header extension length
      }
      at = head.writeInt16BE(3, at);
      at = head.writeInt32BE(key.length, at);
      at += key.copy(head, at);
      at = head.writeInt32BE(4, at);
      at = head.writeInt32BE(part, at);
      head.writeInt32BE(chunk.length, at);
      part++;
      this.push(head);
      done(null, chunk);
    },
    flush(done) {
      const trailer = Buffer.alloc(2);
      trailer.writeInt16BE(-1, 0);
      done(null, trailer);
    },
  });
}

/**
 * `ALUR_FILES=db`: the bytes in the database (PGlite or PostgreSQL), in parts, written in the same
 * transaction as the case file's row. The blob's row is the lock: two uploads of the same bytes at
 * once meet on its primary key, the second waits for the first and then finds the parts there.
 */
export function createDbBlobStore(database: Database): BlobStore {
  return {
    kind: 'db',
    storeAndCommit(file, commit) {
      return database.db.transaction(async (tx) => {
        // Inserted, or touched (so a concurrent `files gc` keeps it): xmax = 0 only on insert.
        const [blob] = await rowsOf<{ inserted: boolean }>(
          tx,
          sql`insert into file_blobs (sha256, size, used_at) values (${file.sha256}, ${file.size}, now())
              on conflict (sha256) do update set used_at = now()
              returning (xmax = 0) as inserted`,
        );
        if (blob?.inserted) {
          if (database.kind === 'postgres') {
            const copy = await openCopy(tx);
            await pipeline(
              createReadStream(file.path, { highWaterMark: PART_BYTES }),
              copyRows(file.sha256),
              copy,
            );
          } else {
            let part = 0;
            for await (const chunk of createReadStream(file.path, { highWaterMark: PART_BYTES })) {
              await tx.execute(
                sql`insert into file_blob_parts (sha256, part, bytes) values (${file.sha256}, ${part}, ${chunk as Buffer})`,
              );
              part++;
            }
          }
        }
        return commit(tx);
      });
    },
    async storeWithin(tx, bytes, sha256) {
      // One statement: the blob's row (inserted, or touched for `files gc`) and, only when it is
      // new, its parts.
      const parts: SQL[] = [];
      for (let part = 0; part * PART_BYTES < Math.max(1, bytes.byteLength); part++) {
        const chunk = Buffer.from(bytes.subarray(part * PART_BYTES, (part + 1) * PART_BYTES));
        parts.push(sql`(${part}::int, ${chunk}::bytea)`);
      }
      await tx.execute(
        sql`with b as (
              insert into file_blobs (sha256, size, used_at) values (${sha256}, ${bytes.byteLength}, now())
              on conflict (sha256) do update set used_at = now()
              returning (xmax = 0) as inserted)
            insert into file_blob_parts (sha256, part, bytes)
            select ${sha256}, v.part, v.bytes from (values ${sql.join(parts, sql`, `)}) as v(part, bytes)
            where (select inserted from b)`,
      );
    },
    read(sha256, size) {
      const parts = Math.ceil(size / PART_BYTES);
      async function* readParts() {
        for (let part = 0; part < parts; part++) {
          const [row] = await database.query<{ bytes: Uint8Array }>(
            sql`select bytes from file_blob_parts where sha256 = ${sha256} and part = ${part}`,
          );
          if (!row) throw new Error(`blob ${sha256} lacks part ${part}`);
          yield toBuffer(row.bytes);
        }
      }
      return Readable.from(readParts(), { objectMode: false });
    },
    async collectGarbage({ graceMinutes }) {
      const removed = await database.query<{ sha256: string }>(
        sql`delete from file_blobs b
            where not exists (select 1 from case_files f where f.sha256 = b.sha256)
              and not exists (select 1 from letter_templates t where t.sha256 = b.sha256)
              and b.used_at <= now() - make_interval(mins => ${Math.max(0, Math.floor(graceMinutes))}::int)
            returning b.sha256`,
      );
      return { removed: removed.length };
    },
    async close() {},
  };
}
