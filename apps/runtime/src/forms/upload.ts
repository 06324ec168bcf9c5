import type { FileInfo } from './form-draft.ts';

/**
 * Where an upload goes: a running case (during a task: with its `taskId`), or an SOP's start form,
 * where the server holds the file for the uploader until `case.start` attaches it.
 */
export type UploadTarget = { caseId: string; taskId?: string } | { sopId: string };

/** A refused upload, with the server's code and both messages. */
export class UploadError extends Error {
  constructor(
    readonly code: string,
    readonly messages: { id: string; en: string },
  ) {
    super(messages.id);
    this.name = 'UploadError';
  }
}

/** The multipart fields in the order the server reads them: the target and field before the file. */
export function buildUploadForm(target: UploadTarget, field: string, file: Blob, name: string): FormData {
  const form = new FormData();
  if ('sopId' in target) form.append('sopId', target.sopId);
  else {
    form.append('caseId', target.caseId);
    if (target.taskId) form.append('taskId', target.taskId);
  }
  form.append('field', field);
  form.append('file', file, name);
  return form;
}

/** Reads the server's refusal body `{error: {code, message, messageEn}}`, whatever arrives. */
export function readUploadRefusal(status: number, body: string): UploadError {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: string; message?: string; messageEn?: string } };
    if (parsed.error?.message) {
      return new UploadError(parsed.error.code ?? String(status), {
        id: parsed.error.message,
        en: parsed.error.messageEn ?? parsed.error.message,
      });
    }
  } catch {
    // not JSON: a proxy's page; fall through to the generic message
  }
  return new UploadError(String(status), {
    id: `Unggahan gagal (HTTP ${status}).`,
    en: `Upload failed (HTTP ${status}).`,
  });
}

/**
 * `POST /api/files` with progress (fetch cannot report upload progress, XMLHttpRequest can).
 * `onProgress` receives 0..1. `abort()` cancels; the promise then rejects with code `ABORTED`.
 */
export function uploadFile(options: {
  target: UploadTarget;
  field: string;
  file: File;
  onProgress?: (share: number) => void;
}): { done: Promise<FileInfo & { sha256?: string }>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<FileInfo & { sha256?: string }>((resolve, reject) => {
    xhr.open('POST', '/api/files');
    xhr.withCredentials = true;
    // The server refuses uploads without it (CSRF), like every mutation.
    xhr.setRequestHeader('x-alur-csrf', '1');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) options.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText));
        } catch {
          reject(readUploadRefusal(xhr.status, ''));
        }
      } else reject(readUploadRefusal(xhr.status, xhr.responseText));
    };
    xhr.onerror = () =>
      reject(
        new UploadError('NETWORK', {
          id: 'Unggahan terputus; periksa koneksi lalu coba lagi.',
          en: 'The upload was cut off; check the connection and try again.',
        }),
      );
    xhr.onabort = () => reject(new UploadError('ABORTED', { id: 'Dibatalkan.', en: 'Cancelled.' }));
    xhr.send(buildUploadForm(options.target, options.field, options.file, options.file.name));
  });
  return { done, abort: () => xhr.abort() };
}
