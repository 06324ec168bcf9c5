import { z } from 'zod';
import { generateLetter } from '../../services/letters/generate-letter.ts';
import { getTaskLetter, listLetterRegister } from '../../services/letters/letter-register.ts';
import {
  getLetterSetup,
  removeLetterTemplate,
  updateLetterOutput,
  updateLetterSettings,
  uploadLetterTemplate,
} from '../../services/letters/letter-setup.ts';
import { allowedTo, authedProcedure, router } from '../trpc.ts';

const idempotencyKey = z.string().min(8).max(100).optional();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const stepRef = z.object({ sopId: z.uuid(), nodeId: z.string().min(1).max(100) });
const signer = z.object({
  nama: z.string().trim().max(200),
  jabatan: z.string().trim().max(200),
  nip: z.string().trim().max(30),
});

/** Letters out (docs/letters.md): templates, numbering, generation and the outgoing register. */
export const letterRouter = router({
  /** Fills the task's step template with the case data and numbers it (holders of the position). */
  generate: authedProcedure
    .input(z.object({ taskId: z.uuid(), newNumber: z.boolean().optional(), idempotencyKey }))
    .mutation(({ ctx, input }) => generateLetter(ctx.deps, ctx.user, input)),
  /** Whether the task's step has a template, and its letter if made. */
  forTask: authedProcedure
    .input(z.object({ taskId: z.uuid() }))
    .query(({ ctx, input }) => getTaskLetter(ctx.db, ctx.user, input.taskId)),
  /** The buku agenda surat keluar (leaders, admins); the XLSX is `GET /api/letters/register.xlsx`. */
  register: allowedTo('readLetterRegister')
    .input(
      z
        .object({
          from: isoDate.optional(),
          to: isoDate.optional(),
          sopId: z.uuid().optional(),
          q: z.string().max(200).optional(),
        })
        .default({}),
    )
    .query(({ ctx, input }) => listLetterRegister(ctx.db, ctx.user, input)),
  /** An SOP's steps with their templates and output settings, and the agency's numbering. */
  setup: allowedTo('administer')
    .input(z.object({ sopId: z.uuid() }))
    .query(({ ctx, input }) => getLetterSetup(ctx.db, ctx.user, input.sopId)),
  uploadTemplate: allowedTo('administer')
    .input(
      stepRef.extend({
        fileName: z.string().max(300),
        /** The .docx, base64 (at most 10 MB decoded). */
        contentBase64: z.string().max(14_000_000),
      }),
    )
    .mutation(({ ctx, input }) => uploadLetterTemplate(ctx.deps, ctx.user, input)),
  removeTemplate: allowedTo('administer')
    .input(stepRef)
    .mutation(({ ctx, input }) => removeLetterTemplate(ctx.db, ctx.user, input, ctx.deps.now())),
  updateOutput: allowedTo('administer')
    .input(
      stepRef.extend({
        kode: z.string().max(50),
        format: z.string().max(100).nullable(),
        subject: z.string().max(300),
        recipientField: z.string().max(64).nullable(),
        signer: signer.nullable(),
      }),
    )
    .mutation(({ ctx, input }) => updateLetterOutput(ctx.db, ctx.user, input, ctx.deps.now())),
  updateSettings: allowedTo('administer')
    .input(z.object({ format: z.string().max(100), unit: z.string().max(50) }))
    .mutation(({ ctx, input }) => updateLetterSettings(ctx.db, ctx.user, input, ctx.deps.now())),
});
