/** What the server answered to an upload or download, parsed. */
export interface FileAnswer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: JSON from the wire
  body: any;
}

/**
 * Uploads `bytes` as a browser form would: `caseId`, `field`, optional `taskId`, then `file`, with
 * the CSRF header unless `csrf: false` (or another header value given).
 */
export async function uploadFile(
  fetcher: typeof fetch,
  base: string,
  input: {
    /** The case to upload into; or `sopId` instead, to stage a file for that SOP's start form. */
    caseId?: string;
    sopId?: string;
    field: string;
    taskId?: string;
    bytes: Uint8Array;
    name?: string;
    type?: string;
    csrf?: string | false;
    headers?: Record<string, string>;
  },
): Promise<FileAnswer> {
  const form = new FormData();
  if (input.caseId !== undefined) form.append('caseId', input.caseId);
  if (input.sopId !== undefined) form.append('sopId', input.sopId);
  form.append('field', input.field);
  if (input.taskId) form.append('taskId', input.taskId);
  form.append(
    'file',
    new Blob([input.bytes], { type: input.type ?? 'application/octet-stream' }),
    input.name ?? 'berkas.bin',
  );
  const headers: Record<string, string> = { ...input.headers };
  if (input.csrf !== false) headers['x-alur-csrf'] = input.csrf ?? '1';
  const res = await fetcher(`${base}/api/files`, { method: 'POST', body: form, headers });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the assertion message
  }
  return { status: res.status, headers: res.headers, body };
}

/** A fetch that sends a fixed session cookie (for sessions opened without a password). */
export function fetchWithCookie(cookie: string): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('cookie', cookie);
    return fetch(input, { ...init, headers });
  };
}
