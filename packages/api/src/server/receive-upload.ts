import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { discardSpool, type SpooledFile, spoolToFile } from '../services/files/spool.ts';
import { type FileRequestRefused, refuse } from '../services/files/upload-refused.ts';

/** A multipart upload, its fields read and its file spooled to disk. */
export interface ReceivedUpload<A> {
  fields: Record<string, string>;
  /** The name the client gave (uncleaned). */
  declaredName: string;
  file: SpooledFile;
  /** What `authorize` returned for the fields. */
  authorized: A;
}

/** How far an upload's request may exceed the file itself (boundaries, headers, small fields). */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export const TOO_LARGE = (maxBytes: number) =>
  refuse(
    413,
    'UPLOAD_TOO_LARGE',
    `Berkas terlalu besar: paling besar ${formatMb(maxBytes)} MB.`,
    `File too large: at most ${formatMb(maxBytes)} MB.`,
  );

function formatMb(bytes: number): string {
  return String(Math.round((bytes / 1024 / 1024) * 10) / 10);
}

const MALFORMED = () =>
  refuse(
    400,
    'UPLOAD_MALFORMED',
    'Unggahan harus multipart/form-data: caseId, field, taskId (opsional), lalu file.',
    'An upload must be multipart/form-data: caseId, field, taskId (optional), then file.',
  );

/**
 * Reads a `multipart/form-data` upload as it arrives: the fields first, then `authorize(fields)`
 * before a byte of the file is read, then the file streamed to a spool file (hashed on the way,
 * cut off past `maxBytes`). Refusals reject with a `FileRequestRefused`; whatever happens, a
 * rejected upload leaves no spool file behind.
 */
export function receiveUpload<A>(
  req: IncomingMessage,
  options: { maxBytes: number; spoolDir: string; authorize: (fields: Record<string, string>) => Promise<A> },
): Promise<ReceivedUpload<A>> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      // One more byte than allowed: busboy reports the limit when the count *reaches* it.
      limits: {
        fileSize: options.maxBytes + 1,
        files: 1,
        fields: 8,
        fieldSize: 1024,
        fieldNameSize: 64,
        parts: 9,
        headerPairs: 16,
      },
    });
  } catch {
    return Promise.reject(MALFORMED());
  }
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let problem: FileRequestRefused | null = null;
    let filePart: Promise<Omit<ReceivedUpload<A>, 'fields'>> | null = null;
    let settled = false;

    // A refused upload answers only once its spool file (if any) is gone.
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      const cleaned = filePart
        ? filePart.then(
            (p) => discardSpool(p.file.path),
            () => {},
          )
        : Promise.resolve();
      cleaned.then(() => reject(error));
    };

    parser.on('field', (name, value, info) => {
      if (filePart) return; // fields after the file cannot change what was authorised
      if (info.valueTruncated || info.nameTruncated) {
        problem ??= refuse(
          400,
          'UPLOAD_FIELD_TOO_LONG',
          `Kolom "${name.slice(0, 64)}" terlalu panjang.`,
          `Field "${name.slice(0, 64)}" is too long.`,
        );
        return;
      }
      if (name in fields) {
        problem ??= refuse(
          400,
          'UPLOAD_FIELD_TWICE',
          `Kolom "${name}" dikirim dua kali.`,
          `Field "${name}" was sent twice.`,
        );
        return;
      }
      fields[name] = value;
    });

    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || filePart || problem) {
        stream.resume();
        problem ??= refuse(
          400,
          'UPLOAD_ONE_FILE',
          'Kirim tepat satu berkas, di kolom "file".',
          'Send exactly one file, in the "file" field.',
        );
        return;
      }
      filePart = receiveFile(stream, info.filename ?? '', { ...fields });
      // A refusal known before the end of the request (not allowed, too large) answers at once.
      filePart.catch(fail);
    });

    const receiveFile = async (stream: Readable, declaredName: string, sent: Record<string, string>) => {
      let tooLarge = false;
      // The file stream is destroyed with an error past the limit, possibly while `authorize` is
      // still pending and nothing reads it yet: an 'error' with no listener would be an uncaught
      // exception that ends the whole server. The refusal travels through `tooLarge` instead.
      stream.on('error', () => {});
      stream.once('limit', () => {
        tooLarge = true;
        stream.destroy(TOO_LARGE(options.maxBytes));
      });
      let authorized: A;
      try {
        if (problem) throw problem;
        authorized = await options.authorize(sent);
      } catch (error) {
        stream.resume(); // the rest of the file is read and dropped
        throw error;
      }
      try {
        const file = await spoolToFile(stream, options.spoolDir);
        if (tooLarge) {
          await discardSpool(file.path);
          throw TOO_LARGE(options.maxBytes);
        }
        return { declaredName, file, authorized };
      } catch (error) {
        throw tooLarge ? TOO_LARGE(options.maxBytes) : error;
      }
    };

    pipeline(req, parser).then(
      async () => {
        if (problem) return fail(problem);
        if (!filePart) {
          return fail(
            refuse(
              400,
              'UPLOAD_NO_FILE',
              'Tidak ada berkas di kolom "file".',
              'No file in the "file" field.',
            ),
          );
        }
        try {
          const part = await filePart;
          if (settled) return;
          settled = true;
          resolve({ fields, ...part });
        } catch (error) {
          fail(error);
        }
      },
      // A malformed body, or a client gone mid-stream (then nobody reads the answer anyway).
      () => fail(MALFORMED()),
    );
  });
}
