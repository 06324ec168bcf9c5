import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { PART_BYTES } from '../services/files/db-blob-store.ts';
import { buildBulkyPng } from '../testing/file-fixtures.ts';
import { fetchWithCookie, uploadFile } from '../testing/upload-client.ts';
import { realPostgres, useSeededCluster } from './cluster.ts';
import { buildChainDoc, createSessionCookie, startCases } from './fixtures.ts';
import { startServerProcess } from './processes.ts';

const adminUrl = realPostgres(
  'files-race',
  'two server processes uploading at once need one real PostgreSQL (PGlite is one connection in one process).',
);
const ROUNDS = 4;

describe.runIf(Boolean(adminUrl))('the same file uploaded through two server processes at once', () => {
  const cluster = useSeededCluster(adminUrl, () => buildChainDoc(2));
  let caseId: string;
  let cookie: string;

  beforeAll(async () => {
    caseId = (await startCases(cluster.store, 1))[0]!;
    cookie = await createSessionCookie(cluster.store.deps.database, await cluster.store.userId('kasi'));
    cluster.servers = await Promise.all(
      [0, 1].map(() =>
        startServerProcess({ env: { DATABASE_URL: cluster.url, ALUR_FILES: 'db' }, timeoutMs: 120_000 }),
      ),
    );
  });

  it(`is stored once each of ${ROUNDS} times, named by both rows, and reads back whole`, async () => {
    const send = fetchWithCookie(cookie);
    const files = Array.from({ length: ROUNDS }, () => buildBulkyPng(3 * PART_BYTES + 1234));
    for (const bytes of files) {
      const answers = await Promise.all(
        cluster.servers.map((s, i) =>
          uploadFile(send, s.base, { caseId, field: 'ktp', bytes, name: `ktp-${i}.png` }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual([201, 201]);
      expect(new Set(answers.map((a) => a.body.sha256)).size).toBe(1);
      // Each process serves the other's upload, byte for byte.
      const res = await send(`${cluster.servers[1]!.base}/api/files/${answers[0]!.body.fileId}`);
      const back = Buffer.from(await res.arrayBuffer());
      expect(createHash('sha256').update(back).digest('hex')).toBe(answers[0]!.body.sha256);
    }
    const [counts] = await cluster.store.deps.database.query<{
      files: number;
      blobs: number;
      parts: number;
    }>(sql`
      select (select count(*)::int from case_files) as files, (select count(*)::int from file_blobs) as blobs,
             (select count(*)::int from file_blob_parts) as parts`);
    expect(counts).toEqual({ files: 2 * ROUNDS, blobs: ROUNDS, parts: 4 * ROUNDS });
  });
});
