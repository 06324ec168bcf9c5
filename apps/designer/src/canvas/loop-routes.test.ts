import { describe, expect, it } from 'vitest';
import type { LoopRoute } from '../model/loop-route.ts';
import { createLoopRouteStore } from './loop-routes.ts';

const route = (runX: number): LoopRoute => ({ path: `M ${runX} 0`, runX, labelX: runX, labelY: 0 });

describe('the loop route store', () => {
  it('tells an arrow when its own route changes, appears or goes, and not for the others', () => {
    const store = createLoopRouteStore();
    const a = route(10);
    const b = route(20);
    store.publish(
      new Map([
        ['a', a],
        ['b', b],
      ]),
    );
    const told: string[] = [];
    const stopA = store.subscribe('a', () => told.push('a'));
    store.subscribe('b', () => told.push('b'));
    store.subscribe('c', () => told.push('c'));
    // b re-routed, a the same object, c still no loop.
    store.publish(
      new Map([
        ['a', a],
        ['b', route(30)],
      ]),
    );
    expect(told).toEqual(['b']);
    expect(store.get('b')!.runX).toBe(30);
    // c becomes a loop, b stops being one.
    store.publish(
      new Map([
        ['a', a],
        ['c', route(40)],
      ]),
    );
    expect(told).toEqual(['b', 'b', 'c']);
    expect(store.get('b')).toBeUndefined();
    // Unsubscribed: a is no longer told.
    stopA();
    store.publish(new Map());
    expect(told).toEqual(['b', 'b', 'c', 'c']);
  });
});
