import { randomBytes } from 'node:crypto';

/**
 * Tracking codes (kode lacak): what an applicant types or scans to follow a case on the public
 * page. 28 symbols of Crockford's base32 (0-9 and A-Z without I, L, O, U), each 5 random bits
 * from the operating system's CSPRNG: 140 bits, so guessing a valid code is hopeless even at the
 * rate limit. People see it in groups of four ("K7QF-2M9X-…"); input is forgiving: case, spaces,
 * dashes and the look-alikes O→0, I/L→1 do not matter.
 */
export const TRACKING_CODE_LENGTH = 28;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CANONICAL = /^[0-9A-HJKMNP-TV-Z]{28}$/;

/** A new random code in canonical form (28 symbols, no dashes): what the database stores. */
export function generateTrackingCode(): string {
  // 32 divides 256, so `byte & 31` is uniform: no modulo bias.
  return Array.from(randomBytes(TRACKING_CODE_LENGTH), (b) => ALPHABET[b & 31]).join('');
}

/** The canonical form of what a person typed, or null when it cannot be a code. */
export function normalizeTrackingCode(input: string): string | null {
  if (input.length > 80) return null;
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return CANONICAL.test(code) ? code : null;
}

/** A canonical code as people read it: groups of four joined by dashes. */
export function formatTrackingCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}
