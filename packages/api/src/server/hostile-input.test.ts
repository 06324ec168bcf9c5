import { renderSopDocx } from '@alur/documents';
import { billionLaughs, buildDocxBomb, buildManyEntryBomb, deepJson, deepXml } from '@alur/documents/testing';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, sops } from '../db/schema.ts';
import { buildDoc } from '../engine/core/testing/build-doc.ts';
import { createGuards } from '../guards/guards.ts';
import { DEFAULT_SERVER_LIMITS } from '../guards/server-limits.ts';
import { serveOnLoopback } from '../testing/http-client.ts';
import { postRaw } from '../testing/raw-http.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

/*
 * Hostile input against the real HTTP server, built here in memory: 60 MB bodies (declared and
 * chunked), ZIP bombs (one entry, many entries, lying headers), billion laughs, deep JSON and XML.
 * Every answer is 4xx (or the intended 503 of a full line), nothing is stored, /healthz answers.
 * Memory is measured by the benchmark (bench/hostile.ts), not here.
 */

const MB = 1024 * 1024;
const LONG = process.env.ALUR_LONG === '1';
const doc = buildDoc({
  lanes: { kasi: 'position:kasi' },
  nodes: { s: 'start@kasi', a: 'activity@kasi 1 jam', e: 'end@kasi' },
  flows: ['s > a > e'],
});

let app: TestApp;
let base: string;
let close: () => Promise<void>;
let designer: string;

async function loginCookie(username: string): Promise<string> {
  const res = await fetch(`${base}/api/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-alur-csrf': '1' },
    body: JSON.stringify({ username, password: 'alur-demo' }),
  });
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

async function stored() {
  const db = app.testDb.database.db;
  const [s] = await db.select({ n: count() }).from(sops);
  const [a] = await db.select({ n: count() }).from(auditEvents);
  return { sops: s!.n, audit: a!.n };
}

async function expectHealthy() {
  const res = await fetch(`${base}/healthz`);
  expect(res.status).toBe(200);
}

const importBody = (format: string, bytes: Uint8Array | string) =>
  JSON.stringify({
    format,
    content: typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('base64'),
  });

beforeAll(async () => {
  app = await createTestApp([{ slug: 'a', document: doc }]);
  app.deps.guards = createGuards(DEFAULT_SERVER_LIMITS);
  ({ base, close } = await serveOnLoopback(app.deps));
  designer = await loginCookie('perancang');
});
afterAll(async () => {
  await close();
  await app.close();
});

describe('request size limits', { timeout: 60_000 }, () => {
  it('refuses an anonymous 60 MB login body by its Content-Length with 413, in Indonesian and English', async () => {
    const res = await postRaw(`${base}/api/trpc/auth.login`, { size: 60 * MB });
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe('close');
    const body = JSON.parse(res.text);
    expect(body.error.message).toContain('terlalu besar');
    expect(body.error.message).toContain('1 MB');
    expect(body.error.data).toMatchObject({
      httpStatus: 413,
      messageEn: expect.stringContaining('limit is 1 MB'),
    });
    await expectHealthy();
  });

  it('cuts off a chunked 60 MB body at the limit instead of reading it all', async () => {
    const res = await postRaw(`${base}/api/trpc/auth.login`, { size: 60 * MB, chunked: true });
    expect(res.status).toBe(413);
    await expectHealthy();
  });

  it('gives an anonymous caller only the small limit, even on a document procedure', async () => {
    const res = await postRaw(`${base}/api/trpc/sop.import`, { size: 2 * MB, chunked: true });
    expect(res.status).toBe(413);
    const batched = await postRaw(`${base}/api/trpc/sop.validate,auth.me?batch=1`, { size: 2 * MB });
    expect(batched.status).toBe(413);
    // A batch gets one tRPC error per call, so the apps' client shows the message.
    expect(JSON.parse(batched.text)).toHaveLength(2);
  });

  it('lets a signed-in designer send a document over 1 MB, and refuses one over 25 MB', async () => {
    const big = {
      ...doc,
      identity: { ...doc.identity, dasarHukum: Array.from({ length: 3000 }, () => 'x'.repeat(500)) },
    };
    const ok = await postRaw(`${base}/api/trpc/sop.validate?input=`, {
      body: JSON.stringify({ document: big }),
      headers: { cookie: designer, 'x-http-method-override': 'GET' },
    });
    expect(ok.text.length).toBeGreaterThan(0);
    expect(ok.status).not.toBe(413);
    expect(ok.status).toBeLessThan(500);
    // sop.create takes the document an import returned: the same larger limit.
    const created = await postRaw(`${base}/api/trpc/sop.create`, {
      body: JSON.stringify({ name: 'Besar', document: big }),
      headers: { cookie: designer },
    });
    expect(created.status, created.text.slice(0, 300)).not.toBe(413);
    expect(created.status).toBeLessThan(500);
    const res = await postRaw(`${base}/api/trpc/sop.saveDraft`, {
      size: 26 * MB,
      headers: { cookie: designer },
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text).error.message).toContain('25 MB');
    const chunked = await postRaw(`${base}/api/trpc/sop.import`, {
      size: 26 * MB,
      chunked: true,
      headers: { cookie: designer },
    });
    expect(chunked.status).toBe(413);
    await expectHealthy();
  });

  it('refuses deeply nested JSON with 400 in a body and in a query URL', async () => {
    const res = await postRaw(`${base}/api/trpc/sop.validate`, {
      body: `{"document":${deepJson(200_000)}}`,
      headers: { cookie: designer, 'x-http-method-override': 'GET' },
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error.data.appCode).toBe('JSON_TOO_DEEP');
    const login = await postRaw(`${base}/api/trpc/auth.login`, { body: deepJson(100_000) });
    expect(login.status).toBe(400);
    const get = await fetch(`${base}/api/trpc/sop.validate?input=${encodeURIComponent(deepJson(2000))}`, {
      headers: { cookie: designer },
    });
    expect(get.status).toBe(400);
    await expectHealthy();
  });

  it('survives ten 60 MB anonymous bodies at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        postRaw(`${base}/api/trpc/auth.login`, { size: 60 * MB, chunked: i % 2 === 0 }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(413));
    await expectHealthy();
  });
});

describe('hostile files through sop.import', { timeout: 60_000 }, () => {
  const importAs = (body: string) =>
    postRaw(`${base}/api/trpc/sop.import`, { body, headers: { cookie: designer } });

  it('refuses ZIP bombs (one entry, many entries, lying headers) with 413 naming the limit; nothing stored', async () => {
    const before = await stored();
    const files = [
      ['docx', buildDocxBomb(LONG ? 600 : 60)],
      ['docx', buildDocxBomb(LONG ? 600 : 60, { lie: true })],
      ['xlsx', buildManyEntryBomb(LONG ? 1000 : 80, 1)],
      ['xlsx', buildManyEntryBomb(LONG ? 1000 : 80, 1, { lie: true })],
    ] as const;
    for (const [format, bytes] of files) {
      const res = await importAs(importBody(format, bytes));
      expect(res.status).toBe(413);
      const error = JSON.parse(res.text).error;
      expect(error.data.appCode).toBe('ARCHIVE_OVER_BUDGET');
      expect(error.message).toMatch(/batas/);
      expect(error.data.messageEn).toMatch(/limit/);
    }
    expect(await stored()).toEqual(before);
    await expectHealthy();
  });

  it('still imports a real Word file', async () => {
    const res = await importAs(importBody('docx', await renderSopDocx(doc)));
    expect(res.status).toBe(200);
  });

  it('refuses billion laughs and deeply nested BPMN with 400, entities never expanded', async () => {
    const laughs = await importAs(importBody('bpmn', billionLaughs()));
    expect(laughs.status).toBe(400);
    expect(JSON.parse(laughs.text).error.data.appCode).toBe('XML_NOT_ALLOWED');
    expect(laughs.text).not.toContain('lollol');
    const deep = await importAs(importBody('bpmn', deepXml(50_000, 'bpmn:definitions')));
    expect(deep.status).toBe(400);
    await expectHealthy();
  });
});

describe('heavy work is bounded', { timeout: 60_000 }, () => {
  it('answers 503 with Retry-After when the line is full, and runs again once it drains', async () => {
    const saved = app.deps.guards;
    const guards = createGuards({ ...DEFAULT_SERVER_LIMITS, heavyConcurrency: 1, heavyQueue: 0 });
    app.deps.guards = guards;
    let release!: () => void;
    const held = guards.heavyWork.run(() => new Promise<void>((r) => (release = r)));
    try {
      const res = await postRaw(`${base}/api/trpc/sop.import`, {
        body: importBody('docx', await renderSopDocx(doc)),
        headers: { cookie: designer },
      });
      expect(res.status).toBe(503);
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(JSON.parse(res.text).error.message).toContain('sibuk');
      const [row] = await app.testDb.database.db.select({ id: sops.id }).from(sops).limit(1);
      const pdf = await fetch(`${base}/api/export?sopId=${row!.id}&format=pdf`, {
        headers: { cookie: designer },
      });
      expect(pdf.status).toBe(503);
      expect(pdf.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      release();
      await held;
      app.deps.guards = saved;
    }
    const again = await postRaw(`${base}/api/trpc/sop.import`, {
      body: importBody('docx', await renderSopDocx(doc)),
      headers: { cookie: designer },
    });
    expect(again.status).toBe(200);
  });
});
