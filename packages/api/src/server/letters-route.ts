import type { IncomingMessage, ServerResponse } from 'node:http';
import { readCookie } from '../auth/cookies.ts';
import { may } from '../auth/policy.ts';
import { resolveSession, SESSION_COOKIE } from '../auth/sessions.ts';
import type { AppDeps } from '../deps.ts';
import { buildLetterRegisterXlsx, type RegisterFilter } from '../services/letters/letter-register.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fail(res: ServerResponse, status: number, id: string, en: string) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: { message: id, messageEn: en } }));
}

/** Whether `url` is the register export. */
export function isLettersPath(url: string): boolean {
  return url === '/api/letters/register.xlsx' || url.startsWith('/api/letters/register.xlsx?');
}

/**
 * `GET /api/letters/register.xlsx?from=&to=&sopId=&q=` — the buku agenda surat keluar as Excel,
 * the rows of `letter.register` under the same rule (leaders and admins).
 */
export async function handleLetterRegisterExport(
  deps: AppDeps,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'GET') return fail(res, 405, 'Metode tidak diizinkan.', 'Method not allowed.');
  const user = await resolveSession(
    deps.database.db,
    readCookie(req.headers.cookie, SESSION_COOKIE),
    deps.now(),
    deps.sessions,
  );
  if (!user) return fail(res, 401, 'Silakan masuk terlebih dahulu.', 'Please sign in first.');
  if (!may(user, 'readLetterRegister')) {
    return fail(
      res,
      403,
      'Anda tidak berwenang: perlu hak leader atau admin.',
      'You are not allowed: this needs leader or admin.',
    );
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const filter: RegisterFilter = {};
  for (const key of ['from', 'to'] as const) {
    const value = url.searchParams.get(key);
    if (value === null || value === '') continue;
    if (!ISO_DATE.test(value))
      return fail(res, 400, `${key} harus TTTT-BB-HH.`, `${key} must be YYYY-MM-DD.`);
    filter[key] = value;
  }
  const sopId = url.searchParams.get('sopId');
  if (sopId) {
    if (!UUID.test(sopId)) return fail(res, 400, 'sopId tidak sah.', 'sopId is not valid.');
    filter.sopId = sopId;
  }
  const q = url.searchParams.get('q');
  if (q) filter.q = q.slice(0, 200);
  const bytes = await buildLetterRegisterXlsx(deps.database.db, user, filter);
  res.writeHead(200, {
    'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'Content-Disposition': 'attachment; filename="buku-agenda-surat-keluar.xlsx"',
    'Content-Length': String(bytes.byteLength),
    'Cache-Control': 'private, no-store',
  });
  res.end(Buffer.from(bytes));
}
