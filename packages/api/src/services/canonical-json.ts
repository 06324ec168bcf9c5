import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal documents always give equal text (and checksum). */
export function stringifyCanonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** SHA-256 (hex) of the canonical JSON of a value. */
export function checksumOf(value: unknown): string {
  return createHash('sha256').update(stringifyCanonical(value)).digest('hex');
}
