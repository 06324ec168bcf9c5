import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDoc } from '../engine/core/testing/build-doc.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

/*
 *  SOP a:  (s) → [a 1 jam]  → (e)      both in the kasi lane
 *  SOP b:  (s) → [b 1 hari] → (e)
 *
 *  Monday 08:00 WIB (01:00Z): kasi starts a#1 (due 09:00) and b#1 (due Tuesday 08:00).
 *  10:00 WIB: a#1 is overdue; kasi starts a#2 (due 11:00) and claims it.
 */
function sopDoc(name: string, waktu: string) {
  const doc = buildDoc({
    lanes: { kasi: 'position:kasi' },
    nodes: { s: 'start@kasi', [name]: `activity@kasi ${waktu}`, e: 'end@kasi' },
    flows: [`s > ${name} > e`],
  });
  return { ...doc, identity: { ...doc.identity, nama: `SOP ${name}` } };
}

let app: TestApp;
let kasi: Awaited<ReturnType<TestApp['as']>>;
let sopA: string;
const titles = (page: { tasks: { caseTitle: string }[] }) => page.tasks.map((t) => t.caseTitle);

beforeAll(async () => {
  app = await createTestApp([
    { slug: 'a', document: sopDoc('a', '1 jam') },
    { slug: 'b', document: sopDoc('b', '1 hari') },
  ]);
  kasi = await app.as('kasi');
  const sops = await kasi.sop.list();
  sopA = sops.find((s) => s.name === 'SOP a')!.id;
  const sopB = sops.find((s) => s.name === 'SOP b')!.id;
  await kasi.case.start({ sopId: sopA, title: 'a#1' });
  await kasi.case.start({ sopId: sopB, title: 'b#1' });
  app.clock.advance(2 * 3_600_000);
  await kasi.case.start({ sopId: sopA, title: 'a#2' });
  const a2 = (await kasi.task.inbox()).tasks.find((t) => t.caseTitle === 'a#2')!;
  await kasi.task.claim({ taskId: a2.id });
});
afterAll(async () => {
  await app.close();
});

describe('inbox filters', () => {
  it('lists every open task of the position, soonest due first, with the counts', async () => {
    const all = await kasi.task.inbox();
    expect(titles(all)).toEqual(['a#1', 'a#2', 'b#1']);
    expect(all.countsByPosition).toEqual({ kasi: 3 });
  });

  it('narrows by SOP, by overdue, by a due window and by claimed-by-me; counts stay whole', async () => {
    const cases = [
      [{ sopId: sopA }, ['a#1', 'a#2']],
      [{ overdue: true }, ['a#1']],
      [{ dueToday: { from: '2026-11-23T00:00:00+07:00', to: '2026-11-24T00:00:00+07:00' } }, ['a#1', 'a#2']],
      [{ dueToday: { from: '2026-11-24T00:00:00+07:00', to: '2026-11-25T00:00:00+07:00' } }, ['b#1']],
      [{ claimedByMe: true }, ['a#2']],
      [{ sopId: sopA, overdue: true }, ['a#1']],
      [{ positionKey: 'kasi', claimedByMe: true, limit: 1 }, ['a#2']],
    ] as const;
    for (const [filter, expected] of cases) {
      const page = await kasi.task.inbox(filter);
      expect(titles(page), JSON.stringify(filter)).toEqual(expected);
      expect(page.countsByPosition).toEqual({ kasi: 3 });
    }
  });

  it('shows nothing for a position the user does not hold', async () => {
    expect(await kasi.task.inbox({ positionKey: 'kabid' })).toEqual({
      tasks: [],
      countsByPosition: {},
      nextCursor: null,
    });
  });

  it('pages a filter: the second page starts where the first ended', async () => {
    const first = await kasi.task.inbox({ sopId: sopA, limit: 1 });
    expect(titles(first)).toEqual(['a#1']);
    expect(first.nextCursor).toBe(1);
    const second = await kasi.task.inbox({ sopId: sopA, limit: 1, cursor: first.nextCursor });
    expect(titles(second)).toEqual(['a#2']);
    expect(second.nextCursor).toBeNull();
  });
});
