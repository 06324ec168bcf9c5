import { constants, crc32, deflateRawSync } from 'node:zlib';

/*
 * Hostile files built in memory for tests and the benchmark: ZIP bombs (one entry, many entries,
 * lying size headers), billion-laughs XML, deep nesting. Small to send, huge once inflated.
 */

const MB = 1024 * 1024;

export interface ZipPart {
  name: string;
  /** Raw deflate data (method 8), or stored bytes with `stored`. */
  data: Uint8Array;
  stored?: boolean;
  /** The size the headers declare (defaults to `realSize`). */
  declaredSize?: number;
  /** The true inflated size (for the headers); required for deflated parts. */
  realSize: number;
  crc?: number;
}

/** A deflate part from plain bytes. */
export function deflatedPart(name: string, content: string | Uint8Array): ZipPart {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { name, data: deflateRawSync(bytes), realSize: bytes.byteLength, crc: crc32(bytes) };
}

/**
 * A raw deflate stream that inflates to `megabytes` MB of the byte `fill`, built without ever
 * holding the inflated bytes: one fully flushed 1 MB block, repeated, then an empty final block.
 */
export function deflateBomb(megabytes: number, fill = 0x20): Uint8Array {
  const block = deflateRawSync(Buffer.alloc(MB, fill), { finishFlush: constants.Z_FULL_FLUSH });
  const end = deflateRawSync(Buffer.alloc(0));
  return new Uint8Array(Buffer.concat([...Array.from({ length: megabytes }, () => block), end]));
}

/** Writes a ZIP archive (no data descriptors) whose headers say what the parts declare. */
export function buildZip(parts: ZipPart[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const declared = p.declaredSize ?? p.realSize;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(p.stored ? 0 : 8, 8);
    local.writeUInt32LE(p.crc ?? 0, 14);
    local.writeUInt32LE(p.data.byteLength, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(p.stored ? 0 : 8, 10);
    central.writeUInt32LE(p.crc ?? 0, 16);
    central.writeUInt32LE(p.data.byteLength, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(p.data));
    centrals.push(central, name);
    offset += 30 + name.length + p.data.byteLength;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>';

/**
 * A .docx-shaped ZIP bomb: `word/document.xml` inflates to `megabytes` MB. With `lie`, the headers
 * declare a harmless 4 KB instead (so only counting while inflating can stop it).
 */
export function buildDocxBomb(megabytes: number, opts: { lie?: boolean } = {}): Uint8Array {
  return buildZip([
    deflatedPart('[Content_Types].xml', CONTENT_TYPES),
    {
      name: 'word/document.xml',
      data: deflateBomb(megabytes),
      realSize: megabytes * MB,
      ...(opts.lie ? { declaredSize: 4096 } : {}),
    },
  ]);
}

/** A ZIP whose `entries` parts each inflate to `megabytesEach` MB (many small bombs). */
export function buildManyEntryBomb(entries: number, megabytesEach: number, opts: { lie?: boolean } = {}) {
  const data = deflateBomb(megabytesEach);
  return buildZip([
    deflatedPart('[Content_Types].xml', CONTENT_TYPES),
    ...Array.from({ length: entries }, (_, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data,
      realSize: megabytesEach * MB,
      ...(opts.lie ? { declaredSize: 1000 } : {}),
    })),
  ]);
}

/** The classic "billion laughs": ten nested entities, each ten of the one before. */
export function billionLaughs(root = 'bpmn:definitions'): string {
  const ents = ['<!ENTITY lol "lol">'];
  for (let i = 1; i <= 9; i++) {
    const prev = i === 1 ? 'lol' : `lol${i - 1}`;
    ents.push(`<!ENTITY lol${i} "${`&${prev};`.repeat(10)}">`);
  }
  return `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${ents.join('\n')}\n]>\n<${root} xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p" name="&lol9;"/></${root}>`;
}

/** XML nested `depth` levels deep. */
export function deepXml(depth: number, tag = 'w:p'): string {
  return `<?xml version="1.0"?>${`<${tag}>`.repeat(depth)}x${`</${tag}>`.repeat(depth)}`;
}

/** JSON nested `depth` arrays deep. */
export function deepJson(depth: number): string {
  return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}
