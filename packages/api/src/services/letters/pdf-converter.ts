import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Turns a DOCX into a PDF (LibreOffice), when the machine has it. */
export interface PdfConverter {
  /** The executable used, for the start-up log. */
  readonly command: string;
  convert(docx: Uint8Array): Promise<Uint8Array>;
}

/**
 * Finds LibreOffice once, at server start: `ALUR_SOFFICE` (a path, or `off`), else `soffice` or
 * `libreoffice` on PATH. Null when absent: letters are then DOCX only (`/healthz` says
 * `pdfConverter: false`). Only looks at files; nothing is run until a letter is converted.
 */
export function findPdfConverter(env: NodeJS.ProcessEnv = process.env): PdfConverter | null {
  const wanted = env.ALUR_SOFFICE?.trim();
  if (wanted === 'off') return null;
  const candidates = wanted
    ? [wanted]
    : (env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .flatMap((dir) => [join(dir, 'soffice'), join(dir, 'libreoffice')]);
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK);
      return createSofficeConverter(path);
    } catch {
      // not here
    }
  }
  return null;
}

/** `soffice --headless --convert-to pdf` in a private temporary directory with its own profile. */
export function createSofficeConverter(command: string, timeoutMs = 60_000): PdfConverter {
  return {
    command,
    async convert(docx) {
      const dir = await mkdtemp(join(tmpdir(), 'alur-letter-'));
      try {
        const input = join(dir, 'surat.docx');
        await writeFile(input, docx, { mode: 0o600 });
        await new Promise<void>((resolve, reject) => {
          execFile(
            command,
            [
              // A profile per conversion: two conversions at once never share LibreOffice's lock.
              `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
              '--headless',
              '--convert-to',
              'pdf',
              '--outdir',
              dir,
              input,
            ],
            { timeout: timeoutMs, windowsHide: true },
            (error) => (error ? reject(error) : resolve()),
          );
        });
        return new Uint8Array(await readFile(join(dir, 'surat.pdf')));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
