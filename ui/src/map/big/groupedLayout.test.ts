import { describe, expect, it } from 'vitest';
import type { Edge } from '../model';
import { forceLinks, groupedLayout, groupRadius, LINKS_PER_GROUP, NODE_R } from './groupedLayout';

function input(groups: number, perGroup: number, links: [number, number][]) {
  const nodes: { id: string; group: string }[] = [];
  for (let g = 0; g < groups; g++) for (let i = 0; i < perGroup; i++) nodes.push({ id: `g${g}n${i}`, group: `host-${g}` });
  const edges: Edge[] = links.map(([a, b]) => ({ id: `${a}-${b}`, source: nodes[a].id, target: nodes[b].id }));
  return { nodes, edges, key: 'k' };
}

describe('grouped layout', () => {
  it('puts every node inside its group, and no two groups or nodes on top of each other', () => {
    const l = groupedLayout(input(12, 30, [[0, 40], [1, 100], [35, 200]]), null);
    expect(l.positions.size).toBe(360);
    expect(l.groups).toHaveLength(12);
    for (const g of l.groups!) {
      expect(g.r).toBe(groupRadius(30));
      for (const id of g.members) {
        const p = l.positions.get(id)!;
        expect(Math.hypot(p.x - g.x, p.y - g.y)).toBeLessThan(g.r - NODE_R);
      }
    }
    for (const a of l.groups!)
      for (const b of l.groups!) if (a !== b) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(a.r + b.r);
    const seen = new Set([...l.positions.values()].map((p) => `${Math.round(p.x)},${Math.round(p.y)}`));
    expect(seen.size).toBe(360);
  });

  it('counts connections between groups and puts the best connected member in the middle', () => {
    // n0 (host-0) talks to three nodes of host-1 and one of host-2.
    const l = groupedLayout(input(3, 10, [[0, 10], [0, 11], [0, 12], [0, 20], [3, 4]]), null);
    expect(l.groupEdges).toEqual(
      expect.arrayContaining([
        { a: 'host-0', b: 'host-1', count: 3 },
        { a: 'host-0', b: 'host-2', count: 1 },
      ]),
    );
    expect(l.groupEdges).toHaveLength(2);
    expect(l.groups!.find((g) => g.id === 'host-0')!.members[0]).toBe('g0n0');
  });

  it('keeps the groups where they were when the data changes a little', () => {
    const a = groupedLayout(input(8, 20, [[0, 30], [50, 90]]), null);
    const b = groupedLayout({ ...input(8, 20, [[0, 30], [50, 90], [1, 120]]), key: 'k2' }, a);
    for (const g of a.groups!) {
      const h = b.groups!.find((x) => x.id === g.id)!;
      expect(Math.hypot(g.x - h.x, g.y - h.y)).toBeLessThan(g.r);
    }
  });

  it("pulls each group only along its strongest connections, and still draws them all", () => {
    // Every pair of 20 groups connected, host-0 most strongly with host-1.
    const edges = [];
    for (let a = 0; a < 20; a++) for (let b = a + 1; b < 20; b++) edges.push({ a: `host-${a}`, b: `host-${b}`, count: a === 0 && b === 1 ? 50 : 1 + ((a * 7 + b) % 5) });
    const kept = forceLinks(edges);
    expect(kept.length).toBeLessThanOrEqual(20 * LINKS_PER_GROUP);
    expect(kept.length).toBeLessThan(edges.length / 2);
    expect(kept).toContainEqual({ a: 'host-0', b: 'host-1', count: 50 });
    for (let g = 0; g < 20; g++) {
      const id = `host-${g}`;
      const own = edges.filter((l) => l.a === id || l.b === id);
      const best = Math.max(...own.map((l) => l.count));
      expect(kept.some((l) => (l.a === id || l.b === id) && l.count === best)).toBe(true);
    }
    const l = groupedLayout(input(20, 3, edges.map((e) => [Number(e.a.slice(5)) * 3, Number(e.b.slice(5)) * 3] as [number, number])), null);
    expect(l.groupEdges).toHaveLength(190);
  });
});
