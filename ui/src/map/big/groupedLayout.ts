// The layout of a big map (see ADR 0018): nodes in groups (by host, name or image), each group a
// disc with its members on a sunflower spiral, the best connected in the middle; the discs are
// placed by d3-force so that groups that talk to each other sit close, without overlapping.
// Linear in the nodes and edges apart from the force run on the groups, which has a time budget.
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';
import type { GroupBox, GroupEdge, Layout, Point } from '../geometry';
import type { Edge } from '../model';
import { groupRadius, spiral, SPACING } from './discs';

export { groupRadius, NODE_R, SPACING, spiral } from './discs';

export interface GroupedInput {
  nodes: { id: string; group: string }[];
  edges: Edge[];
  key: string;
}


interface GroupNode extends SimulationNodeDatum {
  id: string;
  r: number;
}

interface GroupLink extends SimulationLinkDatum<GroupNode> {
  count: number;
}

/**
 * Half of d3's default ticks (about 150, not 300): 50–500 discs settle in them, and the force
 * run is most of the layout's time on a loaded 2-core machine (0.3–0.5 s at 50 groups).
 */
const ALPHA_DECAY = 1 - Math.pow(0.001, 1 / 150);

/** Each group pulls towards at most this many others, its best connected (see forceLinks). */
export const LINKS_PER_GROUP = 6;

/**
 * The connections the force run pulls along: each group's LINKS_PER_GROUP strongest. A random
 * mesh connects nearly every pair of groups (1,210 of 1,225 at 50 hosts), and pulling along all of
 * them cost most of the layout (0.3–0.5 s of 2,000 nodes on the CI machine) while placing the
 * groups no better than their strongest few; all of them are still drawn.
 */
export function forceLinks(edges: readonly GroupEdge[], perGroup = LINKS_PER_GROUP): GroupEdge[] {
  const byGroup = new Map<string, GroupEdge[]>();
  for (const l of edges) {
    (byGroup.get(l.a) ?? byGroup.set(l.a, []).get(l.a)!).push(l);
    (byGroup.get(l.b) ?? byGroup.set(l.b, []).get(l.b)!).push(l);
  }
  const kept = new Set<GroupEdge>();
  for (const ls of byGroup.values()) {
    ls.sort((x, y) => y.count - x.count || (x.a + x.b < y.a + y.b ? -1 : 1));
    for (const l of ls.slice(0, perGroup)) kept.add(l);
  }
  return edges.filter((l) => kept.has(l));
}

export function groupedLayout(input: GroupedInput, prev: Layout | null, budgetMs = 1500): Layout {
  const start = performance.now();
  const degree = new Map<string, number>();
  for (const e of input.edges) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  const groupOf = new Map<string, string>();
  const members = new Map<string, string[]>();
  for (const n of input.nodes) {
    groupOf.set(n.id, n.group);
    let m = members.get(n.group);
    if (!m) members.set(n.group, (m = []));
    m.push(n.id);
  }
  for (const m of members.values()) m.sort((a, b) => (degree.get(b) ?? 0) - (degree.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));

  const links = new Map<string, GroupEdge>();
  for (const e of input.edges) {
    const a = groupOf.get(e.source)!;
    const b = groupOf.get(e.target)!;
    if (a === b) continue;
    const [p, q] = a < b ? [a, b] : [b, a];
    const k = `${p}\u0000${q}`;
    const l = links.get(k);
    if (l) l.count++;
    else links.set(k, { a: p, b: q, count: 1 });
  }

  // Biggest groups first: d3 seeds unplaced nodes on a spiral, so the big ones end up central.
  const order = [...members.keys()].sort((a, b) => members.get(b)!.length - members.get(a)!.length || (a < b ? -1 : 1));
  const old = new Map((prev?.groups ?? []).map((g) => [g.id, g]));
  const simNodes: GroupNode[] = order.map((id) => {
    const o = old.get(id);
    return { id, r: groupRadius(members.get(id)!.length), ...(o ? { x: o.x, y: o.y } : {}) };
  });
  const groupEdges = [...links.values()];
  const maxCount = groupEdges.reduce((m, l) => Math.max(m, l.count), 1);
  const sim = forceSimulation(simNodes)
    .force('collide', forceCollide<GroupNode>((d) => d.r + SPACING).iterations(2))
    .force('charge', forceManyBody<GroupNode>().strength((d) => -d.r * 2))
    .force(
      'link',
      forceLink<GroupNode, GroupLink>(forceLinks(groupEdges).map((l) => ({ source: l.a, target: l.b, count: l.count })))
        .id((d) => d.id)
        .distance((l) => (l.source as GroupNode).r + (l.target as GroupNode).r + SPACING * 2)
        .strength((l) => 0.05 + 0.4 * (l.count / maxCount)),
    )
    .force('x', forceX(0).strength(0.06))
    .force('y', forceY(0).strength(0.06))
    .alphaDecay(ALPHA_DECAY)
    .stop();
  if (old.size > 0 && order.every((id) => old.has(id))) sim.alpha(0.15);
  // Ticks until settled (about 150) or out of time.
  const deadline = start + budgetMs;
  for (let i = 0; i < 400 && sim.alpha() > sim.alphaMin(); i++) {
    sim.tick();
    if ((i & 7) === 7 && performance.now() > deadline) break;
  }

  const positions = new Map<string, Point>();
  const groups: GroupBox[] = simNodes.map((g) => {
    const list = members.get(g.id)!;
    const x = g.x ?? 0;
    const y = g.y ?? 0;
    list.forEach((id, i) => {
      const p = spiral(i);
      positions.set(id, { x: x + p.x, y: y + p.y });
    });
    return { id: g.id, x, y, r: g.r, members: list };
  });
  return { key: input.key, positions, edges: input.edges, grid: { x: 0, y: 0, columns: 1 }, groups, groupEdges, ms: performance.now() - start };
}
