import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { billionLaughs, buildDocxBomb, buildManyEntryBomb } from '@alur/documents/testing';
import { describe, expect, it } from 'vitest';
import { loadSeed } from '../../seeds/load-seeds.ts';
import { renderExport } from '../../services/export.ts';
import { runCli } from '../main.ts';

const dir = mkdtempSync(join(tmpdir(), 'alur-import-'));
function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), cwd: dir }, out, err };
}

describe('alur import of Word, BPMN and JSON files', () => {
  for (const format of ['docx', 'bpmn', 'json'] as const) {
    it(`reads back the rows of an exported ${format}`, async () => {
      const { document } = loadSeed('tegal-dtks');
      const file = await renderExport(document, format);
      writeFileSync(join(dir, file.fileName), file.bytes);
      const c = capture();
      expect(await runCli(['import', file.fileName, '--json'], c.io)).toBe(0);
      const result = JSON.parse(c.out.join('\n')) as { ok: boolean; document: typeof document };
      const kegiatan = (d: typeof document) =>
        d.rowOrder.map((id) => d.nodes.find((n) => n.id === id)?.kegiatan);
      expect(result.ok).toBe(true);
      expect(kegiatan(result.document)).toEqual(kegiatan(document));
    });
  }

  it('says what was expected when a .docx is not a Word document', async () => {
    writeFileSync(join(dir, 'bukan.docx'), 'teks biasa');
    const c = capture();
    expect(await runCli(['import', 'bukan.docx'], c.io)).toBe(1);
    expect(c.out.join('\n')).toMatch(/bukan dokumen Word/i);
  });

  it('refuses ZIP bombs and billion laughs with the limit they broke, as the server does', async () => {
    const files: [string, Uint8Array | string][] = [
      ['bom.docx', buildDocxBomb(60)],
      ['bohong.docx', buildDocxBomb(60, { lie: true })],
      ['banyak.xlsx', buildManyEntryBomb(80, 1)],
      ['tawa.bpmn', billionLaughs()],
    ];
    for (const [name, bytes] of files) {
      writeFileSync(join(dir, name), bytes);
      const c = capture();
      expect(await runCli(['import', name], c.io)).toBe(1);
      expect(c.out.join('\n')).toMatch(/batas|DTD/);
    }
  });
});
