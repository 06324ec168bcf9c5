import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarArb, instantArb } from './calendar-arbitraries.ts';
import { WIB_SKB } from './test-fixtures.ts';
import { workingMinutesFrom } from './working-minutes-from.ts';
import { workingMinutesBetween } from './working-time.ts';

describe('workingMinutesFrom', () => {
  it('gives each instant the same working minutes as measuring it alone, before and after', () => {
    const arb = calendarArb.chain((cal) =>
      fc
        .tuple(instantArb(cal), fc.array(instantArb(cal), { minLength: 1, maxLength: 12 }))
        .map(([from, instants]) => ({ cal, from, instants })),
    );
    fc.assert(
      fc.property(arb, ({ cal, from, instants }) => {
        const all = workingMinutesFrom(
          from,
          instants.map((d) => d.getTime()),
          cal,
        );
        for (const at of instants) {
          const alone = workingMinutesBetween(from, at, cal);
          // Exactly equal (the inbox rounds to whole minutes: a half must round the same way).
          expect(all.get(at.getTime())).toBe(alone);
        }
      }),
    );
  });

  it('counts a due date a year back as minus a year of working time, and the same date twice once', () => {
    const now = new Date('2026-11-23T03:00:00Z');
    const yearAgo = new Date('2025-11-24T03:00:00Z').getTime();
    const all = workingMinutesFrom(now, [yearAgo, yearAgo, now.getTime()], WIB_SKB);
    expect(all.size).toBe(2);
    expect(all.get(now.getTime())).toBe(0);
    expect(all.get(yearAgo)).toBe(workingMinutesBetween(now, new Date(yearAgo), WIB_SKB));
    expect(all.get(yearAgo)).toBeLessThan(-200 * 7 * 60);
  });
});
