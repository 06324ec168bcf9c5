import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlurEvent } from '../engine/core/types.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-db.ts';
import { createEventBus, EVENT_CHANNEL, type EventBus, toPayloads, toStatements } from './event-bus.ts';

const event = (i: number, positions = 1): AlurEvent => ({
  type: 'task.changed',
  agencyId: '00000000-0000-4000-8000-000000000001',
  positionKeys: Array.from({ length: positions }, (_, p) => `jabatan-${p}`),
  caseId: `case-${i}`,
});

describe('event payloads', () => {
  it('keeps every event, in order, in payloads PostgreSQL accepts', () => {
    const events = Array.from({ length: 400 }, (_, i) => event(i, 1 + (i % 7)));
    const payloads = toPayloads(events);
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8000);
    expect(payloads.flatMap((p) => JSON.parse(p))).toEqual(events);
  });
});

describe('NOTIFY statements', () => {
  it("sends a batch's payloads in order, a few per statement, never the same payload twice in one", () => {
    const payloads = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    const groups = toStatements(payloads);
    expect(groups.flat()).toEqual(payloads);
    expect(groups.length).toBeGreaterThan(1);
    // PostgreSQL would deliver a payload repeated within one transaction only once.
    const repeated = toStatements(['x', 'y', 'x', 'x']);
    expect(repeated.flat()).toEqual(['x', 'y', 'x', 'x']);
    for (const group of repeated) expect(new Set(group).size).toBe(group.length);
  });
});

describe('event bus', () => {
  let testDb: TestDatabase;
  let bus: EventBus;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    bus = await createEventBus(testDb.database);
  });
  afterAll(async () => {
    await bus.close();
    await testDb.drop();
  });

  it('delivers announced events in order, several in one NOTIFY', async () => {
    const payloads: string[] = [];
    const stop = await testDb.database.listen(EVENT_CHANNEL, (p) => payloads.push(p));
    const seen: AlurEvent[] = [];
    const unsubscribe = bus.subscribe((e) => seen.push(e));
    const sent = Array.from({ length: 5 }, (_, i) => event(i));
    for (const e of sent) bus.announce(e);
    await expect.poll(() => seen.length, { timeout: 5_000 }).toBe(5);
    expect(seen).toEqual(sent);
    expect(payloads).toHaveLength(1);
    unsubscribe();
    await stop();
  });

  it('delivers a lone event promptly enough for a live inbox (within the batch window and a round trip)', async () => {
    let heardAt = 0;
    const unsubscribe = bus.subscribe(() => {
      heardAt ||= performance.now();
    });
    const sentAt = performance.now();
    bus.announce(event(50));
    await expect.poll(() => heardAt, { timeout: 5_000 }).toBeGreaterThan(0);
    // The batch window is 30 ms; the rest of the budget is slack for a busy test machine.
    expect(heardAt - sentAt).toBeLessThan(250);
    unsubscribe();
  });

  it('delivers batch after batch (the NOTIFY statement is reused on every pool connection)', async () => {
    const seen: AlurEvent[] = [];
    const unsubscribe = bus.subscribe((e) => seen.push(e));
    const sent: AlurEvent[] = [];
    for (let batch = 0; batch < 15; batch++) {
      const e = event(100 + batch);
      sent.push(e);
      bus.announce(e);
      await expect.poll(() => seen.length, { timeout: 5_000 }).toBe(sent.length);
    }
    expect(seen).toEqual(sent);
    unsubscribe();
  });

  it('delivers a burst too large for one payload: every event, in order, even repeated ones', async () => {
    const seen: AlurEvent[] = [];
    const unsubscribe = bus.subscribe((e) => seen.push(e));
    // 600 distinct events (about a dozen payloads), then 150 identical ones (identical payloads).
    const sent = [
      ...Array.from({ length: 600 }, (_, i) => event(1000 + i, 1 + (i % 3))),
      ...Array(150).fill(event(7)),
    ];
    for (const e of sent) bus.announce(e);
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(sent.length);
    expect(seen).toEqual(sent);
    unsubscribe();
  });

  it('sends what is still waiting when a bus closes', async () => {
    const seen: AlurEvent[] = [];
    const unsubscribe = bus.subscribe((e) => seen.push(e));
    const sender = await createEventBus(testDb.database);
    sender.announce(event(200));
    sender.announce(event(201));
    await sender.close();
    await expect.poll(() => seen, { timeout: 5_000 }).toEqual([event(200), event(201)]);
    unsubscribe();
  });

  it('still delivers an event published inside a committed transaction', async () => {
    const seen: AlurEvent[] = [];
    const unsubscribe = bus.subscribe((e) => seen.push(e));
    await testDb.database.db.transaction((tx) => bus.publish(tx, event(9)));
    await expect.poll(() => seen, { timeout: 5_000 }).toEqual([event(9)]);
    unsubscribe();
  });
});
