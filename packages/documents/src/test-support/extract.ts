import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Text of a PDF in content order (`pdftotext -raw`, Debian poppler-utils), one string per page. */
export function extractPdfPages(pdf: Uint8Array): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'alur-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    return text.split('\f').slice(0, -1).map(normalizeSpace);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Collapses runs of white space so wrapped cell text compares as one line. */
export function normalizeSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Asserts that `needles` occur in `text` in this order; returns the first missing one (or null).
 * Each needle is searched after the end of the previous match.
 */
export function findOutOfOrder(text: string, needles: string[], ignoreSpace = false): string | null {
  // Words longer than a cell are broken across lines without a hyphen: compare without spaces then.
  const squash = ignoreSpace ? (s: string) => s.replace(/\s+/g, '') : normalizeSpace;
  const hay = squash(text);
  let at = 0;
  for (const n of needles) {
    const i = hay.indexOf(squash(n), at);
    if (i < 0) return n;
    at = i + squash(n).length;
  }
  return null;
}
