/**
 * The documents a case file accepts, by the type their content shows: scans and photos (JPEG, PNG,
 * WebP), PDF, and Word/Excel (OOXML). Anything else, whatever its name says, is refused.
 */
export const ALLOWED_FILE_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
};

/** Types a browser may show in place (under a sandbox CSP); everything else is downloaded. */
export function isInlineType(contentType: string): boolean {
  return contentType === 'application/pdf' || contentType.startsWith('image/');
}

/**
 * The allowed content type of a spooled file from its magic bytes, or null when the content is of
 * no allowed type (or of none file-type recognises). The name and declared type play no part.
 */
export async function sniffAllowedType(
  path: string,
): Promise<{ mime: string | null; detected: string | null }> {
  let detected: string | null = null;
  try {
    // Loaded on first use, like the other heavy parsers, to keep the server's start-up short.
    const { fileTypeFromFile } = await import('file-type');
    detected = (await fileTypeFromFile(path))?.mime ?? null;
  } catch {
    // A malformed container (a truncated zip, a lying header) is simply not an allowed document.
    detected = null;
  }
  return { mime: detected && detected in ALLOWED_FILE_TYPES ? detected : null, detected };
}
