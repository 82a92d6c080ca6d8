import { describe, expect, it } from 'vitest';
import type { Edge } from '../model';
import { groupedLayout, groupRadius, NODE_R } from './groupedLayout';

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
});
