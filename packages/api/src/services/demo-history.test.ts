import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeed } from '../seeds/load-seeds.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { generateDemoHistory, seededRandom, shiftDemoHistory } from './demo-history.ts';

let app: TestApp;
let made: Awaited<ReturnType<typeof generateDemoHistory>>;
const q = <T>(statement: ReturnType<typeof sql>) => app.deps.database.query<T>(statement);

beforeAll(async () => {
  app = await createTestApp(['tegal-dtks', 'tegal-pkh', 'tegal-lakip'].map((slug) => loadSeed(slug)));
  made = await generateDemoHistory(app.deps, { now: app.clock.now(), days: 45, seed: 7 });
}, 240_000);
afterAll(async () => {
  await app.close();
});

describe('the lived-in demo history', () => {
  it('is reproducible in shape from its seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
    expect(Array.from({ length: 5 }, seededRandom(8))).not.toEqual(
      Array.from({ length: 5 }, seededRandom(7)),
    );
  });

  it('holds finished cases with working times, some late, and open work in the present', async () => {
    expect(made.cases).toBeGreaterThan(20);
    expect(made.completed).toBeGreaterThan(made.cases / 3);
    expect(made.late).toBeGreaterThan(0);
    const [times] = await q<{ done: number; measured: number; late: number }>(sql`
      select count(*)::int as done, count(working_minutes)::int as measured,
        count(*) filter (where completed_at > due_at)::int as late
      from tasks where status = 'completed'`);
    expect(times!.measured).toBe(times!.done);
    expect(times!.late).toBeGreaterThan(0);
    // Everything happened before the present.
    const [future] = await q<{ n: number }>(
      sql`select count(*)::int as n from audit_events where at > ${app.clock.now().toISOString()}::timestamptz`,
    );
    expect(future!.n).toBe(0);
    const open = await q<{ position_key: string }>(
      sql`select distinct position_key from tasks where status in ('open', 'claimed') order by 1`,
    );
    // Every position a demo user holds that these SOPs use has open work.
    expect(open.map((o) => o.position_key)).toEqual(expect.arrayContaining(['kasi', 'staf', 'kadis']));
  });

  it('fills the forms: DTKS cases carry a valid applicant and their scans, masked in case.get', async () => {
    const [dtks] = await q<{ id: string }>(sql`select c.id from cases c join sops s on s.id = c.sop_id
      where s.name ilike '%DTKS%' and c.status = 'completed' limit 1`);
    const view = await (await app.as('kadis')).case.get({ caseId: dtks!.id });
    expect(String(view.data.nik)).toMatch(/^33\d{2}\*{8}\d{4}$/);
    expect(view.data.nama_pemohon).toBeTruthy();
    expect(view.files.map((f) => f.field)).toEqual(expect.arrayContaining(['scan_ktp', 'scan_kk']));
  });

  it('sends some cases back with a "tidak" and a reason', async () => {
    const [back] = await q<{ n: number }>(
      sql`select count(*)::int as n from tasks where outcome = 'tidak' and note is not null`,
    );
    expect(back!.n).toBeGreaterThan(0);
  });

  it('moves to the present by whole weeks, audit log included, holidays left where they are', async () => {
    const codesBefore = await q<{ id: string; tracking_code: string }>(
      sql`select id, tracking_code from cases`,
    );
    const before = await q<{ started: string; at: string; holiday: string }>(sql`select
      (select min(started_at)::text from cases) as started,
      (select min(at)::text from audit_events) as at,
      (select min(date)::text from holidays) as holiday`);
    await shiftDemoHistory(app.deps.database, 2);
    const after = await q<{ started: string; at: string; holiday: string }>(sql`select
      (select min(started_at)::text from cases) as started,
      (select min(at)::text from audit_events) as at,
      (select min(date)::text from holidays) as holiday`);
    const days = (a: string, b: string) => (new Date(b).getTime() - new Date(a).getTime()) / 86_400_000;
    expect(days(before[0]!.started, after[0]!.started)).toBe(14);
    expect(days(before[0]!.at, after[0]!.at)).toBe(14);
    expect(after[0]!.holiday).toBe(before[0]!.holiday);
    // Every install of the prepared demo gets its own tracking codes.
    const codesAfter = new Map(
      (await q<{ id: string; tracking_code: string }>(sql`select id, tracking_code from cases`)).map((r) => [
        r.id,
        r.tracking_code,
      ]),
    );
    expect(codesBefore.length).toBeGreaterThan(0);
    for (const { id, tracking_code } of codesBefore) {
      expect(codesAfter.get(id)).toMatch(/^[0-9A-Z]{28}$/);
      expect(codesAfter.get(id)).not.toBe(tracking_code);
    }
    // The guard is back: the audit log refuses changes again.
    const refused = await q(sql`update audit_events set action = action`).catch((e: Error) => e);
    expect(String((refused as Error & { cause?: Error }).cause?.message)).toMatch(/append-only/);
  });
});
