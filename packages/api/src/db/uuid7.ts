import { randomFillSync } from 'node:crypto';

/**
 * Time-ordered UUIDs (RFC 9562 version 7: 48 bits of Unix milliseconds, then 74 random bits) for
 * the rows a task command inserts. A random (version 4) key lands on a random leaf of every B-tree
 * that holds it, so each insert dirties a different page of `tasks_pkey` and the notifications'
 * indexes; version 7 keys arrive in order and stay at the right edge, where the page is already
 * in memory. They still cannot be guessed (74 random bits); they do tell when a row was made,
 * which the rows say anyway (`created_at`).
 */

const POOL_IDS = 64;
const pool = Buffer.allocUnsafe(16 * POOL_IDS);
let used = POOL_IDS;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function uuidv7(now: number = Date.now()): string {
  if (used === POOL_IDS) {
    randomFillSync(pool);
    used = 0;
  }
  const b = pool.subarray(used * 16, used * 16 + 16);
  used++;
  // 48-bit big-endian milliseconds (as two parts: JavaScript bit operations are 32-bit).
  const high = Math.floor(now / 2 ** 16);
  b[0] = (high >>> 24) & 0xff;
  b[1] = (high >>> 16) & 0xff;
  b[2] = (high >>> 8) & 0xff;
  b[3] = high & 0xff;
  b[4] = (now >>> 8) & 0xff;
  b[5] = now & 0xff;
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = (i: number) => HEX[b[i]!]!;
  return `${h(0)}${h(1)}${h(2)}${h(3)}-${h(4)}${h(5)}-${h(6)}${h(7)}-${h(8)}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`;
}
