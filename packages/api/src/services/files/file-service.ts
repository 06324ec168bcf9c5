import { tmpdir } from 'node:os';
import type { Database } from '../../db/client.ts';
import type { AppDeps } from '../../deps.ts';
import { DEFAULT_SERVER_LIMITS, readServerLimits } from '../../guards/server-limits.ts';
import type { BlobStore } from './blob-store.ts';
import { createDbBlobStore } from './db-blob-store.ts';
import { createS3BlobStore, type S3Config } from './s3-blob-store.ts';

/** Where the bytes go and how large an upload may be (from ALUR_FILES, ALUR_S3_*, ALUR_MAX_UPLOAD_MB). */
export interface FilesConfig {
  store: { kind: 'db' } | ({ kind: 's3' } & S3Config);
  maxUploadBytes: number;
  /** Where uploads are spooled while they arrive; the system's temporary directory by default. */
  spoolDir?: string;
}

/** The file storage a server process uses. */
export interface FileService {
  store: BlobStore;
  maxUploadBytes: number;
  spoolDir: string;
}

/** Reads the file storage settings; a missing or malformed one throws a message naming it. */
export function readFilesConfig(env: NodeJS.ProcessEnv = process.env): FilesConfig {
  // The upload limit is one of the server's limits (guards/server-limits.ts): read in one place.
  const { maxUploadBytes } = readServerLimits(env);
  const kind = env.ALUR_FILES?.trim() || 'db';
  if (kind === 'db') return { store: { kind: 'db' }, maxUploadBytes };
  if (kind !== 's3') {
    throw new Error(`ALUR_FILES harus "db" atau "s3" (must be "db" or "s3"), bukan "${kind}".`);
  }
  const names = {
    endpoint: 'ALUR_S3_ENDPOINT',
    bucket: 'ALUR_S3_BUCKET',
    region: 'ALUR_S3_REGION',
    accessKeyId: 'ALUR_S3_ACCESS_KEY',
    secretAccessKey: 'ALUR_S3_SECRET_KEY',
  } as const;
  const missing = Object.values(names).filter((n) => !env[n]?.trim());
  if (missing.length) {
    throw new Error(`ALUR_FILES=s3 memerlukan (needs) ${missing.join(', ')}.`);
  }
  const s3 = Object.fromEntries(
    Object.entries(names).map(([k, n]) => [k, env[n]!.trim()]),
  ) as unknown as S3Config;
  return { store: { kind: 's3', ...s3 }, maxUploadBytes };
}

/** Opens the configured store over the database. */
export function createFileService(database: Database, config: FilesConfig): FileService {
  const store =
    config.store.kind === 's3' ? createS3BlobStore(database, config.store) : createDbBlobStore(database);
  return { store, maxUploadBytes: config.maxUploadBytes, spoolDir: config.spoolDir ?? tmpdir() };
}

const defaults = new WeakMap<Database, FileService>();

/**
 * The file service of a request's deps: the one the app configured, or (for deps built without
 * one, as most tests build them) the default database store with the default limit.
 */
export function fileServiceOf(deps: AppDeps): FileService {
  if (deps.files) return deps.files;
  let service = defaults.get(deps.database);
  if (!service) {
    service = createFileService(deps.database, {
      store: { kind: 'db' },
      maxUploadBytes: DEFAULT_SERVER_LIMITS.maxUploadBytes,
    });
    defaults.set(deps.database, service);
  }
  return service;
}
