import { z } from 'zod';
import { countUnread, listNotifications, markRead } from '../../services/notifications.ts';
import { authedProcedure, router } from '../trpc.ts';

export const notificationRouter = router({
  list: authedProcedure
    .input(z.object({ limit: z.int().min(1).max(200).optional() }).default({}))
    .query(({ ctx, input }) => listNotifications(ctx.db, ctx.user, input.limit)),
  unreadCount: authedProcedure.query(({ ctx }) => countUnread(ctx.db, ctx.user)),
  markRead: authedProcedure
    .input(z.object({ ids: z.array(z.uuid()).max(500).optional() }).default({}))
    .mutation(({ ctx, input }) => markRead(ctx.db, ctx.user, input.ids, ctx.deps.now())),
});
