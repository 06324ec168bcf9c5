import { z } from 'zod';
import { cancelCaseForUser } from '../../services/case-cancel.ts';
import { revealCaseField, searchCases } from '../../services/case-search.ts';
import { getCase, getStartForm, listCases, startCaseForUser } from '../../services/cases.ts';
import { authedProcedure, router } from '../trpc.ts';

const idempotencyKey = z.string().min(8).max(100).optional();
/** Form values by field key; checked against the SOP's form by the service (`validateFormData`). */
const formData = z.record(z.string().max(64), z.unknown()).optional();

export const caseRouter = router({
  start: authedProcedure
    .input(
      z.object({ sopId: z.uuid(), title: z.string().trim().min(1).max(300), data: formData, idempotencyKey }),
    )
    .mutation(({ ctx, input }) => startCaseForUser(ctx.deps, ctx.user, input)),
  /** The start form of the SOP's version in effect (what `start`'s `data` is checked against). */
  startForm: authedProcedure
    .input(z.object({ sopId: z.uuid() }))
    .query(({ ctx, input }) => getStartForm(ctx.db, ctx.user, input.sopId, ctx.deps.now())),
  /** One case-file value unmasked; writes a `data.revealed` audit event. */
  revealField: authedProcedure
    .input(z.object({ caseId: z.uuid(), key: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) => revealCaseField(ctx.db, ctx.user, input, ctx.deps.now())),
  /** By case number, title or any case-file value (exact NIK, words beginning with the query). */
  search: authedProcedure
    .input(z.object({ q: z.string().trim().min(1).max(200), limit: z.int().min(1).max(50).optional() }))
    .query(({ ctx, input }) => searchCases(ctx.db, ctx.user, input)),
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
