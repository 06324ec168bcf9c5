import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveOnLoopback } from '../testing/http-client.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { appRouter } from '../trpc/root.ts';
import { buildChainDoc, callTrpc, createSessionCookie, type TrpcAnswer } from './fixtures.ts';
import { buildGraphDoc, buildPayloadArbitrary } from './fuzz-payloads.ts';

/*
 * Every procedure of the API, over real HTTP, with hostile input: wrong types, huge strings,
 * unicode, real ids in wrong places, documents whose flow has cycles, a 10,000-node graph. The
 * server must answer every one with a 2xx or a specific 4xx (a field-level issue list or an
 * application error code), never a 5xx, and must still be healthy afterwards.
 */

let app: TestApp;
let base: string;
let close: () => Promise<void>;
let ids: string[] = [];

type ProcedureDef = { _def: { type: 'query' | 'mutation' | 'subscription' } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>)
  // Subscriptions stream over SSE, not request/response; logout would end the fuzzing session.
  .filter(([path, p]) => p._def.type !== 'subscription' && path !== 'auth.logout')
  .map(([path, p]) => ({ path, kind: p._def.type as 'query' | 'mutation' }));

function expectSpecificAnswer(path: string, answer: TrpcAnswer) {
  expect(
    answer.status,
    `${path} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`,
  ).toBeLessThan(500);
  if (answer.status >= 400) {
    const data = answer.body?.error?.data;
    expect(data?.code, `${path}: error without a code`).toEqual(expect.any(String));
    if (answer.status === 400) {
      // A rejected input names what is wrong: field issues or an application code.
      expect(
        Boolean(data.issues?.length) || Boolean(data.appCode) || Boolean(answer.body.error.message),
        path,
      ).toBe(true);
    }
  }
}

beforeAll(async () => {
  app = await createTestApp([{ slug: 'chain', document: buildChainDoc(3) }]);
  ({ base, close } = await serveOnLoopback(app.deps));
  const kasi = await app.as('kasi');
  const [sop] = await kasi.sop.list();
  const { caseId } = await kasi.case.start({ sopId: sop!.id, title: 'Kasus fuzz' });
  const [task] = (await kasi.task.inbox()).tasks;
  const [version] = await kasi.sop.versions({ sopId: sop!.id });
  ids = [sop!.id, caseId, task!.id, version!.id, (await kasi.auth.whoami()).id];
});
afterAll(async () => {
  await close();
  await app.close();
});

describe('fuzzing every procedure over HTTP', () => {
  it(`covers all ${procedures.length} request/response procedures`, () => {
    expect(procedures.length).toBeGreaterThan(30);
  });

  it('answers random payloads with 2xx or a specific 4xx, never 5xx', async () => {
    const adminId = await app.testDb.database.db.query.users.findFirst({
      where: (u, { eq }) => eq(u.username, 'admin'),
    });
    for (const { path, kind } of procedures) {
      const cookie = await createSessionCookie(app.testDb.database, adminId!.id);
      await fc.assert(
        fc.asyncProperty(buildPayloadArbitrary(ids), async (payload) => {
          expectSpecificAnswer(path, await callTrpc(base, cookie, path, payload, kind));
        }),
        { numRuns: 8, seed: 20_261_123 },
      );
    }
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
  });

  it('answers raw garbage bodies (not JSON, wrong content type, empty) with 4xx', async () => {
    const cookie = await createSessionCookie(app.testDb.database, ids[4]!);
    for (const body of ['{not json', '', '\u0000\u0001', '[1,2,3', 'x'.repeat(100_000)]) {
      const res = await fetch(`${base}/api/trpc/task.complete`, {
        method: 'POST',
        headers: { cookie, 'x-alur-csrf': '1', 'content-type': 'application/json' },
        body,
      });
      expect(res.status, JSON.stringify(body.slice(0, 20))).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
  });

  it('validates documents with cycles and a 10,000-node graph without a 5xx', async () => {
    const cookie = await createSessionCookie(app.testDb.database, ids[4]!);
    const small = await callTrpc(
      base,
      cookie,
      'sop.validate',
      { document: buildGraphDoc(12, true) },
      'query',
    );
    expectSpecificAnswer('sop.validate', small);
    expect(small.status).toBe(200);
    expect(small.body.result.data.issues.length, 'the cycle without a decision is reported').toBeGreaterThan(
      0,
    );
    // 10,000 nodes do not fit in a GET query string: saving a draft carries them in a POST body.
    for (const document of [buildGraphDoc(10_000, false), buildGraphDoc(10_000, true)]) {
      const started = performance.now();
      const answer = await callTrpc(base, cookie, 'sop.create', { name: 'Besar', document });
      expectSpecificAnswer('sop.create', answer);
      expect(performance.now() - started).toBeLessThan(15_000);
    }
  });
});
