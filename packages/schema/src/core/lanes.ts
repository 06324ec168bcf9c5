import type { Lane } from '../document.ts';

/** Each lane's column index by lane id, for drawing nodes in their lane. */
export function indexLanes(lanes: readonly Pick<Lane, 'id'>[]): Map<string, number> {
  return new Map(lanes.map((lane, index) => [lane.id, index]));
}
