import { createInflateRaw } from 'node:zlib';
import { DEFAULT_XML_LIMITS, XmlGuard, type XmlLimits } from '../xml/xml-guard.ts';
import { NotAnArchiveError, readZipDirectory, type ZipEntry } from './zip-directory.ts';

/** How much a ZIP archive (docx, xlsx, any upload inspected by content) may hold once inflated. */
export interface ArchiveBudget {
  /** Inflated bytes of all entries together. */
  maxTotalBytes: number;
  /** Inflated ÷ compressed bytes of one entry (checked once the entry passes 1 MB inflated). */
  maxRatio: number;
  /** Number of entries (each costs a directory record and a parser pass). */
  maxEntries: number;
  /** The compressed archive itself, when it arrives as a stream. */
  maxArchiveBytes: number;
}

const MB = 1024 * 1024;

/** 50 MB inflated, 100:1, 5,000 entries, a 25 MB archive: far above any real SOP document. */
export const DEFAULT_ARCHIVE_BUDGET: ArchiveBudget = {
  maxTotalBytes: 50 * MB,
  maxRatio: 100,
  maxEntries: 5000,
  maxArchiveBytes: 25 * MB,
};

/** Below this an entry's compression ratio does not matter (tiny XML parts compress very well). */
const RATIO_FLOOR_BYTES = 1 * MB;

export type ArchiveLimitKind = 'total' | 'ratio' | 'entries' | 'archive' | 'declared';

/** The archive is over its budget; `messages` names the limit (Indonesian, English). */
export class ArchiveBudgetError extends Error {
  override name = 'ArchiveBudgetError';
  readonly code = 'ARCHIVE_OVER_BUDGET';
  constructor(
    readonly limit: ArchiveLimitKind,
    readonly messages: { id: string; en: string },
  ) {
    super(messages.en);
  }
}

const mb = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

function overTotal(budget: ArchiveBudget): ArchiveBudgetError {
  return new ArchiveBudgetError('total', {
    id: `Isi arsip melebihi ${mb(budget.maxTotalBytes)} setelah diekstrak (batas ukuran arsip); berkas ditolak.`,
    en: `The archive inflates to more than ${mb(budget.maxTotalBytes)} (archive size limit); the file is refused.`,
  });
}

function overRatio(entry: ZipEntry, budget: ArchiveBudget): ArchiveBudgetError {
  return new ArchiveBudgetError('ratio', {
    id: `Bagian ${entry.name} dipadatkan lebih dari ${budget.maxRatio}:1 (batas rasio kompresi); berkas ditolak.`,
    en: `Part ${entry.name} is compressed more than ${budget.maxRatio}:1 (compression ratio limit); the file is refused.`,
  });
}

/** Checks what the central directory declares, before a single byte is inflated. */
export function checkDeclaredBudget(
  entries: ZipEntry[],
  budget: ArchiveBudget = DEFAULT_ARCHIVE_BUDGET,
): void {
  if (entries.length > budget.maxEntries) {
    throw new ArchiveBudgetError('entries', {
      id: `Arsip berisi lebih dari ${budget.maxEntries} bagian (batas jumlah bagian); berkas ditolak.`,
      en: `The archive holds more than ${budget.maxEntries} parts (entry count limit); the file is refused.`,
    });
  }
  let total = 0;
  for (const e of entries) {
    if (e.flags & 1) throw new NotAnArchiveError(`entry ${e.name} is encrypted`);
    if (e.method !== 0 && e.method !== 8)
      throw new NotAnArchiveError(`entry ${e.name} uses compression method ${e.method}`);
    total += e.declaredSize;
    if (total > budget.maxTotalBytes) throw overTotal(budget);
    if (
      e.declaredSize > RATIO_FLOOR_BYTES &&
      e.declaredSize > budget.maxRatio * Math.max(1, e.compressedSize)
    )
      throw overRatio(e, budget);
  }
}

/**
 * Inflates one entry while counting: stops at the first byte past `maxBytes`, past the entry's
 * declared size (headers can lie), or past the ratio limit. Keeps the output only when asked.
 */
async function inflateCounted(
  bytes: Uint8Array,
  entry: ZipEntry,
  budget: ArchiveBudget,
  maxBytes: number,
  sink?: (chunk: Buffer) => void,
): Promise<number> {
  const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  const check = (total: number) => {
    if (total > maxBytes) throw overTotal(budget);
    if (total > entry.declaredSize) {
      throw new ArchiveBudgetError('declared', {
        id: `Bagian ${entry.name} mengaku berukuran ${entry.declaredSize} bita tetapi lebih besar saat diekstrak (batas: ukuran yang dinyatakan arsip; ukuran palsu); berkas ditolak.`,
        en: `Part ${entry.name} declares ${entry.declaredSize} bytes but inflates to more (limit: the archive's declared sizes; a lying size header); the file is refused.`,
      });
    }
    if (total > RATIO_FLOOR_BYTES && total > budget.maxRatio * Math.max(1, entry.compressedSize))
      throw overRatio(entry, budget);
  };
  if (entry.method === 0) {
    check(data.byteLength);
    sink?.(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    return data.byteLength;
  }
  return new Promise<number>((resolve, reject) => {
    const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
    let total = 0;
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      inflater.destroy();
      reject(error);
    };
    inflater.on('data', (chunk: Buffer) => {
      if (failed) return;
      total += chunk.byteLength;
      try {
        check(total);
        sink?.(chunk);
      } catch (error) {
        fail(error);
      }
    });
    inflater.on('error', (e) => fail(new NotAnArchiveError(`entry ${entry.name}: ${e.message}`)));
    inflater.on('end', () => {
      if (!failed) resolve(total);
    });
    inflater.end(data);
  });
}

async function collect(input: Uint8Array | AsyncIterable<Uint8Array>, budget: ArchiveBudget) {
  if (input instanceof Uint8Array) {
    if (input.byteLength > budget.maxArchiveBytes) throw tooBigArchive(budget);
    return input;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of input) {
    size += chunk.byteLength;
    if (size > budget.maxArchiveBytes) throw tooBigArchive(budget);
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function tooBigArchive(budget: ArchiveBudget) {
  return new ArchiveBudgetError('archive', {
    id: `Berkas arsip lebih besar dari ${mb(budget.maxArchiveBytes)} (batas ukuran berkas); berkas ditolak.`,
    en: `The archive file is larger than ${mb(budget.maxArchiveBytes)} (file size limit); the file is refused.`,
  });
}

export interface ArchiveCheckOptions {
  budget?: ArchiveBudget;
  /** Also run the XML guard over every `.xml`/`.rels` part while it inflates (default: yes). */
  xmlLimits?: XmlLimits | false;
}

/**
 * Proves a ZIP archive (bytes, or a stream such as an upload) stays within its budget: first by
 * the sizes it declares (nothing inflated), then by inflating every entry and counting, output
 * discarded, stopping at the first byte over. XML parts also pass the XML guard (no DTD, bounded
 * depth and text). Returns the bytes and the directory; throws `ArchiveBudgetError`,
 * `XmlLimitError` or `NotAnArchiveError`.
 */
export async function assertArchiveWithinBudget(
  input: Uint8Array | AsyncIterable<Uint8Array>,
  options: ArchiveCheckOptions = {},
): Promise<{ bytes: Uint8Array; entries: ZipEntry[]; totalBytes: number }> {
  const budget = options.budget ?? DEFAULT_ARCHIVE_BUDGET;
  const xmlLimits = options.xmlLimits === undefined ? DEFAULT_XML_LIMITS : options.xmlLimits;
  const bytes = await collect(input, budget);
  const entries = readZipDirectory(bytes);
  checkDeclaredBudget(entries, budget);
  let totalBytes = 0;
  for (const entry of entries) {
    const isXml = xmlLimits && /\.(xml|rels)$/i.test(entry.name);
    const guard = isXml ? new XmlGuard(xmlLimits) : null;
    const decoder = isXml ? new TextDecoder() : null;
    totalBytes += await inflateCounted(
      bytes,
      entry,
      budget,
      budget.maxTotalBytes - totalBytes,
      guard ? (chunk) => guard.push(decoder!.decode(chunk, { stream: true })) : undefined,
    );
  }
  return { bytes, entries, totalBytes };
}

/**
 * Inflates one named entry within the budget (the whole archive's declared sizes are checked
 * first); `null` when the archive has no such entry.
 */
export async function readArchiveEntry(
  bytes: Uint8Array,
  name: string,
  budget: ArchiveBudget = DEFAULT_ARCHIVE_BUDGET,
): Promise<Uint8Array | null> {
  if (bytes.byteLength > budget.maxArchiveBytes) throw tooBigArchive(budget);
  const entries = readZipDirectory(bytes);
  checkDeclaredBudget(entries, budget);
  const entry = entries.find((e) => e.name === name);
  if (!entry) return null;
  const chunks: Buffer[] = [];
  await inflateCounted(bytes, entry, budget, budget.maxTotalBytes, (c) => chunks.push(c));
  return new Uint8Array(Buffer.concat(chunks));
}
