import { describe, expect, it } from 'vitest';
import { fullLayout, nextLayout, NODE_H, NODE_W, type LayoutInput } from './layout';
import { structureKey, type Edge } from './model';

function input(ids: string[], pairs: [string, string][]): LayoutInput {
  const edges: Edge[] = pairs.map(([s, t]) => ({ id: `${s < t ? s : t}\u0000${s < t ? t : s}`, source: s, target: t }));
  return { nodes: ids.map((id) => ({ id, rank: '', label: id })), edges, key: structureKey(ids, edges) };
}

function overlaps(l: ReturnType<typeof fullLayout>): number {
  const ps = [...l.positions.values()];
  let n = 0;
  for (let i = 0; i < ps.length; i++)
    for (let j = i + 1; j < ps.length; j++)
      if (Math.abs(ps[i].x - ps[j].x) < NODE_W * 0.9 && Math.abs(ps[i].y - ps[j].y) < NODE_H * 0.9) n++;
  return n;
}

describe('layout', () => {
  it('places every node without overlaps, connected ones above the grid of loners', () => {
    const ids = ['a', 'b', 'c', 'd', 'x', 'y', 'z'];
    const l = fullLayout(input(ids, [['a', 'b'], ['b', 'c'], ['a', 'd']]));
    expect(l.positions.size).toBe(7);
    expect(overlaps(l)).toBe(0);
    const maxConnectedY = Math.max(...['a', 'b', 'c', 'd'].map((id) => l.positions.get(id)!.y));
    expect(l.positions.get('x')!.y).toBeGreaterThan(maxConnectedY);
    // Layered: a before its children.
    expect(l.positions.get('a')!.y).toBeLessThan(l.positions.get('b')!.y);
  });

  it('is deterministic', () => {
    const i = input(['a', 'b', 'c', 'q'], [['a', 'b'], ['c', 'b']]);
    expect([...fullLayout(i).positions]).toEqual([...fullLayout(i).positions]);
  });

  it('keeps the layout when only metadata changed', () => {
    const i = input(['a', 'b'], [['a', 'b']]);
    const l = fullLayout(i);
    expect(nextLayout(l, { ...i, nodes: [...i.nodes] })).toBe(l);
  });

  it('moves nobody when nodes go away', () => {
    const before = fullLayout(input(['a', 'b', 'c', 'x', 'y'], [['a', 'b'], ['b', 'c']]));
    const after = nextLayout(before, input(['a', 'b', 'x'], [['a', 'b']]));
    for (const id of ['a', 'b', 'x']) expect(after.positions.get(id)).toEqual(before.positions.get(id));
    expect(after.positions.has('c')).toBe(false);
  });

  it('puts new unconnected nodes in free slots without moving the others', () => {
    const before = fullLayout(input(['a', 'b', 'x', 'y'], [['a', 'b']]));
    const after = nextLayout(before, input(['a', 'b', 'x', 'y', 'new1', 'new2'], [['a', 'b']]));
    for (const id of ['a', 'b', 'x', 'y']) expect(after.positions.get(id)).toEqual(before.positions.get(id));
    expect(overlaps(after)).toBe(0);
  });

  it('keeps shared nodes near where they were on a real change', () => {
    const before = fullLayout(input(['a', 'b', 'c'], [['a', 'b'], ['a', 'c']]));
    const after = nextLayout(before, input(['a', 'b', 'c', 'd'], [['a', 'b'], ['a', 'c'], ['c', 'd']]));
    let drift = 0;
    for (const id of ['a', 'b', 'c']) {
      const p = before.positions.get(id)!;
      const q = after.positions.get(id)!;
      drift += Math.hypot(p.x - q.x, p.y - q.y);
    }
    expect(drift / 3).toBeLessThan(NODE_W * 1.5);
    expect(overlaps(after)).toBe(0);
  });

  it('lays out a thousand nodes', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `n${i}`);
    const pairs: [string, string][] = [];
    for (let i = 1; i < 700; i++) pairs.push([`n${Math.floor((i - 1) / 4)}`, `n${i}`]);
    const l = fullLayout(input(ids, pairs));
    expect(l.positions.size).toBe(1000);
  });
});
