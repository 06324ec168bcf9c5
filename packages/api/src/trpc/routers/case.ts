import { z } from 'zod';
import { cancelCaseForUser } from '../../services/case-cancel.ts';
import { getCase, listCases, startCaseForUser } from '../../services/cases.ts';
import { authedProcedure, router } from '../trpc.ts';

const idempotencyKey = z.string().min(8).max(100).optional();

export const caseRouter = router({
  start: authedProcedure
    .input(z.object({ sopId: z.uuid(), title: z.string().trim().min(1).max(300), idempotencyKey }))
    .mutation(({ ctx, input }) => startCaseForUser(ctx.deps, ctx.user, input)),
  cancel: authedProcedure
    .input(z.object({ caseId: z.uuid(), reason: z.string().trim().min(1).max(2000), idempotencyKey }))
    .mutation(({ ctx, input }) => cancelCaseForUser(ctx.deps, ctx.user, input)),
  get: authedProcedure
    .input(z.object({ caseId: z.uuid() }))
    .query(({ ctx, input }) => getCase(ctx.db, ctx.user, input.caseId, ctx.deps.now())),
  list: authedProcedure
    .input(
      z
        .object({
          status: z.enum(['active', 'completed', 'cancelled']).optional(),
          sopId: z.uuid().optional(),
          limit: z.int().min(1).max(200).optional(),
          offset: z.int().min(0).max(1_000_000).optional(),
        })
        .default({}),
    )
    .query(({ ctx, input }) => listCases(ctx.db, ctx.user, input)),
});
