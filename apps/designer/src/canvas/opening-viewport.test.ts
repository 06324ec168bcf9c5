import { LANE_WIDTH } from '@alur/schema/core';
import { describe, expect, it } from 'vitest';
import {
  computeHeaderOffset,
  computeOpeningViewport,
  MIN_READABLE_PX,
  OPENING_MARGIN,
  READABLE_ZOOM,
  STEP_FONT_PX,
} from './opening-viewport.ts';

// The canvas of a 1366 px wide laptop: the window minus the palette (150) and the sidebar (330).
const LAPTOP_CANVAS = { width: 886, height: 640 };

describe('computeOpeningViewport', () => {
  it('opens a wide SOP (LAKIP, five lanes) readable, from its left edge and its top', () => {
    const v = computeOpeningViewport(5, LAPTOP_CANVAS);
    // Fitting five lanes into 886 px would need 0.78: too small; the zoom stays readable.
    expect(v.zoom).toBeCloseTo(READABLE_ZOOM);
    expect(STEP_FONT_PX * v.zoom).toBeGreaterThanOrEqual(MIN_READABLE_PX - 1e-9);
    expect(v.x).toBe(OPENING_MARGIN);
    expect(v.y).toBeLessThanOrEqual(OPENING_MARGIN);
    expect(v.y).toBeGreaterThanOrEqual(0);
  });

  it('fits the lanes to the width when that keeps the text readable', () => {
    // Four lanes (880) in 886 − 32 px: 0.97, between readable and life size.
    const v = computeOpeningViewport(4, LAPTOP_CANVAS);
    expect(v.zoom).toBeCloseTo((886 - 2 * OPENING_MARGIN) / (4 * LANE_WIDTH));
    expect(v.x).toBe(OPENING_MARGIN);
  });

  it('never enlarges a small drawing past life size, and centres it', () => {
    const v = computeOpeningViewport(2, LAPTOP_CANVAS);
    expect(v.zoom).toBe(1);
    expect(v.x).toBe((886 - 2 * LANE_WIDTH) / 2);
  });

  it('opens an SOP without lanes at life size', () => {
    expect(computeOpeningViewport(0, LAPTOP_CANVAS).zoom).toBe(1);
  });
});

describe('computeHeaderOffset', () => {
  it('keeps the lane headers on the lanes, then at the top of the canvas once scrolled down', () => {
    expect(computeHeaderOffset(40)).toBe(40);
    expect(computeHeaderOffset(0)).toBe(0);
    expect(computeHeaderOffset(-900)).toBe(0);
  });
});
