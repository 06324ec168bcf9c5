import { LANE_WIDTH } from '@alur/schema/core';

/** The font size of a step's text on the canvas at zoom 1 (`.sop-node` in styles.css). */
export const STEP_FONT_PX = 12;
/** The smallest text a person can read on screen without leaning in. */
export const MIN_READABLE_PX = 11;
/** The zoom below which a step's text drops under `MIN_READABLE_PX`. */
export const READABLE_ZOOM = MIN_READABLE_PX / STEP_FONT_PX;
/** Margin kept between the drawing and the canvas edge when it is opened. */
export const OPENING_MARGIN = 16;

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * Where an SOP opens: at the top of the drawing (its lane headers and first rows) and at a zoom
 * that keeps step text readable. The lanes are fitted to the canvas width when that needs no less
 * than `READABLE_ZOOM` (and no more than 1); otherwise the drawing starts at its left edge and the
 * user pans sideways. "Paskan" (fit everything) stays a separate, explicit gesture: for a long SOP
 * such as LAKIP it makes the text far too small to read.
 */
export function computeOpeningViewport(
  laneCount: number,
  canvas: { width: number; height: number },
): Viewport {
  const drawingWidth = Math.max(1, laneCount) * LANE_WIDTH;
  const room = Math.max(1, canvas.width - 2 * OPENING_MARGIN);
  const zoom = Math.min(1, Math.max(READABLE_ZOOM, room / drawingWidth));
  const shown = drawingWidth * zoom;
  const x = shown <= room ? (canvas.width - shown) / 2 : OPENING_MARGIN;
  return { x: Math.round(x), y: OPENING_MARGIN / 2, zoom };
}

/**
 * The vertical screen offset of the lane header strip: with the lane tops (`viewportY`) below the
 * top of the canvas it sits on them; scrolled further down, it stays at the top of the canvas.
 */
export function computeHeaderOffset(viewportY: number): number {
  return Math.max(0, viewportY);
}
