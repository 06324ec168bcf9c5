import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { login, logout, SESSION_COOKIE, SESSION_DAYS } from '../../auth/sessions.ts';
import { agencies, users } from '../../db/schema.ts';
import { DEMO_AGENCY, DEMO_PASSWORD, DEMO_USERNAMES } from '../../services/demo.ts';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';

function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

export const authRouter = router({
  login: publicProcedure
    .input(z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) }))
    .mutation(async ({ ctx, input }) => {
      const result = await login(ctx.db, { ...input, ip: ctx.ip, now: ctx.deps.now() });
      ctx.setCookie(sessionCookie(result.token, SESSION_DAYS * 86_400, ctx.deps.secureCookies));
      return { user: result.user, expiresAt: result.expiresAt.toISOString() };
    }),
  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await logout(ctx.db, ctx.sessionToken, ctx.deps.sessions);
    ctx.setCookie(sessionCookie('', 0, ctx.deps.secureCookies));
    return { ok: true as const };
  }),
  /** The signed-in user, their positions and agency; null when not signed in. */
  me: publicProcedure.query(async ({ ctx }) => {
    if (!ctx.user) return null;
    const [agency] = await ctx.db
      .select({ id: agencies.id, name: agencies.name, timeZone: agencies.timeZone })
      .from(agencies)
      .where(eq(agencies.id, ctx.user.agencyId));
    return { ...ctx.user, agency: agency! };
  }),
  /**
   * In demo mode only (ALUR_DEMO=1): the demo accounts that exist and their shared password, for
   * the login page; null otherwise, so a real installation names no account to anyone.
   */
  demoAccounts: publicProcedure.query(async ({ ctx }) => {
    if (!ctx.deps.demo) return null;
    const accounts = await ctx.db
      .select({ username: users.username, displayName: users.displayName })
      .from(users)
      .innerJoin(agencies, eq(agencies.id, users.agencyId))
      .where(
        and(
          eq(agencies.slug, DEMO_AGENCY.slug),
          inArray(users.username, DEMO_USERNAMES),
          eq(users.active, true),
        ),
      )
      .orderBy(asc(users.username));
    return accounts.length ? { password: DEMO_PASSWORD, accounts } : null;
  }),
  /** Kept for symmetry with `me`, errors when not signed in. */
  whoami: authedProcedure.query(({ ctx }) => ctx.user),
});
