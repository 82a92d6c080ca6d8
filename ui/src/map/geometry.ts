// The shapes a layout produces and the arithmetic on them, without dagre: the map's main thread
// only needs these, and dagre itself runs in the layout worker (layout.worker.ts).
import type { Edge } from './model';

export interface Point {
  x: number;
  y: number;
}

export interface Layout {
  key: string;
  positions: Map<string, Point>;
  edges: Edge[];
  /** Top-left of the grid of unconnected nodes, and its column count. */
  grid: { x: number; y: number; columns: number };
  /** Set by the grouped layout of big maps (big/groupedLayout.ts): the groups' discs. */
  groups?: GroupBox[];
  /** Connections between groups, counted. */
  groupEdges?: GroupEdge[];
  ms: number;
}

export interface GroupBox {
  id: string;
  x: number;
  y: number;
  r: number;
  members: string[];
}

export interface GroupEdge {
  a: string;
  b: string;
  count: number;
}

export const NODE_W = 130;
export const NODE_H = 90;

export function bounds(positions: ReadonlyMap<string, Point>): { x: number; y: number; width: number; height: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of positions.values()) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  if (minX === Infinity) return { x: 0, y: 0, width: 0, height: 0 };
  return { x: minX - NODE_W / 2, y: minY - NODE_H / 2, width: maxX - minX + NODE_W, height: maxY - minY + NODE_H };
}
