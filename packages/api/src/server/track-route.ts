import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppDeps } from '../deps.ts';
import { trackCase } from '../services/tracking/public-track.ts';
import { formatTrackingCode, normalizeTrackingCode } from '../services/tracking/tracking-code.ts';
import type { RateLimiter } from './rate-limit.ts';
import { renderTrackPage, TRACK_PAGE_CSP, type TrackPageState } from './track-page.ts';

/** `/api/public/track`, `/lacak` and `/lacak/<code>`: the public tracking routes (no session). */
export function isTrackPath(url: string): boolean {
  const path = url.split('?')[0]!;
  return (
    path === '/api/public/track' || path === '/lacak' || path === '/lacak/' || path.startsWith('/lacak/')
  );
}

/** Headers of every public tracking answer: never indexed, never cached, no referrer (the URL holds the code). */
function setPublicHeaders(res: ServerResponse) {
  res.setHeader('X-Robots-Tag', 'noindex, nofollow');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

const NOT_FOUND_BODY = JSON.stringify({
  error: {
    code: 'NOT_FOUND',
    message: 'Kode lacak tidak ditemukan.',
    messageEn: 'Tracking code not found.',
  },
});

/**
 * The address a rate limit counts: the socket's peer, or behind a trusted reverse proxy
 * (`ALUR_TRUST_PROXY=1`) the last X-Forwarded-For entry, the one that proxy added itself (the
 * entries before it are whatever the client sent).
 */
export function readTrackClient(req: IncomingMessage, trustProxy: boolean): string {
  const fwd = req.headers['x-forwarded-for'];
  if (trustProxy && typeof fwd === 'string' && fwd.trim()) return fwd.split(',').at(-1)!.trim();
  return req.socket.remoteAddress ?? 'unknown';
}

export async function handleTrack(
  deps: AppDeps,
  req: IncomingMessage,
  res: ServerResponse,
  options: { limiter: RateLimiter; trustProxy: boolean },
): Promise<void> {
  setPublicHeaders(res);
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Metode tidak diizinkan.');
    return;
  }
  const take = () => options.limiter.take(readTrackClient(req, options.trustProxy));

  if (url.pathname === '/api/public/track') {
    const wait = take();
    if (wait !== null) {
      res.writeHead(429, { 'Content-Type': 'application/json; charset=utf-8', 'Retry-After': String(wait) });
      res.end(
        JSON.stringify({
          error: {
            code: 'TOO_MANY_REQUESTS',
            message: `Terlalu banyak permintaan. Coba lagi dalam ${wait} detik.`,
            messageEn: `Too many requests. Try again in ${wait} seconds.`,
          },
        }),
      );
      return;
    }
    const found = await trackCase(deps.database.db, url.searchParams.get('code') ?? '');
    if (!found) {
      res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(NOT_FOUND_BODY);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(found.track));
    return;
  }

  // The page. The form sends `/lacak?code=…`; answer with the code's own address, so a scanned QR
  // code and a typed code end on the same page.
  if (url.pathname === '/lacak' || url.pathname === '/lacak/') {
    const typed = url.searchParams.get('code')?.trim();
    if (typed) {
      res.writeHead(303, { Location: `/lacak/${encodeURIComponent(typed.slice(0, 80))}` });
      res.end();
      return;
    }
    return sendPage(res, 200, { kind: 'form' });
  }
  let typed: string;
  try {
    typed = decodeURIComponent(url.pathname.slice('/lacak/'.length)).slice(0, 80);
  } catch {
    typed = '';
  }
  // Shown back in the form as people read it (grouped) when it can be a code, else as typed.
  const canonical = normalizeTrackingCode(typed);
  const code = canonical ? formatTrackingCode(canonical) : typed;
  const wait = take();
  if (wait !== null) {
    res.setHeader('Retry-After', String(wait));
    return sendPage(res, 429, { kind: 'too-many', code, retryAfter: wait });
  }
  const found = await trackCase(deps.database.db, typed);
  if (!found) return sendPage(res, 404, { kind: 'not-found', code });
  sendPage(res, 200, { kind: 'found', code, track: found.track, timeZone: found.timeZone });
}

function sendPage(res: ServerResponse, status: number, state: TrackPageState) {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': TRACK_PAGE_CSP,
  });
  res.end(renderTrackPage(state));
}
