import type { IncomingMessage, ServerResponse } from 'node:http';

/*
 * Request bodies are read with their limit in hand: a declared Content-Length over the limit is
 * refused before a byte is read, and a chunked body is cut off at the first byte past it. Nothing
 * larger than the limit is ever held in memory, whoever sends it.
 */

/** The body is larger than `limitBytes`. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  constructor(readonly limitBytes: number) {
    super(`request body over ${limitBytes} bytes`);
  }
}

const MB = 1024 * 1024;

/** "1 MB", "25 MB", "512 kB": a limit as people read it. */
export function formatBytes(bytes: number): string {
  return bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.round(bytes / 1024)} kB`;
}

/** True when the request declares a Content-Length over `maxBytes` (refuse without reading). */
export function declaresTooLarge(req: IncomingMessage, maxBytes: number): boolean {
  const declared = Number(req.headers['content-length']);
  return Number.isFinite(declared) && declared > maxBytes;
}

/**
 * Yields the chunks of `source` while counting; throws `BodyTooLargeError` at the first chunk that
 * takes the total past `maxBytes` (for streaming consumers such as a multipart parser).
 */
export async function* limitStream(
  source: AsyncIterable<Uint8Array>,
  maxBytes: number,
): AsyncGenerator<Uint8Array> {
  let size = 0;
  for await (const chunk of source) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new BodyTooLargeError(maxBytes);
    yield chunk;
  }
}

/**
 * Reads a request body into memory, never more than `maxBytes`: refused at once by its
 * Content-Length, otherwise stopped (and the request paused) at the first byte over.
 */
export function readBodyWithLimit(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  if (declaresTooLarge(req, maxBytes)) return Promise.reject(new BodyTooLargeError(maxBytes));
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxBytes) {
        cleanup();
        req.pause();
        chunks.length = 0;
        reject(new BodyTooLargeError(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onAborted = () => onError(new Error('request aborted'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}

/** The 413 message: Indonesian first, English beside it, naming the limit. */
export function payloadTooLargeMessage(limitBytes: number): { id: string; en: string } {
  const limit = formatBytes(limitBytes);
  return {
    id: `Permintaan terlalu besar: batasnya ${limit}. Perkecil berkas atau bagi menjadi beberapa kiriman.`,
    en: `Request too large: the limit is ${limit}. Send a smaller file or split it up.`,
  };
}

/** `{ error: { message, messageEn, code, limitBytes } }`, the shape of Alur's non-tRPC errors. */
export function plainErrorBody(limitBytes: number) {
  const m = payloadTooLargeMessage(limitBytes);
  return { error: { message: m.id, messageEn: m.en, code: 'PAYLOAD_TOO_LARGE', limitBytes } };
}

/** How long a refused sender has to read the answer before its connection is cut. */
const LINGER_MS = 2000;

/**
 * Answers 413 and closes the connection politely: the answer goes out with `Connection: close`,
 * then whatever the client is still sending is read and dropped (never kept) for a short while so
 * it can read the answer instead of seeing a reset, and the socket is closed.
 */
export function sendPayloadTooLarge(
  req: IncomingMessage,
  res: ServerResponse,
  limitBytes: number,
  body: unknown = plainErrorBody(limitBytes),
): void {
  const json = JSON.stringify(body);
  res.shouldKeepAlive = false;
  res.writeHead(413, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    Connection: 'close',
  });
  const socket = req.socket;
  // With `Connection: close` Node destroys the socket as soon as the answer is flushed; a client
  // still sending would then get a reset and could lose the answer. Half-close instead (FIN after
  // the answer), stop reading (so a refused body costs no more work: the sender just stalls), and
  // cut the connection after LINGER_MS, or at once if the client closes first.
  socket.destroySoon = () => {
    socket.end();
  };
  res.once('finish', () => socket.pause());
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  res.end(json);
}
