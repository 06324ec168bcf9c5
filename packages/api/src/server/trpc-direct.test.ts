import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDoc } from '../engine/core/testing/build-doc.ts';
import { serveOnLoopback, signIn } from '../testing/http-client.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

/*
 * The plain-call path (trpc-direct.ts) against tRPC's node adapter: the same requests to a server
 * with it and one without, on the same database; status, the headers tRPC sets and the JSON must
 * be the same. `content-length` tells which path answered (the adapter sends chunked bodies).
 */
const doc = buildDoc({
  lanes: { kasi: 'position:kasi' },
  nodes: { s: 'start@kasi', a: 'activity@kasi 1 jam', b: 'activity@kasi 1 jam', e: 'end@kasi' },
  flows: ['s > a > b > e'],
});

let app: TestApp;
const direct = { base: '', close: async () => {} };
const adapter = { base: '', close: async () => {} };
let cookie = '';

beforeAll(async () => {
  app = await createTestApp([{ slug: 'a', document: doc }]);
  Object.assign(direct, await serveOnLoopback(app.deps));
  Object.assign(adapter, await serveOnLoopback(app.deps, { directTrpc: false }));
  const kasi = await signIn(direct.base, 'kasi');
  const [sop] = await kasi.client.sop.list.query();
  for (let i = 0; i < 3; i++) await kasi.client.case.start.mutate({ sopId: sop!.id, title: `Kasus ${i}` });
  // A session of kasi's own, for the raw requests.
  const login = await fetch(`${direct.base}/api/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-alur-csrf': '1' },
    body: JSON.stringify({ username: 'kasi', password: 'alur-demo' }),
  });
  cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
});
afterAll(async () => {
  await direct.close();
  await adapter.close();
  await app.close();
});

interface Case {
  name: string;
  path: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  signedIn?: boolean;
  /** Whether the plain-call path answers it (false: left to tRPC's adapter). */
  plain: boolean;
}

const q = (input: unknown) => `input=${encodeURIComponent(JSON.stringify(input))}`;
const json = { 'content-type': 'application/json', 'x-alur-csrf': '1' };

const CASES: Case[] = [
  { name: 'a query, anonymous', path: 'auth.me', plain: true },
  { name: 'a query, signed in', path: 'auth.me', signedIn: true, plain: true },
  { name: 'the inbox', path: `task.inbox?${q({})}`, signedIn: true, plain: true },
  { name: 'the inbox, no input', path: 'task.inbox', signedIn: true, plain: true },
  { name: 'the inbox, a page of 2', path: `task.inbox?${q({ limit: 2 })}`, signedIn: true, plain: true },
  { name: 'the inbox, anonymous (401)', path: `task.inbox?${q({})}`, plain: true },
  { name: 'invalid input (400, issues)', path: `task.inbox?${q({ limit: 0 })}`, signedIn: true, plain: true },
  { name: 'input not JSON (400)', path: 'task.inbox?input=%7Bnot', signedIn: true, plain: true },
  {
    name: 'a batch of two queries',
    path: `auth.me,task.inbox?batch=1&${q({ 1: { limit: 1 } })}`,
    signedIn: true,
    plain: true,
  },
  {
    name: 'a batch, one call failing (207)',
    path: `auth.me,task.inbox?batch=1&${q({ 1: { limit: -1 } })}`,
    signedIn: true,
    plain: true,
  },
  { name: 'a batch whose input is no object', path: `auth.me?batch=1&${q([1])}`, plain: true },
  { name: 'a batch of one, no input', path: 'auth.me?batch=1', plain: true },
  {
    name: 'a query sent as POST',
    path: 'task.inbox',
    method: 'POST',
    body: '{"limit":1}',
    headers: json,
    signedIn: true,
    plain: true,
  },
  {
    name: 'a mutation without the CSRF header (403)',
    path: 'auth.logout',
    method: 'POST',
    body: '{}',
    headers: { 'content-type': 'application/json' },
    plain: true,
  },
  {
    name: 'a failed login (401)',
    path: 'auth.login',
    method: 'POST',
    body: JSON.stringify({ username: 'tidak-ada', password: 'salah' }),
    headers: json,
    plain: true,
  },
  {
    name: 'a body that is not JSON (400)',
    path: 'auth.login',
    method: 'POST',
    body: '{not json',
    headers: json,
    plain: true,
  },
  {
    name: 'a batched mutation, input not JSON',
    path: 'auth.login?batch=1',
    method: 'POST',
    body: '',
    headers: json,
    plain: true,
  },
  // Left to tRPC's adapter:
  { name: 'an unknown procedure', path: 'task.nothing', signedIn: true, plain: false },
  { name: 'a mutation as GET', path: 'auth.logout', signedIn: true, plain: false },
  { name: 'mixed types in a batch', path: 'auth.me,auth.logout?batch=1', plain: false },
  {
    name: 'a body that is not JSON by its type',
    path: 'auth.login',
    method: 'POST',
    body: '{}',
    headers: { 'content-type': 'text/plain', 'x-alur-csrf': '1' },
    plain: false,
  },
  {
    name: 'a stream request',
    path: 'auth.me?batch=1',
    headers: { 'trpc-accept': 'application/jsonl' },
    plain: false,
  },
];

async function send(base: string, c: Case) {
  const res = await fetch(`${base}/api/trpc/${c.path}`, {
    method: c.method ?? 'GET',
    headers: { ...c.headers, ...(c.signedIn ? { cookie } : {}) },
    body: c.body,
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // a stream's lines, compared as text
  }
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    vary: res.headers.get('vary'),
    retryAfter: res.headers.get('retry-after'),
    security: res.headers.get('x-content-type-options'),
    length: res.headers.get('content-length'),
    // biome-ignore lint/suspicious/noExplicitAny: raw JSON from the wire
    body: body as any,
  };
}

describe('plain tRPC calls answered without the adapter', () => {
  it.each(CASES)('$name: the same answer as tRPC', async (c) => {
    const mine = await send(direct.base, c);
    const theirs = await send(adapter.base, c);
    const { length: mineLength, ...mineRest } = mine;
    const { length: theirLength, ...theirRest } = theirs;
    expect(mineRest).toEqual(theirRest);
    expect(theirLength).toBeNull();
    if (c.plain) expect(Number(mineLength)).toBeGreaterThan(0);
    else expect(mineLength).toBeNull();
  });

  it('lists the inbox the signed-in user sees', async () => {
    const mine = await send(direct.base, CASES[2]!);
    expect(mine.status).toBe(200);
    expect(mine.body.result.data.tasks).toHaveLength(3);
  });

  it('sets the session cookie on login and clears it on logout', async () => {
    const login = await fetch(`${direct.base}/api/trpc/auth.login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ username: 'kasi', password: 'alur-demo' }),
    });
    expect(login.status).toBe(200);
    const set = login.headers.getSetCookie();
    expect(set).toHaveLength(1);
    expect(set[0]).toMatch(/^alur_session=[^;]+; .*HttpOnly/);
    const session = set[0]!.split(';')[0]!;
    const logout = await fetch(`${direct.base}/api/trpc/auth.logout`, {
      method: 'POST',
      headers: { ...json, cookie: session },
      body: '{}',
    });
    expect(logout.headers.getSetCookie()[0]).toMatch(/^alur_session=;/);
    const me = await fetch(`${direct.base}/api/trpc/auth.me`, { headers: { cookie: session } });
    expect(await me.json()).toEqual({ result: { data: null } });
  });
});
