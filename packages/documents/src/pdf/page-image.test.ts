import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSeeds } from '../test-support/seeds.ts';
import { renderSopPdf } from './render-pdf.ts';

// Pages rendered to PNG for a person to look at: kept under artifacts/documents/ (CI keeps
// artifacts/), and checked here for what a glance would catch — landscape, the paper's shape.
const ARTIFACTS = join(import.meta.dirname, '../../../../artifacts/documents');

function readPngSize(file: string): { width: number; height: number } {
  const png = readFileSync(file);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('official document pages as images', () => {
  for (const paper of ['a4', 'f4'] as const) {
    it(`renders the LAKIP flowchart page on ${paper.toUpperCase()} landscape`, async () => {
      const lakip = loadSeeds().find((s) => s.name === 'tegal-lakip')!;
      mkdirSync(ARTIFACTS, { recursive: true });
      const pdf = join(ARTIFACTS, `tegal-lakip-${paper}.pdf`);
      writeFileSync(pdf, await renderSopPdf(lakip.doc, { paper }));
      // Page 2 is the first page of the flowchart table.
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '60',
        '-f',
        '2',
        '-l',
        '2',
        '-singlefile',
        pdf,
        pdf.replace(/\.pdf$/, '-p2'),
      ]);
      const { width, height } = readPngSize(pdf.replace(/\.pdf$/, '-p2.png'));
      const ratio = width / height;
      // A4 297×210 mm, F4 330×215 mm.
      expect(ratio).toBeCloseTo(paper === 'a4' ? 297 / 210 : 330 / 215, 1);
    });
  }
});
