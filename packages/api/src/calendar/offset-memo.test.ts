import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localDayOf } from './local-days.ts';
import { createWorkingCalendar } from './working-calendar.ts';

// The quarter-hour memo of zone offsets must agree with luxon's own zone maths everywhere,
// including around daylight-saving changes and for old instants with odd offsets.
describe('memoised zone offsets', () => {
  for (const timeZone of ['Asia/Jakarta', 'Asia/Jayapura', 'Europe/Berlin', 'America/St_Johns']) {
    it(`give the same local day as luxon in ${timeZone}`, () => {
      const r = createWorkingCalendar({ timeZone });
      if (!r.ok) throw new Error('calendar');
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2040, 0, 1) }), (ms) => {
          const local = DateTime.fromMillis(ms, { zone: timeZone });
          const day = Math.floor(Date.UTC(local.year, local.month - 1, local.day) / 86_400_000);
          expect(localDayOf(ms, r.calendar)).toBe(day);
        }),
        // 1997-10-26 02:31 UTC: Newfoundland left daylight time at 00:01 local, inside a quarter hour.
        { numRuns: 3000, examples: [[877833060000], [877833059999], [877833000000]] },
      );
    });
  }
});
