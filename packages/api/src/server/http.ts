import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { TRPCError } from '@trpc/server';
import { nodeHTTPRequestHandler } from '@trpc/server/adapters/node-http';
import { sql } from 'drizzle-orm';
import sirv from 'sirv';
import { readCookie } from '../auth/cookies.ts';
import { resolveSession, SESSION_COOKIE } from '../auth/sessions.ts';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  databaseUnavailableCode,
  databaseUnavailableError,
  isDatabaseUnavailable,
} from '../db/unavailable.ts';
import type { AppDeps } from '../deps.ts';
import type { Context } from '../trpc/context.ts';
import { appRouter } from '../trpc/root.ts';
import { handleExport } from './export-route.ts';
import { handleFiles, isFilesPath } from './files-route.ts';
import { handleLetterRegisterExport, isLettersPath } from './letters-route.ts';
import { createRateLimiter } from './rate-limit.ts';
import { handleReceipt, isReceiptPath } from './receipt-route.ts';
import { handleTrack, isTrackPath } from './track-route.ts';
import { guardTrpcBody, retryAfterMeta } from './trpc-body-guard.ts';
import { answerPlainCall } from './trpc-direct.ts';

export interface HttpOptions {
  /** Built runtime app (served at /) and designer (at /designer/); skipped when missing. */
  runtimeDist?: string;
  designerDist?: string;
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy. */
  trustProxy?: boolean;
  /** The address citizens reach the server at (`ALUR_PUBLIC_URL`), for the receipt's QR code. */
  publicUrl?: string;
  /** Public tracking lookups per client address: burst and refill per minute (default 30 and 30). */
  trackRateLimit?: { capacity: number; perMinute: number };
  /**
   * Plain tRPC calls answered by `answerPlainCall` (trpc-direct.ts) instead of tRPC's adapter
   * (default true; false only in the test that compares the two).
   */
  directTrpc?: boolean;
}

/**
 * A mutation must carry `x-alur-csrf` (a custom header: cross-site pages cannot send it without a
 * CORS preflight, which this server never grants) and must not come from another site.
 */
export function checkCsrf(req: IncomingMessage, trustProxy = false): boolean {
  if (!req.headers['x-alur-csrf']) return false;
  if (req.headers['sec-fetch-site'] === 'cross-site') return false;
  const origin = req.headers.origin;
  if (origin && origin !== 'null') {
    try {
      // X-Forwarded-Host only counts behind a trusted reverse proxy.
      const host = (trustProxy ? req.headers['x-forwarded-host'] : undefined) ?? req.headers.host;
      if (new URL(origin).host !== host) return false;
    } catch {
      return false;
    }
  }
  return true;
}

function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  const fwd = req.headers['x-forwarded-for'];
  if (trustProxy && typeof fwd === 'string') return fwd.split(',')[0]!.trim();
  return req.socket.remoteAddress ?? 'unknown';
}

async function createContext(
  deps: AppDeps,
  req: IncomingMessage,
  res: ServerResponse,
  trustProxy: boolean,
): Promise<Context> {
  const sessionToken = readCookie(req.headers.cookie, SESSION_COOKIE);
  let user: Context['user'];
  try {
    user = await resolveSession(deps.database.db, sessionToken, deps.now(), deps.sessions);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    const busy = databaseUnavailableError();
    throw new TRPCError({ code: busy.kind, message: busy.messages.id, cause: busy });
  }
  return {
    deps,
    db: deps.database.db,
    user,
    sessionToken,
    ip: clientIp(req, trustProxy),
    csrfOk: checkCsrf(req, trustProxy),
    setCookie: (cookie) => res.appendHeader('Set-Cookie', cookie),
  };
}

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/** The HTTP server: `/api/trpc`, `/healthz`, the designer at `/designer/` and the runtime at `/`. */
export function createHttpServer(deps: AppDeps, options: HttpOptions = {}): Server {
  const trustProxy = options.trustProxy ?? false;
  const runtime =
    options.runtimeDist && existsSync(options.runtimeDist)
      ? sirv(options.runtimeDist, { single: true, gzip: true })
      : null;
  const designer =
    options.designerDist && existsSync(options.designerDist)
      ? sirv(options.designerDist, { single: true, gzip: true })
      : null;
  // In this process's memory: with several processes each counts on its own (docs/tracking.md).
  const trackLimiter = createRateLimiter(options.trackRateLimit ?? { capacity: 30, perMinute: 30 });
  const directTrpc = options.directTrpc ?? true;
  const onTrpcError = ({ error, path }: { error: TRPCError; path?: string }) => {
    if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`[api] ${path}:`, error.cause ?? error);
  };
  return createServer(async (req, res) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    const url = req.url ?? '/';
    try {
      if (url.startsWith('/api/trpc')) {
        const path = url.slice('/api/trpc'.length).replace(/^\//, '').split('?')[0]!;
        if (!(await guardTrpcBody(deps, req, res, path))) return;
        if (
          directTrpc &&
          (await answerPlainCall(req, res, {
            router: appRouter,
            path,
            allowMethodOverride: true,
            maxBatchSize: 20,
            createContext: () => createContext(deps, req, res, trustProxy),
            responseMeta: retryAfterMeta,
            onError: onTrpcError,
          }))
        )
          return;
        await nodeHTTPRequestHandler({
          req,
          res,
          path,
          router: appRouter,
          maxBatchSize: 20,
          // Queries may also come as POST (tRPC's method override): a document to validate can be
          // larger than a URL may be. Queries have no side effects, so this opens no CSRF path.
          allowMethodOverride: true,
          responseMeta: retryAfterMeta,
          createContext: ({ req: r, res: s }) => createContext(deps, r, s, trustProxy),
          onError: onTrpcError,
        });
        return;
      }
      if (isFilesPath(url)) {
        await handleFiles(deps, req, res, trustProxy);
        return;
      }
      if (isLettersPath(url)) {
        await handleLetterRegisterExport(deps, req, res);
        return;
      }
      if (isReceiptPath(url)) {
        await handleReceipt(deps, req, res, { publicUrl: options.publicUrl, trustProxy });
        return;
      }
      if (isTrackPath(url)) {
        await handleTrack(deps, req, res, { limiter: trackLimiter, trustProxy });
        return;
      }
      if (url.startsWith('/api/export')) {
        await handleExport(deps, req, res);
        return;
      }
      if (url === '/healthz') {
        await deps.database.db.execute(sql`select 1`);
        res.setHeader('Content-Type', 'application/json');
        res.end(
          JSON.stringify({ ok: true, store: deps.database.kind, pdfConverter: Boolean(deps.pdfConverter) }),
        );
        return;
      }
      if (url === '/designer') {
        res.writeHead(301, { Location: '/designer/' }).end();
        return;
      }
      if (url.startsWith('/designer/')) {
        if (!designer) return notBuilt(res, 'designer');
        req.url = url.slice('/designer'.length);
        designer(req, res, () => {
          res.writeHead(404).end();
        });
        return;
      }
      if (!runtime) return notBuilt(res, 'runtime');
      runtime(req, res, () => {
        res.writeHead(404).end();
      });
    } catch (error) {
      const unavailable = databaseUnavailableCode(error);
      if (unavailable) console.warn(`[http] database unavailable (${unavailable})`);
      else console.error('[http]', error);
      if (!res.headersSent) {
        res.writeHead(503, {
          'Content-Type': 'application/json',
          ...(unavailable ? { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) } : {}),
        });
      }
      res.end(JSON.stringify({ ok: false }));
    }
  });
}

function notBuilt(res: ServerResponse, app: string) {
  res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`Aplikasi ${app} belum dibangun: jalankan "npm run build".`);
}
