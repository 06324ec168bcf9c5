import { describe, expect, it } from 'vitest';
import { computeNodeOrigin, findLaneIndexAt, LANE_WIDTH, NODE_SIZE, readLaneOffset } from './geometry.ts';

const activity = (x: number) => ({ type: 'activity' as const, position: { x, y: 100 } });
const slack = (LANE_WIDTH - NODE_SIZE.activity.width) / 2;

describe('lane geometry', () => {
  it('draws the stored x as the offset from the lane centre line', () => {
    expect(computeNodeOrigin(activity(0), 1)).toEqual({ x: LANE_WIDTH + slack, y: 100 });
    expect(computeNodeOrigin(activity(10), 0)).toEqual({ x: slack + 10, y: 100 });
  });

  it('keeps a node dragged towards the lane edge inside its lane', () => {
    expect(readLaneOffset(activity(80))).toBe(slack);
    expect(readLaneOffset(activity(-LANE_WIDTH / 2))).toBe(-slack);
  });

  it('centres a node whose x cannot be an offset (an absolute x such as the seeds’ 240)', () => {
    expect(readLaneOffset(activity(240))).toBe(0);
    expect(computeNodeOrigin(activity(480), 2)).toEqual({ x: 2 * LANE_WIDTH + slack, y: 100 });
  });

  it('finds the lane under an x, clamped to the lanes there are', () => {
    expect(findLaneIndexAt(LANE_WIDTH + 1, 3)).toBe(1);
    expect(findLaneIndexAt(-50, 3)).toBe(0);
    expect(findLaneIndexAt(10 * LANE_WIDTH, 3)).toBe(2);
    expect(findLaneIndexAt(10, 0)).toBe(-1);
  });
});
