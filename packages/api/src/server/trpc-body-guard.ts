import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TRPCError } from '@trpc/server';
import { readCookie } from '../auth/cookies.ts';
import { resolveSession, SESSION_COOKIE } from '../auth/sessions.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { guardsOf } from '../guards/guards.ts';
import { exceedsJsonDepth } from '../guards/json-depth.ts';
import {
  BodyTooLargeError,
  declaresTooLarge,
  payloadTooLargeMessage,
  readBodyWithLimit,
  sendPayloadTooLarge,
} from './body-limit.ts';

/**
 * Procedures whose input is a whole SOP document (or a file): they get the larger body limit.
 * `sop.create` too: it takes the document an import returned.
 */
export const DOCUMENT_PROCEDURES: ReadonlySet<string> = new Set([
  'sop.import',
  'sop.validate',
  'sop.saveDraft',
  'sop.create',
  'letter.uploadTemplate',
]);

/** An error in tRPC's own response shape, so the apps' tRPC client shows its message. */
function trpcErrorBody(
  path: string,
  batch: boolean,
  status: number,
  code: string,
  appCode: string,
  m: { id: string; en: string },
) {
  const one = (p: string) => ({
    error: {
      message: m.id,
      code: status === 413 ? -32013 : -32600,
      data: { code, httpStatus: status, path: p, appCode, messageEn: m.en },
    },
  });
  return batch ? path.split(',').map(one) : one(path);
}

async function hasSession(deps: AppDeps, req: IncomingMessage): Promise<boolean> {
  const token = readCookie(req.headers.cookie, SESSION_COOKIE);
  return (
    token !== undefined && (await resolveSession(deps.database.db, token, deps.now(), deps.sessions)) !== null
  );
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/**
 * Reads a tRPC request's body within its limit before tRPC sees it: 1 MB by default, the document
 * limit when the call names a document procedure and comes with a valid session (so an anonymous
 * sender never gets more than the small limit). Over the limit → 413 and the connection closed;
 * JSON nested too deep → 400. Returns false when it has answered; otherwise tRPC reads `req.body`.
 */
export async function guardTrpcBody(
  deps: AppDeps,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<boolean> {
  const { limits } = guardsOf(deps);
  const batch = /[?&]batch=1\b/.test(req.url ?? '');
  const tooDeep = () =>
    sendJson(
      res,
      400,
      trpcErrorBody(path, batch, 400, 'BAD_REQUEST', 'JSON_TOO_DEEP', {
        id: `Masukan JSON bersarang lebih dalam dari ${limits.maxJsonDepth} tingkat (batas kedalaman).`,
        en: `The JSON input nests deeper than ${limits.maxJsonDepth} levels (nesting depth limit).`,
      }),
    );
  if (req.method === 'GET' || req.method === 'HEAD') {
    const input = new URL(req.url ?? '/', 'http://localhost').searchParams.get('input');
    if (input && exceedsJsonDepth(input, limits.maxJsonDepth)) {
      tooDeep();
      return false;
    }
    return true;
  }
  let limit = limits.maxRequestBytes;
  const wantsDocument = path.split(',').some((p) => DOCUMENT_PROCEDURES.has(p));
  // Only a signed-in caller may send a document-sized body; checked before a byte is read. A body
  // declared over even the document limit is refused at once, naming that limit.
  if (wantsDocument && limits.maxDocumentBytes > limit) {
    if (declaresTooLarge(req, limits.maxDocumentBytes) || (await hasSession(deps, req)))
      limit = limits.maxDocumentBytes;
  }
  let body: Buffer;
  try {
    body = await readBodyWithLimit(req, limit);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    const m = payloadTooLargeMessage(limit);
    sendPayloadTooLarge(
      req,
      res,
      limit,
      trpcErrorBody(path, batch, 413, 'PAYLOAD_TOO_LARGE', 'PAYLOAD_TOO_LARGE', m),
    );
    return false;
  }
  const text = body.toString('utf8');
  if (exceedsJsonDepth(text, limits.maxJsonDepth)) {
    tooDeep();
    return false;
  }
  // tRPC's node adapter takes a string `req.body` as the request body instead of reading the stream.
  (req as IncomingMessage & { body?: string }).body = text;
  return true;
}

/**
 * tRPC `responseMeta`: a 503 that says when to come back (a full heavy-work line, a database out of
 * connection slots) carries `Retry-After`.
 */
export function retryAfterMeta({ errors }: { errors: TRPCError[] }): { headers?: Record<string, string> } {
  for (const error of errors) {
    const cause = error.cause;
    if (cause instanceof AppError && cause.kind === 'SERVICE_UNAVAILABLE') {
      return { headers: { 'Retry-After': String(cause.details?.retryAfterSeconds ?? 5) } };
    }
  }
  return {};
}
