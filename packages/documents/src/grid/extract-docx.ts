import { XMLParser } from 'fast-xml-parser';
import { type ArchiveBudget, DEFAULT_ARCHIVE_BUDGET, readArchiveEntry } from '../archive/archive-budget.ts';
import { NotAnArchiveError } from '../archive/zip-directory.ts';
import { assertXmlWithinLimits } from '../xml/xml-guard.ts';

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const tagOf = (n: XmlNode) => Object.keys(n).find((k) => k !== ':@') ?? '';
const childrenOf = (n: XmlNode) => (Array.isArray(n[tagOf(n)]) ? (n[tagOf(n)] as XmlNode[]) : []);

/**
 * Every table of a .docx (word/document.xml) as a grid of cell texts: paragraphs joined by "\n",
 * merged cells expanded so columns line up (a horizontal span repeats as empty cells, a vertical
 * continuation is empty). Nested tables are listed after the table that holds them. The archive
 * is opened within `budget` and the XML passes the guard (no DTD, bounded depth) before parsing.
 */
export async function extractDocxTables(
  bytes: Uint8Array,
  budget: ArchiveBudget = DEFAULT_ARCHIVE_BUDGET,
): Promise<string[][][]> {
  const part = await readArchiveEntry(bytes, 'word/document.xml', budget);
  if (!part) throw new NotAnArchiveError('word/document.xml is missing');
  const xml = new TextDecoder().decode(part);
  assertXmlWithinLimits(xml);
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    trimValues: false,
    processEntities: true,
  });
  const tables: string[][][] = [];
  walk(parser.parse(xml) as XmlNode[], tables);
  return tables;
}

function walk(nodes: XmlNode[], out: string[][][]): void {
  for (const n of nodes) {
    if (tagOf(n) === 'w:tbl') readTable(n, out);
    else walk(childrenOf(n), out);
  }
}

function readTable(tbl: XmlNode, out: string[][][]): void {
  const grid: string[][] = [];
  const at = out.length;
  out.push(grid);
  const nested: string[][][] = [];
  for (const tr of childrenOf(tbl).filter((c) => tagOf(c) === 'w:tr')) {
    const row: string[] = [];
    for (const tc of childrenOf(tr).filter((c) => tagOf(c) === 'w:tc')) {
      const props = childrenOf(tc).find((c) => tagOf(c) === 'w:tcPr');
      const span = Number(findAttr(props, 'w:gridSpan', '@_w:val') ?? 1);
      const vMerge = props && findChild(props, 'w:vMerge');
      const continued = vMerge !== undefined && vMerge[':@']?.['@_w:val'] !== 'restart';
      row.push(continued ? '' : readCellText(tc, nested));
      for (let i = 1; i < span; i++) row.push('');
    }
    grid.push(row);
  }
  out.splice(at + 1, 0, ...nested);
}

function readCellText(tc: XmlNode, nested: string[][][]): string {
  const paragraphs: string[] = [];
  for (const c of childrenOf(tc)) {
    if (tagOf(c) === 'w:p') paragraphs.push(readText(c));
    else if (tagOf(c) === 'w:tbl') readTable(c, nested);
  }
  return paragraphs.join('\n').trim();
}

function readText(n: XmlNode): string {
  const tag = tagOf(n);
  if (tag === '#text') return String(n[tag]);
  if (tag === 'w:tab') return ' ';
  if (tag === 'w:br' || tag === 'w:cr') return '\n';
  if (tag === 'w:instrText' || tag === 'w:delText') return '';
  return childrenOf(n).map(readText).join('');
}

function findChild(n: XmlNode, tag: string): XmlNode | undefined {
  return childrenOf(n).find((c) => tagOf(c) === tag);
}

function findAttr(n: XmlNode | undefined, tag: string, attr: string): string | undefined {
  const c = n && findChild(n, tag);
  return c?.[':@']?.[attr];
}
