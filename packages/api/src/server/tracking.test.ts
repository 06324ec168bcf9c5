import { mkdtempSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencies, auditEvents, cases, users } from '../db/schema.ts';
import { loadSeed } from '../seeds/load-seeds.ts';
import { normalizeTrackingCode } from '../services/tracking/tracking-code.ts';
import { buildPng } from '../testing/file-fixtures.ts';
import { serveOnLoopback, signIn } from '../testing/http-client.ts';
import { decodeQrOnFirstPage, readPdfText } from '../testing/pdf-qr.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { uploadFile } from '../testing/upload-client.ts';
import { readPublicOrigin, readPublicUrl } from './receipt-route.ts';

// Receipts and public tracking over real HTTP (docs/tracking.md): the receipt follows case.get's
// visibility, its QR code reads back as the public page's address, and the public answers say
// where the request is without a word of the applicant's data.

const PUBLIC_URL = 'https://layanan.tegalkab.example';
const APPLICANT = 'Siti Aminah Binti Karto';
const NIK = '3328094501900003';
const GROUPED = /^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){6}$/;

let app: TestApp;
let base: string;
let close: () => Promise<void>;
const dir = mkdtempSync(join(tmpdir(), 'alur-receipt-'));

beforeAll(async () => {
  app = await createTestApp([loadSeed('tegal-dtks'), loadSeed('tegal-lakip')]);
  ({ base, close } = await serveOnLoopback(app.deps, { publicUrl: PUBLIC_URL }));
});
afterAll(async () => {
  await close();
  await app.close();
});

/**
 * Starts a DTKS case as Staf with the start form filled (the applicant's name and NIK among it),
 * titled by the service, not the person, and with the KTP scan when asked.
 */
async function startDtksCase(options: { title?: string; ktp?: boolean } = {}) {
  const staf = await signIn(base, 'staf');
  const sop = (await staf.client.sop.list.query()).find((s) => s.name.includes('DTKS'));
  const files: Record<string, string[]> = {};
  if (options.ktp) {
    const up = await uploadFile(staf.fetch, base, {
      sopId: sop!.id,
      field: 'scan_ktp',
      bytes: buildPng(4, 4, 90),
      name: 'ktp.png',
    });
    expect(up.status).toBe(201);
    files.scan_ktp = [up.body.fileId];
  }
  const started = await staf.client.case.start.mutate({
    sopId: sop!.id,
    title: options.title ?? 'Surat keterangan DTKS untuk PLN',
    data: {
      nama_pemohon: APPLICANT,
      nik: NIK,
      alamat: 'Jl. Melati 3, Slawi',
      keperluan: 'Subsidi listrik (PLN)',
      ...files,
    },
  });
  return { staf, started };
}

async function download(client: { fetch: typeof fetch }, caseId: string, name: string) {
  const res = await client.fetch(`${base}/api/cases/${caseId}/receipt.pdf`);
  const file = join(dir, name);
  if (res.status === 200) writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return { res, file };
}

describe('the tracking code', () => {
  it('is issued at case start, ≥ 128 bits, and case.get answers it', async () => {
    const { staf, started } = await startDtksCase();
    expect(started.trackingCode).toMatch(GROUPED);
    const detail = await staf.client.case.get.query({ caseId: started.caseId });
    expect(detail.trackingCode).toBe(started.trackingCode);
    // 28 symbols × 5 bits = 140 bits; two cases never share one.
    const other = await startDtksCase();
    expect(other.started.trackingCode).not.toBe(started.trackingCode);
  });

  it('reads a typed code forgivingly: case, dashes, spaces, O for 0 and I/L for 1', () => {
    expect(normalizeTrackingCode('k7qf 2m9x-abcd-efgh-jkmn-pqrs-tvw0')).toBe('K7QF2M9XABCDEFGHJKMNPQRSTVW0');
    expect(normalizeTrackingCode('K7QF-2M9X-ABCD-EFGH-JKMN-PQRS-TVWO')).toBe('K7QF2M9XABCDEFGHJKMNPQRSTVW0');
    expect(normalizeTrackingCode('K7QF-2M9X-ABCD-EFGH-JKMN-PQRS-TVWl')).toBe('K7QF2M9XABCDEFGHJKMNPQRSTVW1');
    expect(normalizeTrackingCode('K7QF-2M9X-ABCD-EFGH-JKMN-PQRS-TVWU')).toBeNull();
    expect(normalizeTrackingCode('K7QF-2M9X')).toBeNull();
    expect(normalizeTrackingCode("' or 1=1 --")).toBeNull();
  });
});

describe('the receipt (tanda terima)', () => {
  it('takes ALUR_PUBLIC_URL as an http(s) origin with an optional path, and refuses anything else', () => {
    expect(readPublicUrl(undefined)).toBeUndefined();
    expect(readPublicUrl(' ')).toBeUndefined();
    expect(readPublicUrl('https://layanan.tegalkab.go.id/')).toBe('https://layanan.tegalkab.go.id');
    expect(readPublicUrl('https://pemda.go.id/alur/')).toBe('https://pemda.go.id/alur');
    expect(() => readPublicUrl('layanan.tegalkab.go.id')).toThrow(/ALUR_PUBLIC_URL/);
    expect(() => readPublicUrl('javascript:alert(1)')).toThrow(/ALUR_PUBLIC_URL/);
  });

  it('points the QR code at the request’s own host without ALUR_PUBLIC_URL, the proxy’s only when trusted', () => {
    const req = (headers: Record<string, string>, encrypted = false) =>
      ({ headers, socket: { encrypted } }) as unknown as IncomingMessage;
    const proxied = req({
      host: '10.0.0.5:3000',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'layanan.go.id',
    });
    expect(readPublicOrigin(proxied, undefined, false)).toBe('http://10.0.0.5:3000');
    expect(readPublicOrigin(proxied, undefined, true)).toBe('https://layanan.go.id');
    expect(readPublicOrigin(proxied, 'https://alur.example', true)).toBe('https://alur.example');
    expect(readPublicOrigin(req({ host: 'alur.local' }, true), undefined, false)).toBe('https://alur.local');
    // A Host header that is not a host name cannot inject text into the URL.
    expect(readPublicOrigin(req({ host: 'evil.com/"><x' }), undefined, false)).toBe('http://localhost');
  });

  it('is a PDF with the case number, the code, the requirements and a QR code of the public page', async () => {
    const { staf, started } = await startDtksCase({ ktp: true });
    const { res, file } = await download(staf, started.caseId, 'receipt.pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = readPdfText(file);
    expect(text).toContain(started.number);
    expect(text).toContain(started.trackingCode);
    expect(text).toContain('DINAS SOSIAL KABUPATEN TEGAL');
    expect(text).toContain(APPLICANT);
    // 23 November 2026 08.00 WIB (the test clock) plus the DTKS waktu on the working calendar.
    expect(text).toMatch(/Tanggal diterima\s+:\s+23 November 2026 08\.00 WIB/);
    expect(text).toMatch(/Perkiraan selesai\s+:\s+23 November 2026/);
    // The KTP scan came with the start form: ticked; the others not yet.
    expect(text).toMatch(/Fotokopi KTP\s+diterima/);
    expect(text).toMatch(/Fotokopi KK\s+belum diterima/);
    expect(text).not.toContain(NIK);
    expect(text).toMatch(/Surat Pengantar Desa\/Kelurahan\s+belum diterima/);
    const code = normalizeTrackingCode(started.trackingCode)!;
    expect(decodeQrOnFirstPage(file)).toBe(`${PUBLIC_URL}/lacak/${code}`);
  });

  it('names the case title as the applicant when the SOP has no nama_pemohon field', async () => {
    const kadis = await signIn(base, 'kadis');
    const lakip = (await kadis.client.sop.list.query()).find((s) => s.name.includes('LAKIP'))!;
    const started = await kadis.client.case.start.mutate({ sopId: lakip.id, title: 'LAKIP Tahun 2026' });
    const { res, file } = await download(kadis, started.caseId, 'lakip.pdf');
    expect(res.status).toBe(200);
    expect(readPdfText(file)).toMatch(/Nama pemohon\s+:\s+LAKIP Tahun 2026/);
  });

  it('is refused (404) to a colleague who cannot see the case and to another agency; 401 without a session', async () => {
    const { started } = await startDtksCase();
    // The DTKS SOP runs in the Staf lane: the Kasi never sees its cases.
    const kasi = await signIn(base, 'kasi');
    expect((await download(kasi, started.caseId, 'kasi.pdf')).res.status).toBe(404);
    await expect(kasi.client.case.get.query({ caseId: started.caseId })).rejects.toThrow(/tidak ditemukan/);
    const outsider = await createOtherAgencyAdmin();
    expect((await download(outsider, started.caseId, 'other.pdf')).res.status).toBe(404);
    expect((await fetch(`${base}/api/cases/${started.caseId}/receipt.pdf`)).status).toBe(401);
    expect((await download(kasi, '00000000-0000-0000-0000-000000000000', 'none.pdf')).res.status).toBe(404);
  });

  it('is audited on every print, and an overseer may reprint it with the same code', async () => {
    const { staf, started } = await startDtksCase();
    await download(staf, started.caseId, 'first.pdf');
    const admin = await signIn(base, 'admin');
    const again = await download(admin, started.caseId, 'again.pdf');
    expect(again.res.status).toBe(200);
    expect(readPdfText(again.file)).toContain(started.trackingCode);
    const printed = await app.testDb.database.db
      .select({ actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(and(eq(auditEvents.caseId, started.caseId), eq(auditEvents.action, 'receipt.printed')));
    expect(printed).toHaveLength(2);
  });

  it('gives a case started before tracking codes its code on the first print, once', async () => {
    const { staf, started } = await startDtksCase();
    const db = app.testDb.database.db;
    await db.update(cases).set({ trackingCode: null }).where(eq(cases.id, started.caseId));
    expect((await staf.client.case.get.query({ caseId: started.caseId })).trackingCode).toBeNull();
    // Two first prints at once agree on one code.
    const [a, b] = await Promise.all([
      download(staf, started.caseId, 'lazy-a.pdf'),
      download(staf, started.caseId, 'lazy-b.pdf'),
    ]);
    const issued = (await staf.client.case.get.query({ caseId: started.caseId })).trackingCode;
    expect(issued).toMatch(GROUPED);
    expect(issued).not.toBe(started.trackingCode);
    expect(readPdfText(a.file)).toContain(issued);
    expect(readPdfText(b.file)).toContain(issued);
  });
});

describe('public tracking', () => {
  it('answers where the request is, and never the applicant’s name', async () => {
    const { staf, started } = await startDtksCase();
    const res = await fetch(`${base}/api/public/track?code=${encodeURIComponent(started.trackingCode)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-robots-tag')).toMatch(/noindex/);
    const body = await res.text();
    expect(body).not.toContain(APPLICANT);
    expect(body).not.toContain('Siti');
    expect(body).not.toContain(NIK);
    expect(body).not.toContain('Melati');
    expect(body).not.toContain('PLN');
    const track = JSON.parse(body);
    expect(Object.keys(track).sort()).toEqual(
      ['caseNumber', 'currentStep', 'doneAt', 'estimatedDoneAt', 'sopName', 'startedAt', 'status'].sort(),
    );
    expect(track).toMatchObject({ caseNumber: started.number, status: 'active', doneAt: null });
    expect(track.sopName).toMatch(/DTKS/);
    expect(track.currentStep).toBe(
      'sedang diproses oleh Staf (Memeriksa Kelengkapan Persyaratan Ajuan Pemohon)',
    );
    expect(new Date(track.estimatedDoneAt).getTime()).toBeGreaterThan(new Date(track.startedAt).getTime());

    // The same with the code typed loosely (lower case, no dashes).
    const loose = started.trackingCode.replace(/-/g, '').toLowerCase();
    expect((await fetch(`${base}/api/public/track?code=${loose}`)).status).toBe(200);

    // The next step, once the first is done.
    const [task] = (await staf.client.case.get.query({ caseId: started.caseId })).tasks;
    await staf.client.task.claim.mutate({ taskId: task!.id });
    const after = (await (
      await fetch(`${base}/api/public/track?code=${encodeURIComponent(started.trackingCode)}`)
    ).json()) as { currentStep: string };
    expect(after.currentStep).toMatch(/^sedang diproses oleh Staf \(/);
  });

  it('answers an unknown code exactly like a malformed one', async () => {
    const unknown = await fetch(`${base}/api/public/track?code=K7QF-2M9X-ABCD-EFGH-JKMN-PQRS-TVWX`);
    const malformed = await fetch(`${base}/api/public/track?code=${encodeURIComponent('<script>')}`);
    const missing = await fetch(`${base}/api/public/track`);
    const seen = [];
    for (const res of [unknown, malformed, missing]) {
      const headers = Object.fromEntries([...res.headers].filter(([k]) => k !== 'date'));
      seen.push({ status: res.status, headers, body: await res.text() });
    }
    expect(seen[0]!.status).toBe(404);
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
  });

  it('serves the page without a login: noindex, the step, no name, and a form', async () => {
    const { started } = await startDtksCase();
    const res = await fetch(`${base}/lacak/${started.trackingCode}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('x-robots-tag')).toMatch(/noindex/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await res.text();
    expect(html).toContain('<meta name="robots" content="noindex');
    expect(html).toContain('sedang diproses oleh Staf');
    expect(html).toContain(started.number);
    expect(html).not.toContain(APPLICANT);
    expect(html).not.toContain(NIK);
    expect(html).not.toMatch(/<script/i);

    const form = await fetch(`${base}/lacak`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('name="code"');
    const typed = await fetch(`${base}/lacak?code=${encodeURIComponent(` ${started.trackingCode} `)}`, {
      redirect: 'manual',
    });
    expect(typed.status).toBe(303);
    expect(typed.headers.get('location')).toBe(`/lacak/${started.trackingCode}`);
    const unknown = await fetch(`${base}/lacak/TIDAK-ADA`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Kode lacak tidak ditemukan');
  });

  it('answers hostile codes plainly: escaped, 404, and only GET', async () => {
    const injected = await fetch(`${base}/lacak/${encodeURIComponent('<script>alert(1)</script>"')}`);
    expect(injected.status).toBe(404);
    const html = await injected.text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;');
    expect((await fetch(`${base}/lacak/%E0%A4%A`)).status).toBe(404);
    expect((await fetch(`${base}/lacak/${'A'.repeat(5000)}`)).status).toBe(404);
    const post = await fetch(`${base}/api/public/track?code=x`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('limits lookups per client address (429 with Retry-After), each address on its own', async () => {
    const limited = await serveOnLoopback(app.deps, {
      trustProxy: true,
      trackRateLimit: { capacity: 3, perMinute: 3 },
    });
    try {
      const ask = (ip: string) =>
        fetch(`${limited.base}/api/public/track?code=x`, {
          headers: { 'x-forwarded-for': `203.0.113.9, ${ip}` },
        });
      for (let i = 0; i < 3; i++) expect((await ask('198.51.100.1')).status).toBe(404);
      const refused = await ask('198.51.100.1');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // The page shares the bucket.
      const page = await fetch(`${limited.base}/lacak/x`, { headers: { 'x-forwarded-for': '198.51.100.1' } });
      expect(page.status).toBe(429);
      expect(page.headers.get('retry-after')).toBeTruthy();
      // Another address, even behind the same spoofed first entry, has its own bucket.
      expect((await ask('198.51.100.2')).status).toBe(404);
    } finally {
      await limited.close();
    }
  });
});

/** An admin of a second agency, signed in (same demo password as the demo users). */
async function createOtherAgencyAdmin() {
  const db = app.testDb.database.db;
  const [other] = await db
    .insert(agencies)
    .values({ slug: 'dinsos-lain', name: 'Dinas Sosial Lain' })
    .returning();
  const [staf] = await db.select().from(users).where(eq(users.username, 'staf'));
  await db.insert(users).values({
    agencyId: other!.id,
    username: 'admin-lain',
    displayName: 'Admin lain',
    passwordHash: staf!.passwordHash,
    permissions: ['admin', 'leader'],
  });
  return signIn(base, 'admin-lain');
}
