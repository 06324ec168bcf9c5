/** The longest name kept, in characters (code points). */
export const MAX_FILE_NAME = 200;

// Control and format characters: C0/C1 controls, and invisible format marks such as the
// right-to-left override that makes "exe.pdf" out of "fdp.exe"; and lone surrogates, which no
// header can carry.
const UNSAFE_CHARS = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;

/**
 * A file name safe to store and to send back in a header: the last path segment only (either
 * slash), without control characters, trimmed, at most 200 characters with the extension kept.
 * A name with nothing left becomes "berkas".
 */
export function cleanFileName(raw: string | undefined): string {
  const lastSegment = (raw ?? '').split(/[/\\]/).pop() ?? '';
  let name = lastSegment.replace(UNSAFE_CHARS, '').replace(/\s+/g, ' ').trim();
  if (/^\.*$/.test(name)) return 'berkas';
  const chars = Array.from(name);
  if (chars.length > MAX_FILE_NAME) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 ? Array.from(name.slice(dot)) : [];
    const keepExt = ext.length > 1 && ext.length <= 16 ? ext : [];
    name = (chars.slice(0, MAX_FILE_NAME - keepExt.length).join('') + keepExt.join('')).trim();
  }
  return name;
}

/**
 * A `Content-Disposition` value for a stored name: an ASCII fallback for old clients and the
 * exact name in RFC 5987 form.
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
