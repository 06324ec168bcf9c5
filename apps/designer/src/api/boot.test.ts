import type { AppRouter } from '@alur/api/router';
import { createTRPCClient, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { describe, expect, it } from 'vitest';
import { BOOT_PATHS } from '../../boot-html.ts';
import { bootLink } from './boot.ts';

/** A server stand-in: records what reaches the network and answers every query with its path. */
function network(seen: string[]): TRPCLink<AppRouter> {
  return () =>
    ({ op }) =>
      observable((observer) => {
        seen.push(op.path);
        observer.next({ result: { type: 'data', data: `network ${op.path}` } });
        observer.complete();
      });
}

const SOP = '0198c0de-0000-7000-8000-000000000001';
const boot = (response: unknown) => ({
  paths: [...BOOT_PATHS],
  inputs: { 1: { sopId: SOP } },
  response: Promise.resolve(response),
});

function client(b: ReturnType<typeof boot> | undefined, seen: string[]) {
  // Answers are not typed like the router's here: the test looks at where they came from.
  // biome-ignore lint/suspicious/noExplicitAny: see above
  return createTRPCClient<AppRouter>({ links: [bootLink(b), network(seen)] }) as any;
}

describe('bootLink', () => {
  it("answers the page's first calls from index.html's batch, each once", async () => {
    const seen: string[] = [];
    const api = client(
      boot([
        { result: { data: { id: 'me' } } },
        { result: { data: { revision: 3 } } },
        { result: { data: [] } },
      ]),
      seen,
    );
    expect(await api.auth.me.query()).toEqual({ id: 'me' });
    expect(await api.sop.get.query({ sopId: SOP })).toEqual({ revision: 3 });
    expect(await api.admin.positions.list.query()).toEqual([]);
    expect(seen).toEqual([]);
    // Later calls (a refetch, another SOP) go to the server.
    expect(await api.auth.me.query()).toBe('network auth.me');
    expect(await api.sop.get.query({ sopId: 'other' })).toBe('network sop.get');
    expect(seen).toEqual(['auth.me', 'sop.get']);
  });

  it('sends to the server what the batch answered with an error, and everything when it failed', async () => {
    const seen: string[] = [];
    const signedOut = client(
      boot([{ result: { data: null } }, { error: { message: 'UNAUTHORIZED' } }, { error: {} }]),
      seen,
    );
    expect(await signedOut.auth.me.query()).toBeNull();
    expect(await signedOut.sop.get.query({ sopId: SOP })).toBe('network sop.get');
    const failed = client(boot(null), seen);
    expect(await failed.auth.me.query()).toBe('network auth.me');
    expect(await client(undefined, seen).auth.me.query()).toBe('network auth.me');
    expect(seen).toEqual(['sop.get', 'auth.me', 'auth.me']);
  });
});
