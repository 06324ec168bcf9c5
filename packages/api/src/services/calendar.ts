import { eq } from 'drizzle-orm';
import {
  type AgencyHolidayEntry,
  computeDueAt,
  createWorkingCalendar,
  type WorkingCalendar,
  workingMinutesBetween,
} from '../calendar/index.ts';
import type { Db, Tx } from '../db/client.ts';
import { agencies, holidays } from '../db/schema.ts';
import type { AgencyClock } from '../engine/core/types.ts';
import type { AlurEvent, EventBus } from '../events/event-bus.ts';

/** The agency's working calendar from its settings and holiday entries (cached for a minute). */
const cache = new Map<string, { at: number; calendar: WorkingCalendar }>();
const TTL_MS = 60_000;
/** Counts invalidations: a load that began before one must not cache the rows it read. */
let generation = 0;

/** Forgets cached calendars (after an administrator changes hours or holidays). */
export function invalidateCalendar(agencyId?: string): void {
  generation++;
  if (agencyId) cache.delete(agencyId);
  else cache.clear();
}

/** The event that tells every server process an agency's hours or holidays changed. */
export function toCalendarChangedEvent(agencyId: string): AlurEvent {
  return { type: 'calendar.changed', agencyId, positionKeys: [] };
}

/**
 * Forgets an agency's cached calendar whenever any server process announces a change to it
 * (`toCalendarChangedEvent`, published in the changing transaction). Returns the unsubscribe.
 */
export function followCalendarChanges(bus: EventBus): () => void {
  return bus.subscribe((event) => {
    if (event.type === 'calendar.changed') invalidateCalendar(event.agencyId);
  });
}

export async function loadWorkingCalendar(db: Db | Tx, agencyId: string): Promise<WorkingCalendar> {
  const hit = cache.get(agencyId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.calendar;
  const loading = generation;
  const [agency] = await db.select().from(agencies).where(eq(agencies.id, agencyId));
  const entries = await db.select().from(holidays).where(eq(holidays.agencyId, agencyId));
  const overrides: AgencyHolidayEntry[] = entries.map((h) =>
    h.kind === 'removed' ? { date: h.date, remove: true as const } : { date: h.date, name: h.name },
  );
  const result = createWorkingCalendar({
    timeZone: agency?.timeZone ?? 'Asia/Jakarta',
    // biome-ignore lint/suspicious/noExplicitAny: stored JSON is validated by createWorkingCalendar
    hours: (agency?.workingHours ?? undefined) as any,
    holidayOverrides: overrides,
  });
  // Settings are validated when saved; a broken row falls back to the default calendar.
  const calendar = result.ok
    ? result.calendar
    : (
        createWorkingCalendar({ timeZone: agency?.timeZone ?? 'Asia/Jakarta' }) as {
          ok: true;
          calendar: WorkingCalendar;
        }
      ).calendar;
  if (generation === loading) cache.set(agencyId, { at: Date.now(), calendar });
  return calendar;
}

/** The engine's clock: due dates and working minutes on the agency's working calendar. */
export async function loadAgencyClock(db: Db | Tx, agencyId: string): Promise<AgencyClock> {
  return cachedAgencyClock(agencyId) ?? clockOf(await loadWorkingCalendar(db, agencyId));
}

/** The agency's clock when its calendar is cached and fresh (a task command's hot path: no await). */
export function cachedAgencyClock(agencyId: string): AgencyClock | undefined {
  const hit = cache.get(agencyId);
  return hit && Date.now() - hit.at < TTL_MS ? clockOf(hit.calendar) : undefined;
}

const clocks = new WeakMap<WorkingCalendar, AgencyClock>();

function clockOf(calendar: WorkingCalendar): AgencyClock {
  let clock = clocks.get(calendar);
  if (!clock) {
    clock = {
      computeDueAt: (waktu, from) => computeDueAt(waktu, from, calendar),
      workingMinutesBetween: (a, b) => workingMinutesBetween(a, b, calendar),
    };
    clocks.set(calendar, clock);
  }
  return clock;
}
