import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { LoopRoute } from '../model/loop-route.ts';

/**
 * The loops' routes as the canvas last drew them, read by each arrow for its own id. The routes
 * live outside React Flow's edges so that a drag, which re-routes the loops of the moved symbol,
 * leaves the edge array alone (React Flow re-indexes every connection when it changes); an arrow
 * is told only when its own route changed.
 */
export interface LoopRouteStore {
  get(edgeId: string): LoopRoute | undefined;
  subscribe(edgeId: string, onChange: () => void): () => void;
  /** Replaces the routes and tells the arrows whose route is not the same object as before. */
  publish(routes: Map<string, LoopRoute>): void;
}

export function createLoopRouteStore(): LoopRouteStore {
  let routes = new Map<string, LoopRoute>();
  const listeners = new Map<string, Set<() => void>>();
  return {
    get: (edgeId) => routes.get(edgeId),
    subscribe(edgeId, onChange) {
      const set = listeners.get(edgeId) ?? new Set();
      listeners.set(edgeId, set);
      set.add(onChange);
      return () => {
        set.delete(onChange);
        if (set.size === 0) listeners.delete(edgeId);
      };
    },
    publish(next) {
      const previous = routes;
      routes = next;
      for (const [edgeId, set] of listeners)
        if (previous.get(edgeId) !== next.get(edgeId)) for (const onChange of [...set]) onChange();
    },
  };
}

export const LoopRouteContext = createContext<LoopRouteStore | null>(null);

/** The route of back edge `edgeId`, or undefined for an arrow drawn as a downward step. */
export function useLoopRoute(edgeId: string): LoopRoute | undefined {
  const store = useContext(LoopRouteContext);
  const subscribe = useCallback(
    (onChange: () => void) => (store ? store.subscribe(edgeId, onChange) : () => {}),
    [store, edgeId],
  );
  const read = () => store?.get(edgeId);
  return useSyncExternalStore(subscribe, read, read);
}
