import { waktuToNominalMinutes } from '@alur/schema';
import type { EngineContext } from '../types.ts';

export const NOW = new Date('2026-03-02T01:00:00.000Z');

/** A deterministic context: ids from a counter, a fixed clock, due = now + nominal minutes. */
export function createTestContext(now: Date = NOW): EngineContext {
  let next = 0;
  return {
    now,
    newId: () => `id${++next}`,
    computeDueAt: (waktu, from) =>
      waktu ? new Date(from.getTime() + waktuToNominalMinutes(waktu) * 60_000) : null,
  };
}
