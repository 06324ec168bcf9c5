import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.ts';

/** Names of the agency's positions ("kabid" → "Kepala Bidang"); the key while loading. */
export function usePositionName(): (key: string) => string {
  const trpc = useTRPC();
  const positions = useQuery(trpc.admin.positions.list.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const names = new Map((positions.data ?? []).map((p) => [p.key, p.name]));
  return (key) => names.get(key) ?? key;
}
