import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toIsoInstant } from './schema.ts';

describe('toIsoInstant', () => {
  it('normalises PostgreSQL timestamptz text to ISO 8601 UTC', () => {
    expect(toIsoInstant('2026-11-23 14:45:14.516+00')).toBe('2026-11-23T14:45:14.516Z');
    expect(toIsoInstant('2026-11-23 14:45:14+00')).toBe('2026-11-23T14:45:14.000Z');
    expect(toIsoInstant('2026-11-23 14:45:14.5163+00')).toBe('2026-11-23T14:45:14.516Z');
    expect(toIsoInstant('2026-11-23 21:45:14.1+07')).toBe('2026-11-23T14:45:14.100Z');
  });

  it('agrees with Date on any instant written in any offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.integer({ min: -11, max: 14 }),
        fc.integer({ min: 0, max: 999_999 }),
        (ms, offsetHours, micros) => {
          const instant = Math.floor(ms / 1000) * 1000 + Math.floor(micros / 1000);
          const local = new Date(instant + offsetHours * 3_600_000).toISOString();
          const sign = offsetHours < 0 ? '-' : '+';
          const text = `${local.slice(0, 10)} ${local.slice(11, 19)}.${String(micros).padStart(6, '0')}${sign}${String(Math.abs(offsetHours)).padStart(2, '0')}`;
          expect(toIsoInstant(text)).toBe(new Date(instant).toISOString());
        },
      ),
    );
  });
});
