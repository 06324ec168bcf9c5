import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AnyTRPCRouter } from '@trpc/server';
import {
  getErrorShape,
  getHTTPStatusCode,
  getTRPCErrorFromUnknown,
  isAsyncIterable,
  isObject,
  isPromise,
  TRPCError,
  transformTRPCResponse,
} from '@trpc/server/unstable-core-do-not-import';

/*
 * Plain tRPC calls — queries or mutations, one or a batch (`httpBatchLink`, what the apps send),
 * JSON in and out, not streamed — answered here instead of by tRPC's node adapter. The adapter
 * turns every request into a Fetch `Request` (URL, `Headers`, an `AbortSignal` combined from
 * several), gets a Fetch `Response` back and pipes its body through a web `WritableStream` into
 * the socket in chunked encoding: about a quarter of the server's CPU for a first inbox page
 * (`--cpu-prof`, BENCHMARKS.md #16). Here each procedure runs through tRPC's own procedure call
 * (input parsing, middlewares, the error formatter), and the answer is the JSON tRPC writes, with
 * the same status, `Vary`, `Content-Type` and `responseMeta` headers, sent in one write with its
 * length.
 *
 * Anything else — a subscription, `HEAD`, a stream request (`trpc-accept`, jsonl), a body that is
 * not JSON, an unknown path, mixed procedure types, a method a procedure does not take, a batch
 * over `maxBatchSize`, connection params, an escaped path — is left untouched to tRPC's adapter:
 * `answerPlainCall` returns false before it has created a context or read an input.
 * `trpc-direct.test.ts` sends the same requests to both and compares the answers.
 */

export interface PlainCallOptions<TContext> {
  router: AnyTRPCRouter;
  /** The procedure paths as they follow `/api/trpc/` in the URL (not decoded; `,` in a batch). */
  path: string;
  /** Whether a query may come as POST (tRPC's `allowMethodOverride`). */
  allowMethodOverride: boolean;
  maxBatchSize: number;
  createContext: () => Promise<TContext>;
  responseMeta: (opts: { errors: TRPCError[] }) => { headers?: Record<string, string>; status?: number };
  onError: (opts: {
    error: TRPCError;
    path: string;
    input: unknown;
    ctx: TContext | undefined;
    type: string;
    req: IncomingMessage;
  }) => void;
}

type Procedure = ((opts: unknown) => Promise<unknown>) & { _def: { type: string } };

/** `hasContentType` of tRPC: the media type before any parameter, case-insensitive. */
function isJsonContentType(value: string | undefined): boolean {
  return value?.toLowerCase().split(';', 1)[0]?.trim() === 'application/json';
}

/** What tRPC's adapter refuses to send as a plain JSON answer (`isDataStream`). */
function isDataStream(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (isAsyncIterable(value)) return true;
  const values = Object.values(value);
  return values.some(isPromise) || values.some(isAsyncIterable);
}

/**
 * Answers `req` when it is a plain call (see above) and resolves to true once the answer is
 * written; resolves to false, having done nothing, when tRPC's adapter must answer it.
 * For POST, the body must already be in `req.body` as a string (`guardTrpcBody` puts it there).
 */
export async function answerPlainCall<TContext>(
  req: IncomingMessage & { body?: unknown },
  res: ServerResponse,
  opts: PlainCallOptions<TContext>,
): Promise<boolean> {
  const { router } = opts;
  const method = req.method;
  if (method !== 'GET' && method !== 'POST') return false;
  if (opts.path === '' || opts.path.includes('%')) return false;
  const headers = req.headers;
  if (headers['trpc-accept'] !== undefined || headers.accept?.includes('application/jsonl')) return false;
  const url = req.url ?? '';
  const queryAt = url.indexOf('?');
  const search = queryAt < 0 ? null : new URLSearchParams(url.slice(queryAt + 1));
  if (search?.has('connectionParams')) return false;
  const batchParam = search?.get('batch') ?? null;
  if (batchParam !== null && batchParam !== '1') return false;
  const isBatch = batchParam === '1';
  const paths = isBatch ? opts.path.split(',') : [opts.path];
  if (!isBatch && paths[0]!.includes(',')) return false;
  if (paths.length > opts.maxBatchSize) return false;
  if (method === 'POST' && (!isJsonContentType(headers['content-type']) || typeof req.body !== 'string'))
    return false;
  const procedures: Procedure[] = [];
  for (const path of paths) {
    const procedure = router._def.procedures[path] as Procedure | undefined;
    if (typeof procedure !== 'function') return false;
    procedures.push(procedure);
  }
  const type = procedures[0]!._def.type;
  if (procedures.some((p) => p._def.type !== type)) return false;
  const methodOk =
    type === 'query'
      ? method === 'GET' || (method === 'POST' && opts.allowMethodOverride)
      : type === 'mutation' && method === 'POST';
  if (!methodOk) return false;

  const config = router._def._config;
  // The inputs, parsed once on the first read and shared by the calls, as tRPC's JSON content
  // handler does (a failed parse fails every call of the batch with the same error).
  let inputs: Record<number, unknown> | undefined;
  let reading: Promise<Record<number, unknown>> | undefined;
  const parseInputs = async (): Promise<Record<number, unknown>> => {
    let raw: unknown;
    if (method === 'GET') {
      const text = search?.get('input');
      raw = text ? JSON.parse(text) : undefined;
    } else {
      // A Fetch body's json(): a byte order mark is dropped.
      const text = req.body as string;
      raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    }
    const found: Record<number, unknown> = Object.create(null);
    if (raw === undefined) return found;
    if (!isBatch) {
      found[0] = config.transformer.input.deserialize(raw);
      return found;
    }
    if (!isObject(raw)) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: '"input" needs to be an object when doing a batch call',
      });
    }
    for (let i = 0; i < paths.length; i++) {
      const value = (raw as Record<number, unknown>)[i];
      if (value !== undefined) found[i] = config.transformer.input.deserialize(value);
    }
    return found;
  };
  const readInputs = async () => {
    if (inputs) return inputs;
    reading ??= parseInputs().catch((cause) => {
      if (cause instanceof TRPCError) throw cause;
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: cause instanceof Error ? cause.message : 'Invalid input',
        cause,
      });
    });
    inputs = await reading;
    return inputs;
  };

  // Aborted when the client goes away before the answer (as tRPC's adapter signals it).
  const abort = new AbortController();
  const onClose = () => {
    if (!res.writableEnded) abort.abort();
  };
  res.once('close', onClose);

  let ctx: TContext | undefined;
  let ctxError: unknown;
  try {
    ctx = await opts.createContext();
  } catch (cause) {
    ctxError = cause;
  }
  const errorOf: (TRPCError | undefined)[] = [];
  const call = async (procedure: Procedure, index: number) => {
    const path = paths[index]!;
    try {
      if (ctxError !== undefined) throw ctxError;
      const data = await procedure({
        path,
        getRawInput: async () => (await readInputs())[index],
        ctx,
        type,
        signal: abort.signal,
        batchIndex: index,
      });
      if (isDataStream(data)) {
        throw new TRPCError({
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: 'Cannot use stream-like response in non-streaming request - use httpBatchStreamLink',
        });
      }
      return { result: { data } };
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      errorOf[index] = error;
      const input = inputs?.[index];
      opts.onError({ error, path, input, ctx, type, req });
      return { error: getErrorShape({ config, ctx, error, input, path, type: type as 'query' }) };
    }
  };
  const answers = isBatch ? await Promise.all(procedures.map(call)) : [await call(procedures[0]!, 0)];
  const meta = opts.responseMeta({ errors: errorOf.filter((e) => e !== undefined) });
  const body = JSON.stringify(transformTRPCResponse(config, (isBatch ? answers : answers[0]) as never));
  if (res.statusCode === 200) res.statusCode = meta.status ?? getHTTPStatusCode(answers as never);
  res.setHeader('vary', 'trpc-accept, accept');
  res.setHeader('content-type', 'application/json');
  for (const [key, value] of Object.entries(meta.headers ?? {})) res.setHeader(key.toLowerCase(), value);
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
  res.off('close', onClose);
  return true;
}
