// Where nodes go. Connected nodes are laid out by dagre (layered, as Weave Scope's own UI does);
// nodes without edges go in a grid below them. Updates keep what they can: a change that only
// removes nodes, or only adds unconnected ones, moves nobody else; a real change of structure
// lays out again and shifts the result so the nodes both layouts share stay where they were.
import dagre from '@dagrejs/dagre';
import { NODE_H, NODE_W, type Layout, type Point } from './geometry';
import type { Edge } from './model';

export { bounds, NODE_H, NODE_W, type Layout, type Point } from './geometry';

export interface LayoutInput {
  nodes: { id: string; rank: string; label: string }[];
  edges: Edge[];
  key: string;
}

const byRankThenLabel = (a: { rank: string; label: string; id: string }, b: { rank: string; label: string; id: string }) =>
  a.rank.localeCompare(b.rank) || a.label.localeCompare(b.label) || a.id.localeCompare(b.id);

function gridColumns(count: number, width: number): number {
  const byShape = Math.ceil(Math.sqrt(count * 1.6));
  const byWidth = Math.max(1, Math.floor(width / NODE_W));
  return Math.max(1, count > 0 ? Math.max(byShape, Math.min(byWidth, count)) : byShape);
}

/** Lays everything out from scratch. */
export function fullLayout(input: LayoutInput): Layout {
  const start = now();
  const connected = new Set<string>();
  for (const e of input.edges) {
    connected.add(e.source);
    connected.add(e.target);
  }
  const positions = new Map<string, Point>();
  const { width: graphWidth, height: graphHeight } = layoutComponents(input, connected, positions);
  const loose = input.nodes.filter((n) => !connected.has(n.id)).sort(byRankThenLabel);
  const columns = gridColumns(loose.length, graphWidth);
  const grid = {
    x: graphWidth > 0 ? graphWidth / 2 - ((Math.min(columns, loose.length) - 1) * NODE_W) / 2 : 0,
    y: graphHeight > 0 ? graphHeight + NODE_H : 0,
    columns,
  };
  loose.forEach((n, i) => positions.set(n.id, gridSlot(grid, i)));
  return { key: input.key, positions, edges: input.edges, grid, ms: now() - start };
}

/** Above this many nodes a component is ranked by longest path, about four times faster than network simplex. */
const SIMPLEX_LIMIT = 150;
const GAP = 60;

/**
 * Lays out each connected component on its own with dagre (much cheaper than one big graph of
 * many small components) and packs them into rows, biggest first.
 */
function layoutComponents(input: LayoutInput, connected: Set<string>, out: Map<string, Point>): { width: number; height: number } {
  if (connected.size === 0) return { width: 0, height: 0 };
  const nodes = input.nodes.filter((n) => connected.has(n.id)).sort(byRankThenLabel);
  const parent = new Map<string, string>(nodes.map((n) => [n.id, n.id]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    while (parent.get(x) !== r) {
      const next = parent.get(x)!;
      parent.set(x, r);
      x = next;
    }
    return r;
  };
  for (const e of input.edges) parent.set(find(e.source), find(e.target));
  const components = new Map<string, { nodes: string[]; edges: Edge[] }>();
  for (const n of nodes) {
    const root = find(n.id);
    let c = components.get(root);
    if (!c) components.set(root, (c = { nodes: [], edges: [] }));
    c.nodes.push(n.id);
  }
  for (const e of input.edges) components.get(find(e.source))!.edges.push(e);

  const laid = [...components.values()]
    .sort((a, b) => b.nodes.length - a.nodes.length || a.nodes[0].localeCompare(b.nodes[0]))
    .map((c) => {
      const g = new dagre.graphlib.Graph();
      g.setGraph({
        rankdir: 'TB',
        nodesep: 30,
        ranksep: 60,
        marginx: 0,
        marginy: 0,
        ranker: c.nodes.length > SIMPLEX_LIMIT ? 'longest-path' : 'network-simplex',
      });
      g.setDefaultEdgeLabel(() => ({}));
      for (const id of c.nodes) g.setNode(id, { width: NODE_W, height: NODE_H });
      for (const e of c.edges) g.setEdge(e.source, e.target);
      dagre.layout(g);
      const local = new Map<string, Point>();
      for (const id of g.nodes()) {
        const n = g.node(id);
        local.set(id, { x: n.x, y: n.y });
      }
      const gl = g.graph();
      return { local, width: gl.width ?? NODE_W, height: gl.height ?? NODE_H };
    });

  const area = laid.reduce((sum, c) => sum + (c.width + GAP) * (c.height + GAP), 0);
  const rowWidth = Math.max(laid[0].width, Math.sqrt(area) * 1.6);
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  let width = 0;
  for (const c of laid) {
    if (x > 0 && x + c.width > rowWidth) {
      x = 0;
      y += rowHeight + GAP;
      rowHeight = 0;
    }
    for (const [id, p] of c.local) out.set(id, { x: x + p.x, y: y + p.y });
    x += c.width + GAP;
    width = Math.max(width, x - GAP);
    rowHeight = Math.max(rowHeight, c.height);
  }
  return { width, height: y + rowHeight };
}

function gridSlot(grid: Layout['grid'], i: number): Point {
  return { x: grid.x + (i % grid.columns) * NODE_W, y: grid.y + Math.floor(i / grid.columns) * NODE_H };
}

/** The next layout given the previous one; see the file comment for what stays put. */
export function nextLayout(prev: Layout | null, input: LayoutInput): Layout {
  if (prev && prev.key === input.key) return prev;
  if (!prev || prev.positions.size === 0) return fullLayout(input);
  const start = now();
  const prevEdges = new Set(prev.edges.map((e) => e.id));
  const newEdges = input.edges.filter((e) => !prevEdges.has(e.id));
  const added = input.nodes.filter((n) => !prev.positions.has(n.id));
  const connectedAdded = added.some((n) => newEdges.some((e) => e.source === n.id || e.target === n.id));
  if (newEdges.length === 0 && !connectedAdded) {
    // Only removals, or new nodes with no edges: keep everyone, put newcomers in free grid slots.
    const positions = new Map<string, Point>();
    for (const n of input.nodes) {
      const p = prev.positions.get(n.id);
      if (p) positions.set(n.id, p);
    }
    if (added.length > 0) {
      const taken = new Set<string>();
      for (const p of positions.values()) taken.add(`${Math.round(p.x)},${Math.round(p.y)}`);
      let slot = 0;
      for (const n of added.sort(byRankThenLabel)) {
        let p = gridSlot(prev.grid, slot++);
        while (taken.has(`${Math.round(p.x)},${Math.round(p.y)}`)) p = gridSlot(prev.grid, slot++);
        taken.add(`${Math.round(p.x)},${Math.round(p.y)}`);
        positions.set(n.id, p);
      }
    }
    return { key: input.key, positions, edges: input.edges, grid: prev.grid, ms: now() - start };
  }
  const next = fullLayout(input);
  // Shift the new layout so that the shared nodes' centre stays where it was.
  let dx = 0;
  let dy = 0;
  let shared = 0;
  for (const [id, p] of next.positions) {
    const q = prev.positions.get(id);
    if (q) {
      dx += q.x - p.x;
      dy += q.y - p.y;
      shared++;
    }
  }
  if (shared > 0) {
    dx /= shared;
    dy /= shared;
    for (const [id, p] of next.positions) next.positions.set(id, { x: p.x + dx, y: p.y + dy });
    next.grid = { ...next.grid, x: next.grid.x + dx, y: next.grid.y + dy };
  }
  next.ms = now() - start;
  return next;
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
