// Scope's metric overlay: a node filled from the bottom by its CPU or memory, as a fraction of the
// metric's range. Shared by the SVG map (MapCanvas) and the big canvas map (big/BigMap).
import type { NodeSummary } from '../api/types';

export type Overlay = 'cpu' | 'memory' | null;

/** The node's CPU or memory as a fraction of its range (Scope's metric fill), or null. */
export function overlayFraction(node: NodeSummary, overlay: Overlay): number | null {
  if (!overlay) return null;
  const m = node.metrics?.find((x) => (overlay === 'cpu' ? /cpu/i : /mem/i).test(x.id));
  if (!m) return null;
  const max = m.max > (m.min ?? 0) ? m.max : m.format === 'percent' ? 100 : 0;
  if (!max) return null;
  return Math.max(0, Math.min(1, (m.value - (m.min ?? 0)) / (max - (m.min ?? 0))));
}

/**
 * The part of a circle of radius r (centred at 0, 0, y downwards) below the level a fill
 * fraction reaches: the level's height and the arc's start and end angles (clockwise, through
 * the bottom), for a canvas arc closed by the chord.
 */
export function fillSegment(r: number, fraction: number): { level: number; from: number; to: number } {
  const f = Math.max(0, Math.min(1, fraction));
  const level = r - 2 * r * f;
  const from = Math.asin(Math.max(-1, Math.min(1, level / r)));
  return { level, from, to: Math.PI - from };
}
