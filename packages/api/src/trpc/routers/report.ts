import { z } from 'zod';
import { evaluate } from '../../services/reports.ts';
import { allowedTo, router } from '../trpc.ts';

export const reportRouter = router({
  evaluation: allowedTo('readReports')
    .input(
      z
        .object({
          sopId: z.uuid().optional(),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
        })
        .default({}),
    )
    .query(({ ctx, input }) => evaluate(ctx.db, ctx.user, input, ctx.deps.now())),
});
