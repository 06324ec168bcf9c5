import { and, eq } from 'drizzle-orm';
import type { SessionUser } from '../auth/sessions.ts';
import {
  createWorkingCalendar,
  DEFAULT_WORKING_HOURS,
  type IsoWeekday,
  listNationalHolidays,
  mergeHolidays,
  type WorkingHours,
} from '../calendar/index.ts';
import type { Db } from '../db/client.ts';
import { agencies, auditEvents, holidays } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { EventBus } from '../events/event-bus.ts';
import { invalidateCalendar, toCalendarChangedEvent } from './calendar.ts';

type Hours = Record<IsoWeekday, WorkingHours | null>;

/** The agency's calendar settings and the year's days off, each with its source. */
export async function getCalendar(db: Db, admin: SessionUser, year: number) {
  const [agency] = await db.select().from(agencies).where(eq(agencies.id, admin.agencyId));
  const entries = await db
    .select()
    .from(holidays)
    .where(eq(holidays.agencyId, admin.agencyId))
    .orderBy(holidays.date);
  const library = listNationalHolidays(year);
  const merged = mergeHolidays(
    library,
    entries.map((h) =>
      h.kind === 'removed' ? { date: h.date, remove: true as const } : { date: h.date, name: h.name },
    ),
  ).holidays;
  const kindOf = new Map(entries.map((e) => [e.date, e.kind]));
  return {
    timeZone: agency!.timeZone,
    hours: { ...DEFAULT_WORKING_HOURS, ...((agency!.workingHours as Partial<Hours> | null) ?? {}) } as Hours,
    holidays: [...merged.entries()]
      .filter(([date]) => date.startsWith(`${year}-`))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, h]) => ({ date, name: h.name, source: h.source, kind: kindOf.get(date) ?? 'library' })),
    /** Agency entries of every year, including removals of library days. */
    entries: entries.map((e) => ({ date: e.date, name: e.name, kind: e.kind })),
  };
}

/** Changes the time zone and office hours, refusing anything the calendar would not accept. */
export async function updateCalendar(
  db: Db,
  admin: SessionUser,
  input: { timeZone: string; hours: Hours },
  now: Date,
  bus: EventBus,
) {
  const check = createWorkingCalendar({ timeZone: input.timeZone, hours: input.hours });
  if (!check.ok) {
    throw new AppError(
      'BAD_REQUEST',
      'CALENDAR_INVALID',
      {
        id: check.issues.map((i) => `${i.field}: ${i.message.id}`).join('; '),
        en: check.issues.map((i) => i.message.en).join('; '),
      },
      { issues: check.issues },
    );
  }
  await db.transaction(async (tx) => {
    await tx
      .update(agencies)
      .set({ timeZone: input.timeZone, workingHours: input.hours })
      .where(eq(agencies.id, admin.agencyId));
    await tx.insert(auditEvents).values({
      agencyId: admin.agencyId,
      actorId: admin.id,
      action: 'calendar.updated',
      data: input,
      at: now.toISOString(),
    });
    // Other server processes forget their cached calendar when this commits.
    await bus.publish(tx, toCalendarChangedEvent(admin.agencyId));
  });
  invalidateCalendar(admin.agencyId);
  return { ok: true as const };
}

/** Adds cuti bersama or an agency holiday, or removes (`removed`) a day of the national library. */
export async function setHoliday(
  db: Db,
  admin: SessionUser,
  input: { date: string; name: string; kind: 'cuti_bersama' | 'holiday' | 'removed' },
  now: Date,
  bus: EventBus,
) {
  await db.transaction(async (tx) => {
    await tx
      .insert(holidays)
      .values({ agencyId: admin.agencyId, ...input })
      .onConflictDoUpdate({
        target: [holidays.agencyId, holidays.date],
        set: { name: input.name, kind: input.kind },
      });
    await tx.insert(auditEvents).values({
      agencyId: admin.agencyId,
      actorId: admin.id,
      action: 'calendar.holiday_set',
      data: input,
      at: now.toISOString(),
    });
    // Other server processes forget their cached calendar when this commits.
    await bus.publish(tx, toCalendarChangedEvent(admin.agencyId));
  });
  invalidateCalendar(admin.agencyId);
  return { ok: true as const };
}

/** Deletes an agency entry (the national library's day, if any, applies again). */
export async function removeHolidayEntry(db: Db, admin: SessionUser, date: string, now: Date, bus: EventBus) {
  await db.transaction(async (tx) => {
    await tx.delete(holidays).where(and(eq(holidays.agencyId, admin.agencyId), eq(holidays.date, date)));
    await tx.insert(auditEvents).values({
      agencyId: admin.agencyId,
      actorId: admin.id,
      action: 'calendar.holiday_removed',
      data: { date },
      at: now.toISOString(),
    });
    // Other server processes forget their cached calendar when this commits.
    await bus.publish(tx, toCalendarChangedEvent(admin.agencyId));
  });
  invalidateCalendar(admin.agencyId);
  return { ok: true as const };
}
