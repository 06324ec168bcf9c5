/**
 * A minimal reader of a ZIP's central directory: names, methods, offsets and the sizes the archive
 * *declares*. Nothing is inflated here, so it is safe on any input; the budget check decides what
 * may be inflated afterwards.
 */

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate; anything else is refused before inflating. */
  method: number;
  flags: number;
  compressedSize: number;
  /** What the central directory claims; an attacker can lie here, so inflation counts too. */
  declaredSize: number;
  /** Start of the compressed bytes (after the local header). */
  dataOffset: number;
}

/** The bytes are not a ZIP archive we can read (bad signature, truncated, encrypted …). */
export class NotAnArchiveError extends Error {
  override name = 'NotAnArchiveError';
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

function findEndOfDirectory(view: DataView): number {
  // The EOCD record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const stop = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let i = view.byteLength - 22; i >= stop; i--) {
    if (view.getUint32(i, true) === EOCD) return i;
  }
  throw new NotAnArchiveError('end of central directory not found');
}

function readU64(view: DataView, at: number): number {
  const value = view.getBigUint64(at, true);
  // Anything past 2^53 is not an archive we will ever inflate: treat it as "too large".
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

/** Lists the entries of a ZIP archive from its central directory (no inflation). */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 22) throw new NotAnArchiveError('too short for a ZIP archive');
  const eocd = findEndOfDirectory(view);
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (
    (count === 0xffff || offset === MAX32) &&
    eocd >= 20 &&
    view.getUint32(eocd - 20, true) === ZIP64_LOCATOR
  ) {
    const at = readU64(view, eocd - 12);
    if (at + 56 > bytes.byteLength || view.getUint32(at, true) !== ZIP64_EOCD)
      throw new NotAnArchiveError('broken ZIP64 directory');
    count = readU64(view, at + 32);
    offset = readU64(view, at + 48);
  }
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.byteLength || view.getUint32(p, true) !== CENTRAL)
      throw new NotAnArchiveError('broken central directory');
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    let compressedSize = view.getUint32(p + 20, true);
    let declaredSize = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    let localOffset = view.getUint32(p + 42, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    // ZIP64 extra field: the 64-bit values appear in this order, only for fields set to 0xFFFFFFFF.
    let x = p + 46 + nameLength;
    const extraEnd = Math.min(x + extraLength, bytes.byteLength);
    while (x + 4 <= extraEnd) {
      const id = view.getUint16(x, true);
      const size = view.getUint16(x + 2, true);
      if (id === 0x0001) {
        let q = x + 4;
        if (declaredSize === MAX32 && q + 8 <= extraEnd) {
          declaredSize = readU64(view, q);
          q += 8;
        }
        if (compressedSize === MAX32 && q + 8 <= extraEnd) {
          compressedSize = readU64(view, q);
          q += 8;
        }
        if (localOffset === MAX32 && q + 8 <= extraEnd) localOffset = readU64(view, q);
      }
      x += 4 + size;
    }
    if (localOffset + 30 > bytes.byteLength || view.getUint32(localOffset, true) !== LOCAL)
      throw new NotAnArchiveError(`broken local header of ${name}`);
    const dataOffset =
      localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    if (dataOffset + compressedSize > bytes.byteLength)
      throw new NotAnArchiveError(`entry ${name} runs past the end of the file`);
    entries.push({ name, method, flags, compressedSize, declaredSize, dataOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
