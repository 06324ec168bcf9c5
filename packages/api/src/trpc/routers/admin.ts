import { z } from 'zod';
import { PERMISSIONS } from '../../db/schema.ts';
import {
  getCalendar,
  removeHolidayEntry,
  setHoliday,
  updateCalendar,
} from '../../services/admin-calendar.ts';
import {
  createUser,
  listPositions,
  listUsers,
  removePosition,
  resetPassword,
  updateUser,
  upsertPosition,
} from '../../services/admin-users.ts';
import { migrateCase, previewMigration } from '../../services/case-migration.ts';
import { allowedTo, authedProcedure, router } from '../trpc.ts';

const admin = allowedTo('administer');
const positionKey = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'kunci jabatan: huruf kecil, angka, _ dan -');
const password = z.string().min(10, 'kata sandi paling sedikit 10 karakter').max(200);
const username = z
  .string()
  .trim()
  .min(2)
  .max(60)
  .regex(/^[A-Za-z0-9._-]+$/, 'nama pengguna: huruf, angka, titik, _ dan -');
const permissions = z.array(z.enum(PERMISSIONS)).max(4);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'jam harus HH:mm');
const dayHours = z.object({ start: clock, end: clock }).nullable();
const isoDate = z.iso.date();

export const adminRouter = router({
  users: router({
    list: admin.query(({ ctx }) => listUsers(ctx.db, ctx.user)),
    create: admin
      .input(
        z.object({
          username,
          displayName: z.string().trim().min(1).max(200),
          password,
          permissions,
          positions: z.array(positionKey).max(20).default([]),
        }),
      )
      .mutation(({ ctx, input }) =>
        createUser(ctx.db, { ...input, agencyId: ctx.user.agencyId }, ctx.user, ctx.deps.now()),
      ),
    update: admin
      .input(
        z.object({
          userId: z.uuid(),
          displayName: z.string().trim().min(1).max(200).optional(),
          active: z.boolean().optional(),
          permissions: permissions.optional(),
          positions: z.array(positionKey).max(20).optional(),
        }),
      )
      .mutation(({ ctx, input }) => updateUser(ctx.db, ctx.user, input, ctx.deps.now())),
    resetPassword: admin
      .input(z.object({ userId: z.uuid(), password }))
      .mutation(({ ctx, input }) => resetPassword(ctx.db, ctx.user, input, ctx.deps.now())),
  }),
  positions: router({
    /** Readable by every signed-in user: the designer binds lanes to these. */
    list: authedProcedure.query(({ ctx }) => listPositions(ctx.db, ctx.user.agencyId)),
    upsert: admin
      .input(
        z.object({
          key: positionKey,
          name: z.string().trim().min(1).max(200),
          supervisorKey: positionKey.nullable(),
        }),
      )
      .mutation(({ ctx, input }) => upsertPosition(ctx.db, ctx.user, input, ctx.deps.now())),
    remove: admin
      .input(z.object({ key: positionKey }))
      .mutation(({ ctx, input }) => removePosition(ctx.db, ctx.user, input.key, ctx.deps.now())),
  }),
  calendar: router({
    get: allowedTo('readCalendar')
      .input(z.object({ year: z.int().min(2000).max(2100) }))
      .query(({ ctx, input }) => getCalendar(ctx.db, ctx.user, input.year)),
    update: admin
      .input(
        z.object({
          timeZone: z.string().min(1).max(64),
          hours: z.object({
            1: dayHours,
            2: dayHours,
            3: dayHours,
            4: dayHours,
            5: dayHours,
            6: dayHours,
            7: dayHours,
          }),
        }),
      )
      .mutation(({ ctx, input }) => updateCalendar(ctx.db, ctx.user, input, ctx.deps.now(), ctx.deps.bus)),
    setHoliday: admin
      .input(
        z.object({
          date: isoDate,
          name: z.string().trim().min(1).max(200),
          kind: z.enum(['cuti_bersama', 'holiday', 'removed']),
        }),
      )
      .mutation(({ ctx, input }) => setHoliday(ctx.db, ctx.user, input, ctx.deps.now(), ctx.deps.bus)),
    removeEntry: admin
      .input(z.object({ date: isoDate }))
      .mutation(({ ctx, input }) =>
        removeHolidayEntry(ctx.db, ctx.user, input.date, ctx.deps.now(), ctx.deps.bus),
      ),
  }),
  cases: router({
    migrationPreview: admin
      .input(z.object({ caseId: z.uuid(), toVersionId: z.uuid() }))
      .query(({ ctx, input }) => previewMigration(ctx.db, ctx.user, input)),
    migrate: admin
      .input(z.object({ caseId: z.uuid(), toVersionId: z.uuid() }))
      .mutation(({ ctx, input }) => migrateCase(ctx.deps, ctx.user, input)),
  }),
});
