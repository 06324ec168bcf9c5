import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { caseFiles, letterTemplates } from '../../db/schema.ts';
import type { BlobStore } from './blob-store.ts';

/** Connection to an S3-protocol bucket (AWS S3, MinIO, Ceph, a cloud's object storage). */
export interface S3Config {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

const PREFIX = 'sha256/';

/** The object key of a blob: fanned out by the first two hex digits, like git's objects. */
export function objectKey(sha256: string): string {
  return `${PREFIX}${sha256.slice(0, 2)}/${sha256}`;
}

/**
 * `ALUR_FILES=s3`: the bytes in a bucket, one object per SHA-256, for several server processes and
 * large archives. The object is written first and the row committed after, so a committed row
 * always names stored bytes; an object whose row never committed is left for `alur files gc`.
 */
export function createS3BlobStore(database: Database, config: S3Config): BlobStore {
  // The SDK is loaded on first use: a server storing files in the database never pays its start-up.
  let opened: Promise<{ client: S3Client; sdk: typeof import('@aws-sdk/client-s3') }> | null = null;
  const open = () => {
    opened ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        endpoint: config.endpoint,
        region: config.region,
        credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
        // Path-style URLs (endpoint/bucket/key) work with every S3-protocol server, not only AWS.
        forcePathStyle: true,
        // Checksums only where S3 demands them: streaming trailers are not spoken by every server.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    }));
    return opened;
  };
  const Bucket = config.bucket;
  return {
    kind: 's3',
    async storeAndCommit(file, commit) {
      const { client, sdk } = await open();
      // Always written, even when the key exists: the same key holds the same bytes (stored once),
      // and the fresh LastModified keeps `files gc` away from an object an upload is about to name.
      await client.send(
        new sdk.PutObjectCommand({
          Bucket,
          Key: objectKey(file.sha256),
          Body: createReadStream(file.path),
          ContentLength: file.size,
          ContentType: 'application/octet-stream',
        }),
      );
      return database.db.transaction((tx) => commit(tx));
    },
    async storeWithin(_tx, bytes, sha256) {
      const { client, sdk } = await open();
      await client.send(
        new sdk.PutObjectCommand({
          Bucket,
          Key: objectKey(sha256),
          Body: bytes,
          ContentLength: bytes.byteLength,
          ContentType: 'application/octet-stream',
        }),
      );
    },
    read(sha256) {
      async function* readObject() {
        const { client, sdk } = await open();
        const answer = await client.send(new sdk.GetObjectCommand({ Bucket, Key: objectKey(sha256) }));
        yield* answer.Body as Readable;
      }
      return Readable.from(readObject(), { objectMode: false });
    },
    async collectGarbage({ graceMinutes }) {
      const { client, sdk } = await open();
      const cutoff = Date.now() - Math.max(0, graceMinutes) * 60_000;
      let removed = 0;
      let token: string | undefined;
      do {
        const page = await client.send(
          new sdk.ListObjectsV2Command({ Bucket, Prefix: PREFIX, ContinuationToken: token }),
        );
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
        const objects = (page.Contents ?? []).filter((o) => o.Key);
        const shas = objects.map((o) => o.Key!.slice(o.Key!.lastIndexOf('/') + 1));
        // Named by a case file or by a letter template (templates share the blob store).
        const named = new Set(
          shas.length
            ? [
                ...(await database.db
                  .selectDistinct({ sha256: caseFiles.sha256 })
                  .from(caseFiles)
                  .where(inArray(caseFiles.sha256, shas))),
                ...(await database.db
                  .selectDistinct({ sha256: letterTemplates.sha256 })
                  .from(letterTemplates)
                  .where(inArray(letterTemplates.sha256, shas))),
              ].map((r) => r.sha256)
            : [],
        );
        for (const [i, object] of objects.entries()) {
          if (named.has(shas[i]!) || (object.LastModified?.getTime() ?? 0) > cutoff) continue;
          // Looked at again just before deleting: an upload may have rewritten it since the listing.
          const head = await client.send(new sdk.HeadObjectCommand({ Bucket, Key: object.Key! }));
          if ((head.LastModified?.getTime() ?? 0) > cutoff) continue;
          await client.send(new sdk.DeleteObjectCommand({ Bucket, Key: object.Key! }));
          removed++;
        }
      } while (token);
      return { removed };
    },
    async close() {
      if (opened) (await opened).client.destroy();
    },
  };
}
