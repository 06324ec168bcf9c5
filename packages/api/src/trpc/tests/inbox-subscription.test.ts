import { getEventListeners } from 'node:events';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSessionUser } from '../../auth/sessions.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

/** Through a caller an item arrives as the envelope `tracked()` made, [id, data, marker]. */
const dataOf = (item: unknown) => (item as [string, unknown])[1];

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('task.onInboxChange', () => {
  it('keeps one abort listener over 100 events and removes it when the client goes', async () => {
    const abort = new AbortController();
    const kasi = await app.as('kasi', { signal: abort.signal });
    const [row] = await app.testDb.database.query<{ id: string }>(
      sql`select id from users where username = 'kasi'`,
    );
    const user = (await loadSessionUser(app.testDb.database.db, row!.id))!;
    const stream = (await kasi.task.onInboxChange())[Symbol.asyncIterator]();
    expect(dataOf((await stream.next()).value)).toEqual({ type: 'ready' });

    for (let i = 0; i < 100; i++) {
      // The next event is announced only once the subscription is waiting for it, so every
      // event goes through one wait (the case that used to add a listener each time).
      const next = stream.next();
      app.deps.bus.announce({
        type: 'task.changed',
        agencyId: user.agencyId,
        positionKeys: user.positions,
        caseId: `case-${i}`,
      });
      expect(dataOf((await next).value)).toEqual({ type: 'task.changed', caseId: `case-${i}` });
    }
    expect(getEventListeners(abort.signal, 'abort')).toHaveLength(1);

    const last = stream.next();
    abort.abort();
    expect((await last).done).toBe(true);
    expect(getEventListeners(abort.signal, 'abort')).toHaveLength(0);
  });
});
