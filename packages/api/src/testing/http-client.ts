import type { AddressInfo } from 'node:net';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppDeps } from '../deps.ts';
import { createHttpServer, type HttpOptions } from '../server/http.ts';
import type { AppRouter } from '../trpc/root.ts';

/** Serves the app on a random loopback port; returns its base URL and a closer. */
export async function serveOnLoopback(
  deps: AppDeps,
  options: HttpOptions = {},
): Promise<{ base: string; close(): Promise<void> }> {
  const server = createHttpServer(deps, options);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A tRPC client over real HTTP that keeps the session cookie like a browser would. */
export function createHttpClient(base: string, opts: { csrf?: boolean } = {}) {
  let cookie = '';
  const fetchWithCookies: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(input, { ...init, headers });
    const set = res.headers.getSetCookie();
    if (set.length) cookie = set.map((c) => c.split(';')[0]).join('; ');
    return res;
  };
  const client = createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${base}/api/trpc`,
        fetch: fetchWithCookies,
        headers: () => (opts.csrf === false ? {} : { 'x-alur-csrf': '1' }),
      }),
    ],
  });
  return { client, fetch: fetchWithCookies };
}

/** Signs a demo user in and returns their client. */
export async function signIn(base: string, username: string, password = 'alur-demo') {
  const c = createHttpClient(base);
  await c.client.auth.login.mutate({ username, password });
  return c;
}
