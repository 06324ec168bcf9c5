import type { AppRouter } from '@alur/api/router';
import { useQuery } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { createContext, type ReactNode, useContext } from 'react';
import { useTRPC } from '../api/trpc.ts';

export type Me = NonNullable<inferRouterOutputs<AppRouter>['auth']['me']>;

const SessionContext = createContext<Me | null>(null);

/** The signed-in user; only used under `SessionProvider`, which renders nothing without one. */
export function useMe(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useMe outside a session');
  return me;
}

/** Whether the user holds one of the permissions. */
export function hasPermission(me: Me, ...permissions: Me['permissions'][number][]): boolean {
  return permissions.some((p) => me.permissions.includes(p));
}

/** Loads `auth.me`; renders `signedOut` when there is no session. */
export function SessionGate({
  signedOut,
  loading,
  children,
}: {
  signedOut: ReactNode;
  loading: ReactNode;
  children: ReactNode;
}) {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 }));
  if (me.isPending) return loading;
  if (!me.data) return signedOut;
  return <SessionContext.Provider value={me.data}>{children}</SessionContext.Provider>;
}
