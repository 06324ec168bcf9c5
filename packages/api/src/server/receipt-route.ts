import type { IncomingMessage, ServerResponse } from 'node:http';
import { readCookie } from '../auth/cookies.ts';
import { resolveSession, SESSION_COOKIE } from '../auth/sessions.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { runHeavy } from '../guards/guards.ts';
import { SERVER_BUSY } from '../guards/work-limiter.ts';
import { prepareReceipt, recordReceiptPrinted } from '../services/tracking/receipt.ts';

const RECEIPT_PATH =
  /^\/api\/cases\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/receipt\.pdf$/i;

/** Whether the request is for a case's receipt (`/api/cases/<caseId>/receipt.pdf`). */
export function isReceiptPath(url: string): boolean {
  return RECEIPT_PATH.test(url.split('?')[0]!);
}

function fail(res: ServerResponse, status: number, id: string, en: string) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: { message: id, messageEn: en } }));
}

/** `ALUR_PUBLIC_URL` checked at start: an address the receipt's QR code can point at, or unset. */
export function readPublicUrl(raw: string | undefined): string | undefined {
  if (!raw?.trim()) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(
      `ALUR_PUBLIC_URL="${raw}" tidak sah: harus alamat http(s), mis. https://layanan.contoh.go.id (must be an http(s) URL).`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The origin the receipt's QR code points at: `ALUR_PUBLIC_URL` when set (what citizens reach from
 * outside), else this request's host — behind a trusted proxy its X-Forwarded-Proto/Host.
 */
export function readPublicOrigin(
  req: IncomingMessage,
  publicUrl: string | undefined,
  trustProxy: boolean,
): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  const header = (name: string) => {
    const v = req.headers[name];
    return typeof v === 'string' ? v.split(',')[0]!.trim() : undefined;
  };
  const fwdProto = trustProxy ? header('x-forwarded-proto') : undefined;
  const proto =
    fwdProto === 'https' || fwdProto === 'http'
      ? fwdProto
      : (req.socket as { encrypted?: boolean }).encrypted
        ? 'https'
        : 'http';
  const host = (trustProxy ? header('x-forwarded-host') : undefined) ?? header('host') ?? '';
  const safe = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host) ? host : 'localhost';
  return `${proto}://${safe}`;
}

/**
 * `GET /api/cases/<caseId>/receipt.pdf?paper=a4|f4` — the case's receipt (tanda terima), for
 * whoever may see the case (`case.get`'s rule; else 404). Rendering waits in the heavy-work line;
 * each print is audited as `receipt.printed`.
 */
export async function handleReceipt(
  deps: AppDeps,
  req: IncomingMessage,
  res: ServerResponse,
  options: { publicUrl?: string; trustProxy: boolean },
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const caseId = RECEIPT_PATH.exec(url.pathname)![1]!.toLowerCase();
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return fail(res, 405, 'Metode tidak diizinkan.', 'Method not allowed.');
  }
  const db = deps.database.db;
  const user = await resolveSession(
    db,
    readCookie(req.headers.cookie, SESSION_COOKIE),
    deps.now(),
    deps.sessions,
  );
  if (!user) return fail(res, 401, 'Silakan masuk terlebih dahulu.', 'Please sign in first.');
  const paper = url.searchParams.get('paper') ?? 'a4';
  if (paper !== 'a4' && paper !== 'f4')
    return fail(res, 400, 'paper harus a4 atau f4.', 'paper must be a4 or f4.');
  try {
    const now = deps.now();
    const { kase, data } = await prepareReceipt(db, user, caseId, {
      now,
      origin: readPublicOrigin(req, options.publicUrl, options.trustProxy),
    });
    const bytes = await runHeavy(deps, async () => {
      const { renderReceiptPdf } = await import('@alur/documents');
      return renderReceiptPdf(data, { paper, createdAt: now });
    });
    await recordReceiptPrinted(db, user, kase, now);
    res.writeHead(200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="tanda-terima-${kase.number.replace(/[^0-9A-Za-z-]+/g, '-')}.pdf"`,
      'Content-Length': String(bytes.byteLength),
      'Cache-Control': 'private, no-store',
    });
    res.end(Buffer.from(bytes));
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
