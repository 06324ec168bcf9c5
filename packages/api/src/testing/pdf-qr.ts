import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Text of a PDF file (`pdftotext -layout`, poppler-utils). */
export function readPdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/**
 * Renders the PDF's first page to PNG (`pdftoppm`, as a printer would rasterise it) and decodes the
 * QR code on it with jsQR: what a phone's camera would read. Null when none is found.
 */
export function decodeQrOnFirstPage(file: string, dpi = 150): string | null {
  const base = file.replace(/\.pdf$/, '-qr');
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', file, base]);
  const png = PNG.sync.read(readFileSync(`${base}.png`));
  const found = jsQR(
    new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
    png.width,
    png.height,
  );
  return found?.data ?? null;
}
