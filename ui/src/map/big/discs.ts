// The geometry of a group's disc in the big map, shared by the layout (in the worker) and the
// renderer (on the page) without pulling d3-force into the page's chunk.
import type { Point } from '../geometry';

/** Distance between neighbours on a group's spiral, in map units. */
export const SPACING = 34;
export const NODE_R = 9;
const GOLDEN = Math.PI * (3 - Math.sqrt(5));

export function groupRadius(count: number): number {
  return SPACING * Math.sqrt(count) * 0.56 + SPACING;
}

/** Positions on a sunflower spiral around (0, 0), denser than a grid and round like the disc. */
export function spiral(i: number): Point {
  const d = SPACING * 0.56 * Math.sqrt(i + 0.5);
  return { x: d * Math.cos(i * GOLDEN), y: d * Math.sin(i * GOLDEN) };
}
