import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDoc } from '../engine/core/testing/build-doc.ts';
import { createHttpClient, serveOnLoopback } from '../testing/http-client.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

/*
 *  kasi lane:  (s) → [a] → [b] → (e)
 */
const doc = buildDoc({
  lanes: { kasi: 'position:kasi' },
  nodes: { s: 'start@kasi', a: 'activity@kasi 1 jam', b: 'activity@kasi 1 jam', e: 'end@kasi' },
  flows: ['s > a > b > e'],
});

let app: TestApp;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  app = await createTestApp([{ slug: 'a', document: doc }]);
  ({ base, close } = await serveOnLoopback(app.deps));
});
afterAll(async () => {
  await close();
  await app.close();
});

const createClient = (opts: { csrf?: boolean } = {}) => createHttpClient(base, opts);

describe('HTTP server', () => {
  it('answers /healthz', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it('logs in with an httpOnly SameSite session cookie and logs out', async () => {
    const raw = await fetch(`${base}/api/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-alur-csrf': '1' },
      body: JSON.stringify({ username: 'kasi', password: 'alur-demo' }),
    });
    expect(raw.status).toBe(200);
    const setCookie = raw.headers.getSetCookie()[0]!;
    expect(setCookie).toMatch(/^alur_session=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);

    const { client } = createClient();
    await client.auth.login.mutate({ username: 'kasi', password: 'alur-demo' });
    expect((await client.auth.me.query())?.username).toBe('kasi');
    await client.auth.logout.mutate();
    expect(await client.auth.me.query()).toBeNull();
  });

  it('refuses a mutation without the CSRF header, or from another origin', async () => {
    const { client } = createClient({ csrf: false });
    await expect(client.auth.login.mutate({ username: 'kasi', password: 'alur-demo' })).rejects.toMatchObject(
      {
        data: { code: 'FORBIDDEN' },
      },
    );
    const res = await fetch(`${base}/api/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-alur-csrf': '1', origin: 'https://evil.example' },
      body: JSON.stringify({ username: 'kasi', password: 'alur-demo' }),
    });
    expect(res.status).toBe(403);
  });

  it('answers bad input with 400 naming the field, never 500', async () => {
    const { client } = createClient();
    await client.auth.login.mutate({ username: 'kasi', password: 'alur-demo' });
    const err = await client.case.start.mutate({ sopId: 'bukan-uuid', title: '' }).catch((e) => e);
    expect(err.data.httpStatus).toBe(400);
    expect(err.data.issues.map((i: { path: string }) => i.path).sort()).toEqual(['sopId', 'title']);
    const junk = await fetch(`${base}/api/trpc/case.start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-alur-csrf': '1' },
      body: '{not json',
    });
    expect(junk.status).toBeLessThan(500);
  });

  it('limits batch size', async () => {
    const calls = Array.from({ length: 25 }, () => 'auth.me').join(',');
    const input = encodeURIComponent(
      JSON.stringify(Object.fromEntries(Array.from({ length: 25 }, (_, i) => [i, null]))),
    );
    const res = await fetch(`${base}/api/trpc/${calls}?batch=1&input=${input}`);
    expect(res.status).toBe(400);
  });

  it('rate-limits repeated failed logins', async () => {
    const { client } = createClient();
    for (let i = 0; i < 5; i++) {
      await expect(client.auth.login.mutate({ username: 'staf', password: 'salah' })).rejects.toMatchObject({
        data: { code: 'UNAUTHORIZED' },
      });
    }
    await expect(client.auth.login.mutate({ username: 'staf', password: 'alur-demo' })).rejects.toMatchObject(
      {
        data: { code: 'TOO_MANY_REQUESTS' },
      },
    );
  });

  it('pushes inbox changes over SSE to the holders of the position', async () => {
    const kasi = createClient();
    await kasi.client.auth.login.mutate({ username: 'kasi', password: 'alur-demo' });
    const events: string[] = [];
    const abort = new AbortController();
    afterAll(() => abort.abort());
    // Node 20 has no EventSource: read the SSE stream with fetch.
    const res = await kasi.fetch(`${base}/api/trpc/task.onInboxChange`, { signal: abort.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const ready = (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      let sawReady = false;
      const reader = res.body!.getReader();
      (async () => {
        for (;;) {
          const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let at = buffer.indexOf('\n');
          while (at >= 0) {
            const line = buffer.slice(0, at);
            buffer = buffer.slice(at + 1);
            if (line.startsWith('data: ')) {
              const data = JSON.parse(line.slice(6)) as { type?: string };
              if (data.type) events.push(data.type);
            }
            at = buffer.indexOf('\n');
          }
        }
      })();
      await expect.poll(() => (sawReady = events.includes('ready')), { timeout: 5000 }).toBe(true);
      return sawReady;
    })();
    await ready;
    const [sop] = await kasi.client.sop.list.query();
    await kasi.client.case.start.mutate({ sopId: sop!.id, title: 'Live' });
    await expect.poll(() => events, { timeout: 5000 }).toContain('task.changed');
  });
});

describe('large query input', () => {
  it('validates a 1,000-step document sent as a POSTed query', async () => {
    const { client, fetch: signedFetch } = createHttpClient(base);
    await client.auth.login.mutate({ username: 'perancang', password: 'alur-demo' });
    const steps = Array.from({ length: 1000 }, (_, i) => `a${i}`);
    const chain = ['s', ...steps, 'e'];
    const document = {
      schemaVersion: 1,
      identity: { nama: 'Besar' },
      lanes: [{ id: 'k', name: 'Kasi', kind: 'position', positionKey: 'kasi' }],
      nodes: [
        { id: 's', type: 'start', laneId: 'k' },
        ...steps.map((id) => ({ id, type: 'activity', laneId: 'k', kegiatan: `Kegiatan ${id}` })),
        { id: 'e', type: 'end', laneId: 'k' },
      ],
      edges: chain.slice(1).map((id, i) => ({ id: `x${i}`, source: chain[i]!, target: id })),
      rowOrder: steps,
    };
    const body = JSON.stringify({ document });
    // Far beyond what fits in a URL (Node refuses request heads over 16 kB).
    expect(body.length).toBeGreaterThan(60_000);
    const res = await signedFetch(`${base}/api/trpc/sop.validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { result: { data: { schemaIssues: unknown[]; issues: unknown[] } } };
    expect(answer.result.data).toEqual({ schemaIssues: [], issues: [] });
  });
});
