import type { EngineIo } from '../engine/store.ts';
import type { AppDeps } from '../trpc/context.ts';
import { loadAgencyDueDates } from './calendar.ts';

/** The engine's IO bundle for a request. */
export function createEngineIo(deps: AppDeps): EngineIo {
  return { deps, loadCalendar: loadAgencyDueDates };
}
