import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSessionUser, type SessionUser } from '../auth/sessions.ts';
import { users } from '../db/schema.ts';
import { buildDoc } from '../engine/core/testing/build-doc.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { searchCases } from './case-search.ts';

/*
 * Two one-step SOPs: "kasi" works in the kasi lane, "staf" in the staf lane. kasi and staf start
 * cases of their own SOP in turn, a minute apart, all with "Sari" in the title; staf sees only
 * the cases of the staf SOP, the leader (kadis) all of them.
 *
 *  newest ─────────────────────────────────────────────── oldest
 *  staf#10 kasi#9 staf#8 kasi#7 … staf#2 kasi#1 (+ "Langka" on kasi#1 and staf#2)
 */
function laneDoc(lane: string) {
  const doc = buildDoc({
    lanes: { [lane]: `position:${lane}` },
    nodes: { s: `start@${lane}`, a: `activity@${lane} 1 jam`, e: `end@${lane}` },
    flows: ['s > a > e'],
  });
  return { ...doc, identity: { ...doc.identity, nama: `SOP ${lane}` } };
}

let app: TestApp;
let staf: SessionUser;
let kadis: SessionUser;
/** Every case, newest first, with who may see it. */
const started: { id: string; title: string; staf: boolean }[] = [];

async function sessionOf(username: string) {
  const db = app.deps.database.db;
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return loadSessionUser(db, row!.id);
}

beforeAll(async () => {
  app = await createTestApp([
    { slug: 'kasi', document: laneDoc('kasi') },
    { slug: 'staf', document: laneDoc('staf') },
  ]);
  const [kasiApi, stafApi] = [await app.as('kasi'), await app.as('staf')];
  const sops = await kasiApi.sop.list();
  const sopOf = (lane: string) => sops.find((s) => s.name === `SOP ${lane}`)!.id;
  for (let n = 1; n <= 10; n++) {
    const byStaf = n % 2 === 0;
    const title = `Permohonan Sari ${n}${n <= 2 ? ' Langka' : ''}`;
    const api = byStaf ? stafApi : kasiApi;
    const { caseId } = await api.case.start({ sopId: sopOf(byStaf ? 'staf' : 'kasi'), title });
    started.unshift({ id: caseId, title, staf: byStaf });
    app.clock.advance(60_000);
  }
  staf = await sessionOf('staf');
  kadis = await sessionOf('kadis');
});
afterAll(async () => {
  await app.close();
});

const idsOf = (rows: { id: string }[]) => rows.map((r) => r.id);
const expected = (visible: (c: (typeof started)[number]) => boolean, match: RegExp, limit: number) =>
  idsOf(started.filter((c) => visible(c) && match.test(c.title)).slice(0, limit));

describe('case search strategies', () => {
  // newestCases: 3 → the newest-cases walk reads staf#10, kasi#9, staf#8 only.
  const walks = [3, 100];
  it.each(walks)(
    'a frequent word as staff: only visible cases, newest first (walk of %i)',
    async (newestCases) => {
      for (const limit of [1, 2, 5]) {
        const found = await searchCases(app.deps.database.db, staf, { q: 'sari', limit }, { newestCases });
        expect(idsOf(found)).toEqual(expected((c) => c.staf, /Sari/, limit));
      }
    },
  );

  it.each(walks)(
    'a frequent word as a leader: every case, newest first (walk of %i)',
    async (newestCases) => {
      const found = await searchCases(app.deps.database.db, kadis, { q: 'Sari', limit: 4 }, { newestCases });
      expect(idsOf(found)).toEqual(expected(() => true, /Sari/, 4));
      const startedAt = found.map((c) => c.startedAt);
      expect(startedAt).toEqual([...startedAt].sort().reverse());
    },
  );

  it.each(walks)(
    'a word only old cases have is found beyond the newest ones (walk of %i)',
    async (newestCases) => {
      const db = app.deps.database.db;
      expect(idsOf(await searchCases(db, kadis, { q: 'langka' }, { newestCases }))).toEqual(
        expected(() => true, /Langka/, 20),
      );
      // Of the two, staf may see only its own (#2).
      expect(idsOf(await searchCases(db, staf, { q: 'sari langka' }, { newestCases }))).toEqual(
        expected((c) => c.staf, /Langka/, 20),
      );
    },
  );

  it('still requires every word, also the segments before a slash the word index skips', async () => {
    const db = app.deps.database.db;
    // No word of any case begins with "zzz".
    expect(await searchCases(db, kadis, { q: 'zzz/langka' }, { newestCases: 3 })).toEqual([]);
    // Case numbers ("2026/000001") begin with "2026": every case has such a word.
    expect(idsOf(await searchCases(db, kadis, { q: '2026/langka' }, { newestCases: 3 }))).toEqual(
      expected(() => true, /Langka/, 20),
    );
    // "1 " is a word of a title only in kasi#1 ("Sari 1 Langka"); single letters narrow nothing.
    expect(idsOf(await searchCases(db, kadis, { q: 'l 1' }, { newestCases: 3 }))).toEqual(
      expected(() => true, /Sari 1 L/, 20),
    );
  });
});
