import { describe, expect, it } from 'vitest';
import type { NodeSummary } from '../../api/types';
import { groupedLayout, SPACING } from './groupedLayout';
import { AUTO_OPEN_MEMBERS, buildScene, changedIn, hitTest, labels, MEMBER_LABEL_PX, nodeMarks, openGroups, type View } from './scene';

const nodes = new Map<string, NodeSummary>();
const list: { id: string; group: string }[] = [];
for (let g = 0; g < 20; g++)
  for (let i = 0; i < 200; i++) {
    const id = `h${g};${i}`;
    nodes.set(id, { id, label: `proc-${g}-${i}`, labelMinor: `host-${g} (${i})`, rank: 'p' });
    list.push({ id, group: `host-${g}` });
  }
const layout = groupedLayout({ nodes: list, edges: [{ id: 'e', source: 'h0;0', target: 'h1;0' }], key: 'k' }, null);
const scene = buildScene(layout);
const W = 1200;
const H = 800;

function fitted(): View {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const g of layout.groups!) {
    x0 = Math.min(x0, g.x - g.r);
    y0 = Math.min(y0, g.y - g.r);
    x1 = Math.max(x1, g.x + g.r);
    y1 = Math.max(y1, g.y + g.r);
  }
  const k = Math.min(W / (x1 - x0), H / (y1 - y0));
  return { k, x: W / 2 - ((x0 + x1) / 2) * k, y: H / 2 - ((y0 + y1) / 2) * k };
}

describe('what the big map draws', () => {
  it('labels every group with its size at the fitted zoom, and no anonymous members', () => {
    const v = fitted();
    const open = openGroups(scene, new Set(), v, W, H);
    expect(open.size).toBe(0);
    const ls = labels(scene, nodes, layout, open, v, W, H, []);
    expect(ls.filter((l) => l.kind === 'group').map((l) => l.text).sort()).toEqual(
      Array.from({ length: 20 }, (_, g) => `host-${g} (200)`).sort(),
    );
    expect(ls.some((l) => l.kind === 'node')).toBe(false);
  });

  it('labels the best connected member of an open group, and all members once zoomed in', () => {
    const v = fitted();
    const open = new Set(['host-0']);
    expect(labels(scene, nodes, layout, open, v, W, H, []).filter((l) => l.kind === 'node').map((l) => l.text)).toEqual(['proc-0-0']);
    const g = layout.groups!.find((x) => x.id === 'host-0')!;
    const k = MEMBER_LABEL_PX / SPACING + 0.1;
    const close: View = { k, x: W / 2 - g.x * k, y: H / 2 - g.y * k };
    const near = labels(scene, nodes, layout, openGroups(scene, open, close, W, H), close, W, H, []).filter((l) => l.kind === 'node');
    expect(near.length).toBeGreaterThan(20);
    // None on top of another.
    for (const a of near) for (const b of near) if (a !== b) expect(Math.abs(a.x - b.x) > 30 || Math.abs(a.y - b.y) >= 16).toBe(true);
  });

  it('opens groups by itself when zoomed in, within a budget of members', () => {
    const v = fitted();
    const zoomed: View = { k: v.k * 6, x: v.x * 6 - (W * 5) / 2, y: v.y * 6 - (H * 5) / 2 };
    const open = openGroups(scene, new Set(), zoomed, W, H);
    expect(open.size).toBeGreaterThan(0);
    expect([...open].length * 200).toBeLessThanOrEqual(AUTO_OPEN_MEMBERS);
  });

  it('finds the member or the group under the pointer', () => {
    const v = fitted();
    const g = layout.groups!.find((x) => x.id === 'host-3')!;
    const centre = { x: g.x * v.k + v.x, y: g.y * v.k + v.y };
    expect(hitTest(scene, layout, new Set(), v, centre)).toEqual({ kind: 'group', id: 'host-3' });
    const first = layout.positions.get(g.members[0])!;
    expect(hitTest(scene, layout, new Set(['host-3']), v, { x: first.x * v.k + v.x, y: first.y * v.k + v.y })).toEqual({ kind: 'node', id: g.members[0] });
    expect(hitTest(scene, layout, new Set(), v, { x: -500, y: -500 })).toBeNull();
  });

  it("marks the members on screen with their colour and the overlay's metric, and dims what the search misses", () => {
    const v = fitted();
    const withCpu = new Map(nodes);
    withCpu.set('h0;0', { ...nodes.get('h0;0')!, metrics: [{ id: 'process_cpu_usage_percent', label: 'CPU', format: 'percent', value: 40, min: 0, max: 100, priority: 1 }] });
    const marks = nodeMarks(scene, withCpu, layout, new Set(['host-0']), v, W, H, new Set(['h0;0']), 'cpu');
    expect(marks).toHaveLength(200);
    const m = marks.find((x) => x.id === 'h0;0')!;
    expect(m.fill).toBeCloseTo(0.4);
    expect(m.dim).toBe(false);
    expect(marks.filter((x) => x.dim)).toHaveLength(199);
    expect(marks.every((x) => x.id === 'h0;0' || x.fill === null)).toBe(true);
    expect(nodeMarks(scene, withCpu, layout, new Set(['host-0']), v, W, H, null, null).every((x) => x.fill === null)).toBe(true);
    // Closed groups draw no members; `only` narrows to the nodes a live update replaced.
    expect(nodeMarks(scene, withCpu, layout, new Set(), v, W, H, null, 'cpu')).toHaveLength(0);
    const only = nodeMarks(scene, withCpu, layout, new Set(['host-0', 'host-1']), v, W, H, null, 'cpu', changedIn(nodes, withCpu));
    expect(only.map((x) => x.id)).toEqual(['h0;0']);
  });
});
