import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { assertMay, type RoleRule } from '../auth/policy.ts';
import { databaseUnavailableCode, databaseUnavailableError } from '../db/unavailable.ts';
import { AppError } from '../errors.ts';
import type { Context } from './context.ts';

/** Field-level detail of a rejected input: the dotted path and the message. */
export interface FieldIssue {
  path: string;
  message: string;
  /** Form issues (INVALID_FORM_DATA) also carry their stable code and the English message. */
  code?: string;
  messageEn?: string;
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const issues: FieldIssue[] | undefined =
      cause instanceof ZodError
        ? cause.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
        : undefined;
    const app = cause instanceof AppError ? cause : undefined;
    return {
      ...shape,
      message: app
        ? app.messages.id
        : issues
          ? `Masukan tidak valid: ${issues.map((i) => `${i.path || '(input)'}: ${i.message}`).join('; ')}`
          : shape.message,
      data: {
        ...shape.data,
        // Stack traces never leave the server.
        stack: undefined,
        appCode: app?.code ?? (issues ? 'INVALID_INPUT' : undefined),
        messageEn: app?.messages.en,
        details: app?.details,
        // Field issues: the input's shape (zod) or a form's values (INVALID_FORM_DATA), `path` = key.
        issues:
          issues ??
          (app?.code === 'INVALID_FORM_DATA' ? (app.details?.issues as FieldIssue[] | undefined) : undefined),
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Maps domain errors to tRPC codes; an unexpected error is logged and becomes a plain 500. */
const mapErrors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof AppError) {
      throw new TRPCError({ code: cause.kind, message: cause.messages.id, cause });
    }
    const unavailable = databaseUnavailableCode(cause);
    if (unavailable) {
      // Out of connection slots or unreachable: a wait-and-retry 503, not an internal error.
      console.warn(`[trpc] ${path}: database unavailable (${unavailable})`);
      const busy = databaseUnavailableError();
      throw new TRPCError({ code: busy.kind, message: busy.messages.id, cause: busy });
    }
    if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      console.error(`[trpc] ${path}:`, result.error.cause ?? result.error);
    }
  }
  return result;
});

/** Rejects cross-site mutations (see Context.csrfOk). */
const csrf = t.middleware(({ ctx, type, next }) => {
  if (type === 'mutation' && !ctx.csrfOk) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'Permintaan ditolak: tidak berasal dari aplikasi Alur (CSRF).',
    });
  }
  return next();
});

export const publicProcedure = t.procedure.use(mapErrors).use(csrf);

/** Any signed-in user. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Silakan masuk terlebih dahulu.' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** A signed-in user whom `rule` of the access policy (auth/policy.ts) allows; else 403. */
export function allowedTo(rule: RoleRule) {
  return authedProcedure.use(({ ctx, next }) => {
    assertMay(ctx.user, rule);
    return next();
  });
}
