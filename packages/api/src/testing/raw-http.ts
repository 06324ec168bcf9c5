import { request } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * POSTs a body of `size` bytes (streamed in 64 kB chunks, never held whole) or the given `body`,
 * and resolves with the answer even when the server stops reading and closes early, as it does
 * for a body over its limit. `chunked` leaves out Content-Length.
 */
export function postRaw(
  url: string,
  opts: { size?: number; body?: string; chunked?: boolean; headers?: Record<string, string> } = {},
): Promise<RawAnswer> {
  const body = opts.body === undefined ? undefined : Buffer.from(opts.body);
  const size = body?.byteLength ?? opts.size ?? 0;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-alur-csrf': '1',
        ...(opts.chunked ? {} : { 'content-length': String(size) }),
        ...opts.headers,
      },
    });
    let answered = false;
    // Once the server has answered, stop sending; a write racing the close fails on the socket.
    req.on('socket', (socket) => socket.on('error', () => {}));
    req.on('response', (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        text += d;
      });
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text });
        req.destroy();
      });
      res.on('error', reject);
    });
    // Writing after the server answered and closed fails with EPIPE/ECONNRESET: expected.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (body) {
      req.end(body);
      return;
    }
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < size && !req.destroyed && !answered) {
        const piece = size - sent >= chunk.length ? chunk : chunk.subarray(0, size - sent);
        sent += piece.length;
        if (!req.write(piece)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}
