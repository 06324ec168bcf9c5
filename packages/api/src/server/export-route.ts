import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SopDocument } from '@alur/schema';
import { readCookie } from '../auth/cookies.ts';
import { canExport } from '../auth/policy.ts';
import { resolveSession, SESSION_COOKIE } from '../auth/sessions.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { runHeavy } from '../guards/guards.ts';
import { SERVER_BUSY } from '../guards/work-limiter.ts';
import { EXPORT_FORMATS, type ExportFormat, renderExport } from '../services/export.ts';
import { getSop, getVersion } from '../services/sops.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fail(res: ServerResponse, status: number, id: string, en: string) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: { message: id, messageEn: en } }));
}

/**
 * `GET /api/export?sopId=…|versionId=…&format=pdf|docx|bpmn|json&paper=a4|f4` — a file download
 * (binary formats do not fit tRPC's JSON). Same authorisation as `sop.get` / `sop.version`.
 */
export async function handleExport(deps: AppDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const user = await resolveSession(
    deps.database.db,
    readCookie(req.headers.cookie, SESSION_COOKIE),
    deps.now(),
    deps.sessions,
  );
  if (!user) return fail(res, 401, 'Silakan masuk terlebih dahulu.', 'Please sign in first.');
  const format = url.searchParams.get('format') ?? 'pdf';
  const paper = url.searchParams.get('paper') ?? 'a4';
  const sopId = url.searchParams.get('sopId');
  const versionId = url.searchParams.get('versionId');
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    return fail(
      res,
      400,
      `format harus salah satu dari ${EXPORT_FORMATS.join(', ')}.`,
      `format must be one of ${EXPORT_FORMATS.join(', ')}.`,
    );
  }
  if (paper !== 'a4' && paper !== 'f4')
    return fail(res, 400, 'paper harus a4 atau f4.', 'paper must be a4 or f4.');
  const id = versionId ?? sopId;
  if (!id || !UUID.test(id) || (versionId && sopId)) {
    return fail(
      res,
      400,
      'Sebut sopId (draf) atau versionId (versi terbit).',
      'Give sopId (draft) or versionId (published version).',
    );
  }
  try {
    if (!canExport(user, versionId ? 'version' : 'draft')) {
      // A draft the user may not read is answered like a missing one.
      return fail(res, 404, 'SOP tidak ditemukan.', 'SOP not found.');
    }
    const document: SopDocument = versionId
      ? (await getVersion(deps.database.db, user, versionId)).document
      : (await getSop(deps.database.db, user, id)).document;
    // PDF and DOCX rendering is heavy: it waits in the process's line (503 when the line is full).
    const render = () => renderExport(document, format as ExportFormat, paper);
    const file = format === 'pdf' || format === 'docx' ? await runHeavy(deps, render) : await render();
    res.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      'Content-Length': String(file.bytes.byteLength),
      'Cache-Control': 'private, no-store',
    });
    res.end(Buffer.from(file.bytes));
  } catch (error) {
    if (error instanceof AppError && error.code === SERVER_BUSY) {
      res.setHeader('Retry-After', String(error.details?.retryAfterSeconds ?? 5));
      return fail(res, 503, error.messages.id, error.messages.en);
    }
    if (error instanceof AppError)
      return fail(res, error.kind === 'NOT_FOUND' ? 404 : 400, error.messages.id, error.messages.en);
    throw error;
  }
}
