import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { readCookie } from '../auth/cookies.ts';
import { resolveSession, SESSION_COOKIE, type SessionUser } from '../auth/sessions.ts';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../db/unavailable.ts';
import type { AppDeps } from '../deps.ts';
import {
  authorizeUpload,
  loadVisibleFile,
  recordDownload,
  recordUpload,
} from '../services/files/case-files.ts';
import { cleanFileName, contentDisposition } from '../services/files/file-name.ts';
import { fileServiceOf } from '../services/files/file-service.ts';
import { ALLOWED_FILE_TYPES, isInlineType, sniffAllowedType } from '../services/files/file-types.ts';
import { discardSpool } from '../services/files/spool.ts';
import { type FileRequestRefused, refuse, toFileRefusal } from '../services/files/upload-refused.ts';
import { checkCsrf } from './http.ts';
import { MULTIPART_OVERHEAD_BYTES, receiveUpload, TOO_LARGE } from './receive-upload.ts';

/** Paths this module answers: `/api/files` and `/api/files/<fileId>`. */
export function isFilesPath(url: string): boolean {
  return url === '/api/files' || url.startsWith('/api/files/') || url.startsWith('/api/files?');
}

/**
 * `POST /api/files` (multipart upload into a case) and `GET /api/files/<fileId>` (download). Bytes
 * do not fit tRPC's JSON, so they travel here; `case.get` lists the files.
 */
export async function handleFiles(
  deps: AppDeps,
  req: IncomingMessage,
  res: ServerResponse,
  trustProxy: boolean,
): Promise<void> {
  const path = (req.url ?? '').split('?')[0]!;
  try {
    if (path === '/api/files') {
      if (req.method !== 'POST') return answerMethodNotAllowed(req, res, 'POST');
      return await handleUpload(deps, req, res, trustProxy);
    }
    const fileId = path.slice('/api/files/'.length);
    if (fileId.includes('/')) throw refuse(404, 'NOT_FOUND', 'Berkas tidak ditemukan.', 'File not found.');
    if (req.method !== 'GET') return answerMethodNotAllowed(req, res, 'GET');
    return await handleDownload(deps, req, res, fileId);
  } catch (error) {
    let refusal = toFileRefusal(error);
    if (!refusal) {
      // The store (database or bucket) failed: nothing was committed; say so rather than a bare 500.
      console.error('[files]', error);
      if (isDatabaseUnavailable(error) && !res.headersSent) {
        res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      }
      refusal = refuse(
        503,
        'FILES_UNAVAILABLE',
        'Penyimpanan berkas sedang tidak tersedia; coba lagi nanti.',
        'File storage is unavailable right now; try again later.',
      );
    }
    answerRefusal(req, res, refusal);
  }
}

async function signedInUser(deps: AppDeps, req: IncomingMessage): Promise<SessionUser> {
  const user = await resolveSession(
    deps.database.db,
    readCookie(req.headers.cookie, SESSION_COOKIE),
    deps.now(),
    deps.sessions,
  );
  if (!user) throw refuse(401, 'UNAUTHORIZED', 'Silakan masuk terlebih dahulu.', 'Please sign in first.');
  return user;
}

async function handleUpload(deps: AppDeps, req: IncomingMessage, res: ServerResponse, trustProxy: boolean) {
  // The same guard as every tRPC mutation: a cross-site form cannot send the custom header.
  if (!checkCsrf(req, trustProxy)) {
    throw refuse(
      403,
      'CSRF',
      'Permintaan ditolak: tidak berasal dari aplikasi Alur (CSRF).',
      'Request refused: it did not come from the Alur app (CSRF).',
    );
  }
  const user = await signedInUser(deps, req);
  const files = fileServiceOf(deps);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > files.maxUploadBytes + MULTIPART_OVERHEAD_BYTES) {
    throw TOO_LARGE(files.maxUploadBytes);
  }
  const upload = await receiveUpload(req, {
    maxBytes: files.maxUploadBytes,
    spoolDir: files.spoolDir,
    authorize: (fields) => authorizeUpload(deps.database.db, user, fields, deps.now()),
  });
  try {
    if (upload.file.size === 0) {
      throw refuse(400, 'UPLOAD_EMPTY', 'Berkas kosong (0 bita).', 'The file is empty (0 bytes).');
    }
    const sniffed = await sniffAllowedType(upload.file.path);
    if (!sniffed.mime) {
      const allowed = Object.values(ALLOWED_FILE_TYPES).join(', ');
      throw refuse(
        415,
        'UPLOAD_TYPE',
        `Jenis berkas tidak diterima (isi berkas: ${sniffed.detected ?? 'tidak dikenal'}). Yang diterima: ${allowed}.`,
        `File type not accepted (content: ${sniffed.detected ?? 'unknown'}). Accepted: ${allowed}.`,
      );
    }
    const contentType = sniffed.mime;
    const answer = await files.store.storeAndCommit(upload.file, (tx) =>
      recordUpload(tx, {
        user,
        target: upload.authorized.target,
        file: upload.file,
        name: cleanFileName(upload.declaredName),
        contentType,
        now: deps.now(),
      }),
    );
    res.writeHead(201, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(answer));
  } finally {
    await discardSpool(upload.file.path);
  }
}

async function handleDownload(deps: AppDeps, req: IncomingMessage, res: ServerResponse, fileId: string) {
  const user = await signedInUser(deps, req);
  const file = await loadVisibleFile(deps.database.db, user, decodeURIComponent(fileId));
  await recordDownload(deps.database.db, user, file, deps.now());
  const inline = isInlineType(file.contentType);
  res.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Length': String(file.size),
    'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', file.name),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
    ETag: `"${file.sha256}"`,
    // Shown in place only in a sandbox: no scripts, no same-origin rights, even inside a PDF or SVG.
    ...(inline
      ? { 'Content-Security-Policy': "sandbox; frame-ancestors 'self'", 'X-Frame-Options': 'SAMEORIGIN' }
      : {}),
  });
  const bytes = fileServiceOf(deps).store.read(file.sha256, file.size);
  try {
    await pipeline(bytes, res);
  } catch (error) {
    // Headers are gone: the client sees a cut-off body (its length tells it so), the log the cause.
    if (!res.destroyed) res.destroy();
    if ((error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') console.error('[files]', error);
  }
}

function answerMethodNotAllowed(req: IncomingMessage, res: ServerResponse, allow: string) {
  res.setHeader('Allow', allow);
  answerRefusal(
    req,
    res,
    refuse(
      405,
      'METHOD_NOT_ALLOWED',
      `Metode tidak diizinkan: gunakan ${allow}.`,
      `Method not allowed: use ${allow}.`,
    ),
  );
}

/**
 * Answers a refusal as JSON. A request whose body is still arriving is told so and the connection
 * closed once the answer is out, instead of reading a body nobody will store.
 */
function answerRefusal(req: IncomingMessage, res: ServerResponse, refusal: FileRequestRefused) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const unread = !req.complete;
  res.writeHead(refusal.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...(unread ? { Connection: 'close' } : {}),
  });
  res.end(
    JSON.stringify({
      error: { code: refusal.code, message: refusal.messages.id, messageEn: refusal.messages.en },
    }),
  );
}
