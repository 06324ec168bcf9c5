import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeed } from '../seeds/load-seeds.ts';
import { serveOnLoopback, signIn } from '../testing/http-client.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let app: TestApp;
let base: string;
let close: () => Promise<void>;
const dir = mkdtempSync(join(tmpdir(), 'alur-export-'));

beforeAll(async () => {
  app = await createTestApp([loadSeed('tegal-lakip')]);
  ({ base, close } = await serveOnLoopback(app.deps));
});
afterAll(async () => {
  await close();
  await app.close();
});

describe('document export and import through the API', () => {
  it('downloads the official PDF of a published version with every row', async () => {
    const kasi = await signIn(base, 'kasi');
    const [sop] = await kasi.client.sop.list.query();
    const [version] = await kasi.client.sop.versions.query({ sopId: sop!.id });
    const res = await kasi.fetch(`${base}/api/export?versionId=${version!.id}&format=pdf&paper=f4`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename=".*lakip.*\.pdf"/);
    const file = join(dir, 'lakip.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Kabid Bina Program');
    expect(text).toMatch(/Staf mendokumentasikan/);
  });

  it('refuses anonymous downloads, another agency’s ids and drafts for staff', async () => {
    expect(
      (await fetch(`${base}/api/export?sopId=00000000-0000-0000-0000-000000000000&format=json`)).status,
    ).toBe(401);
    const kasi = await signIn(base, 'kasi');
    const [sop] = await kasi.client.sop.list.query();
    expect((await kasi.fetch(`${base}/api/export?sopId=${sop!.id}&format=json`)).status).toBe(404);
    const admin = await signIn(base, 'admin');
    expect(
      (await admin.fetch(`${base}/api/export?sopId=00000000-0000-0000-0000-000000000000&format=json`)).status,
    ).toBe(404);
    expect((await admin.fetch(`${base}/api/export?sopId=${sop!.id}&format=exe`)).status).toBe(400);
  });

  it('round-trips a draft through DOCX, BPMN and JSON back into sop.import', async () => {
    const admin = await signIn(base, 'admin');
    const [sop] = await admin.client.sop.list.query();
    const draft = await admin.client.sop.get.query({ sopId: sop!.id });
    const rows = (d: typeof draft.document) =>
      d.nodes.filter((n) => n.type === 'activity' || n.type === 'decision').map((n) => [n.type, n.kegiatan]);
    for (const format of ['docx', 'bpmn', 'json'] as const) {
      const res = await admin.fetch(`${base}/api/export?sopId=${sop!.id}&format=${format}`);
      expect(res.status).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      const content = format === 'docx' ? bytes.toString('base64') : bytes.toString('utf8');
      const { results } = await admin.client.sop.import.mutate({ format, content });
      expect(results).toHaveLength(1);
      expect(rows(results[0]!.document)).toEqual(rows(draft.document));
      expect(results[0]!.document.lanes.map((l) => l.name)).toEqual(draft.document.lanes.map((l) => l.name));
    }
  });

  it('says what was expected when a file is not an SOP', async () => {
    const admin = await signIn(base, 'admin');
    const notDocx = await admin.client.sop.import
      .mutate({ format: 'docx', content: Buffer.from('bukan word').toString('base64') })
      .catch((e) => e);
    expect(notDocx.data.httpStatus).toBe(400);
    expect(notDocx.message.length).toBeGreaterThan(10);
    const notTable = await admin.client.sop.import
      .mutate({ format: 'table', content: 'halo dunia' })
      .catch((e) => e);
    expect(notTable.data.httpStatus).toBe(400);
    expect(notTable.message).toMatch(/KEGIATAN|tabel/i);
  });
});

describe('alur export', () => {
  it('writes the PDF, DOCX, BPMN and JSON of a seed', () => {
    const bin = join(import.meta.dirname, '../../bin/alur.mjs');
    const seed = join(import.meta.dirname, '../../../../seeds/tegal-dtks.json');
    for (const format of ['pdf', 'docx', 'bpmn', 'json']) {
      const out = join(dir, `dtks.${format}`);
      execFileSync(process.execPath, [bin, 'export', seed, '--format', format, '--paper', 'f4', '-o', out]);
      expect(readFileSync(out).byteLength).toBeGreaterThan(500);
    }
    expect(readFileSync(join(dir, 'dtks.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(JSON.parse(readFileSync(join(dir, 'dtks.json'), 'utf8')).schemaVersion).toBe(2);
  });
});
