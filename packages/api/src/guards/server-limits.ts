import { type ArchiveBudget, DEFAULT_ARCHIVE_BUDGET } from '@alur/documents/archive';

/** Every size and concurrency limit of one server process (docs/reliability.md lists them). */
export interface ServerLimits {
  /** Body of a tRPC call (`ALUR_MAX_REQUEST_MB`, default 1 MB). */
  maxRequestBytes: number;
  /** Body of a call that carries a document: `sop.import`, `sop.validate`, `sop.saveDraft`, `sop.create` (`ALUR_MAX_DOCUMENT_MB`, 25 MB); only for a signed-in user. */
  maxDocumentBytes: number;
  /** One uploaded file (`ALUR_MAX_UPLOAD_MB`, 20 MB), for upload routes. */
  maxUploadBytes: number;
  /** Nesting of a JSON body (arrays and objects); a real call nests fewer than 15 levels. */
  maxJsonDepth: number;
  /** What an archive (.docx, .xlsx, an uploaded Office file) may inflate to (`ALUR_ARCHIVE_MAX_MB` …). */
  archive: ArchiveBudget;
  /** Heavy jobs (imports, PDF/DOCX rendering, evaluations) running at once (`ALUR_HEAVY_CONCURRENCY`, 2). */
  heavyConcurrency: number;
  /** Heavy jobs waiting for a slot before the server answers 503 (`ALUR_HEAVY_QUEUE`, 8). */
  heavyQueue: number;
}

const MB = 1024 * 1024;

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  maxRequestBytes: 1 * MB,
  maxDocumentBytes: 25 * MB,
  maxUploadBytes: 20 * MB,
  maxJsonDepth: 64,
  archive: DEFAULT_ARCHIVE_BUDGET,
  heavyConcurrency: 2,
  heavyQueue: 8,
};

type Env = Record<string, string | undefined>;

function readNumber(env: Env, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) {
    throw new Error(`${name}="${raw}" tidak sah: harus angka ≥ ${min} (must be a number ≥ ${min}).`);
  }
  return value;
}

/** The limits from `ALUR_…` environment variables, defaults where unset; a bad value stops start-up. */
export function readServerLimits(env: Env = process.env): ServerLimits {
  const d = DEFAULT_SERVER_LIMITS;
  const mb = (name: string, fallback: number) => Math.round(readNumber(env, name, fallback / MB, 0.001) * MB);
  return {
    maxRequestBytes: mb('ALUR_MAX_REQUEST_MB', d.maxRequestBytes),
    maxDocumentBytes: mb('ALUR_MAX_DOCUMENT_MB', d.maxDocumentBytes),
    maxUploadBytes: mb('ALUR_MAX_UPLOAD_MB', d.maxUploadBytes),
    maxJsonDepth: d.maxJsonDepth,
    archive: {
      maxTotalBytes: mb('ALUR_ARCHIVE_MAX_MB', d.archive.maxTotalBytes),
      maxRatio: readNumber(env, 'ALUR_ARCHIVE_MAX_RATIO', d.archive.maxRatio, 1),
      maxEntries: Math.floor(readNumber(env, 'ALUR_ARCHIVE_MAX_ENTRIES', d.archive.maxEntries, 1)),
      // An archive arrives inside a document call or an upload: it cannot be larger than either.
      maxArchiveBytes: Math.max(
        mb('ALUR_MAX_DOCUMENT_MB', d.maxDocumentBytes),
        mb('ALUR_MAX_UPLOAD_MB', d.maxUploadBytes),
      ),
    },
    heavyConcurrency: Math.floor(readNumber(env, 'ALUR_HEAVY_CONCURRENCY', d.heavyConcurrency, 1)),
    heavyQueue: Math.floor(readNumber(env, 'ALUR_HEAVY_QUEUE', d.heavyQueue, 0)),
  };
}
