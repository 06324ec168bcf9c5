import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp([]);
});
afterAll(async () => {
  await app.close();
});

describe('audit log', () => {
  it('accepts new events but refuses to change or delete one', async () => {
    const db = app.testDb.database;
    const [agency] = await db.query<{ id: string }>(sql`select id from agencies limit 1`);
    await db.query(
      sql`insert into audit_events (agency_id, action, at) values (${agency!.id}, 'test.event', now())`,
    );
    // drizzle wraps the database's error; the refusal is its cause.
    const refusal = { cause: { message: expect.stringMatching(/append-only/) } };
    await expect(db.query(sql`update audit_events set action = 'changed'`)).rejects.toMatchObject(refusal);
    await expect(db.query(sql`delete from audit_events`)).rejects.toMatchObject(refusal);
    const [row] = await db.query<{ n: number }>(
      sql`select count(*)::int as n from audit_events where action = 'test.event'`,
    );
    expect(row!.n).toBe(1);
  });
});
