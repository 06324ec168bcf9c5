import { parseDocument, validateSop } from '@alur/schema';
import { z } from 'zod';
import { guardsOf, runHeavy } from '../../guards/guards.ts';
import { todayInAgency } from '../../services/agency-time.ts';
import { withIdempotency } from '../../services/idempotency.ts';
import { IMPORT_FORMATS, importSop } from '../../services/import.ts';
import {
  createSop,
  getSop,
  getVersion,
  listSops,
  listVersions,
  publishSop,
  saveDraft,
} from '../../services/sops.ts';
import { allowedTo, authedProcedure, router } from '../trpc.ts';

const sopId = z.object({ sopId: z.uuid() });
/** A retried create or publish with the same key returns the first answer instead of acting twice. */
const idempotencyKey = z.string().min(8).max(100).optional();
const isoDate = z.iso.date();
/** Documents are checked by `parseDocument` (with migration), not by the router's zod. */
const documentInput = z.unknown();

export const sopRouter = router({
  list: authedProcedure.query(async ({ ctx }) =>
    listSops(ctx.db, ctx.user, await todayInAgency(ctx.db, ctx.user.agencyId, ctx.deps.now())),
  ),
  get: allowedTo('readDrafts')
    .input(sopId)
    .query(({ ctx, input }) => getSop(ctx.db, ctx.user, input.sopId)),
  create: allowedTo('editDrafts')
    .input(
      z.object({
        name: z.string().trim().min(1).max(300),
        document: documentInput.optional(),
        idempotencyKey,
      }),
    )
    .mutation(({ ctx, input }) =>
      withIdempotency(ctx.db, ctx.user.id, input.idempotencyKey, 'sop.create', (tx) =>
        createSop(tx, ctx.user, input, ctx.deps.now()),
      ),
    ),
  saveDraft: allowedTo('editDrafts')
    .input(z.object({ sopId: z.uuid(), document: documentInput, baseRevision: z.int().min(1) }))
    .mutation(({ ctx, input }) => saveDraft(ctx.db, ctx.user, input, ctx.deps.now())),
  /** Validation of any document: schema problems and the rules of DOMAIN §3, as data. */
  validate: authedProcedure.input(z.object({ document: documentInput })).query(({ input }) => {
    const parsed = parseDocument(input.document);
    if (!parsed.ok) return { schemaIssues: parsed.issues, issues: [] };
    return { schemaIssues: [], issues: validateSop(parsed.document) };
  }),
  publish: allowedTo('publish')
    .input(
      z.object({
        sopId: z.uuid(),
        note: z.string().trim().max(2000).default(''),
        effectiveDate: isoDate,
        signer: z.object({
          jabatan: z.string().trim().min(1).max(300),
          nama: z.string().trim().min(1).max(300),
          nip: z.string().trim().max(40).default(''),
        }),
        idempotencyKey,
      }),
    )
    .mutation(({ ctx, input }) =>
      withIdempotency(ctx.db, ctx.user.id, input.idempotencyKey, 'sop.publish', (tx) =>
        publishSop(tx, ctx.user, input, ctx.deps.now()),
      ),
    ),
  versions: authedProcedure
    .input(sopId)
    .query(({ ctx, input }) => listVersions(ctx.db, ctx.user, input.sopId)),
  version: authedProcedure
    .input(z.object({ versionId: z.uuid() }))
    .query(({ ctx, input }) => getVersion(ctx.db, ctx.user, input.versionId)),
  /** Turns an existing SOP table into a draft document plus the report of every guess. */
  import: allowedTo('editDrafts')
    .input(z.object({ format: z.enum(IMPORT_FORMATS), content: z.string().min(1).max(15_000_000) }))
    .mutation(({ ctx, input }) =>
      runHeavy(ctx.deps, () => importSop(input, guardsOf(ctx.deps).limits.archive)),
    ),
});
