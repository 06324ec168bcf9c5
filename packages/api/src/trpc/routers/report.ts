import { z } from 'zod';
import { runHeavy } from '../../guards/guards.ts';
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
    .query(({ ctx, input }) => runHeavy(ctx.deps, () => evaluate(ctx.db, ctx.user, input, ctx.deps.now()))),
});
