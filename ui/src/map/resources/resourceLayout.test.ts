import { describe, expect, it } from 'vitest';
import type { NodeSummary } from '../../api/types';
import { resourceLayout } from './resourceLayout';

const cpu = (value: number, max = 100) => [{ id: 'cpu_usage_percent', label: 'CPU', format: 'percent', value, min: 0, max, priority: 1 }];
const mem = (value: number, max = 0) => [{ id: 'memory_usage_bytes', label: 'Memory', format: 'filesize', value, min: 0, max, priority: 2 }];
const node = (id: string, extra: Partial<NodeSummary>): NodeSummary => ({ id, label: id, labelMinor: '', rank: '', ...extra });
const map = (...ns: NodeSummary[]) => new Map(ns.map((n) => [n.id, n]));

const hosts = map(
  node('b;<host>', { label: 'b', metrics: [...cpu(50), ...mem(2e9, 8e9)] }),
  node('a;<host>', { label: 'a', metrics: [...cpu(10), ...mem(1e9, 4e9)] }),
);
const onA = [{ id: 'a;<host>', label: 'a', topologyId: 'hosts' }];
const containers = map(
  node('c1', { parents: onA, metrics: [...cpu(6), ...mem(5e8)] }),
  node('c2', { parents: onA, metrics: [...cpu(30), ...mem(1e8)] }),
  node('stray', { parents: [{ id: 'gone;<host>', label: 'gone', topologyId: 'hosts' }], metrics: cpu(1) }),
);
const processes = map(
  node('p1', { parents: [...onA, { id: 'c1', label: 'c1', topologyId: 'containers' }], metrics: [...cpu(4), ...mem(3e8)] }),
  node('p2', { parents: onA, metrics: [...cpu(2), ...mem(1e8)] }),
);

describe("Scope's resource view", () => {
  it('lays hosts side by side as wide as their capacity, by name', () => {
    const l = resourceLayout(hosts, new Map(), new Map(), 'memory');
    expect(l.bars.map((b) => [b.label, b.x, b.width, b.value])).toEqual([
      ['a', 0, 4e9, 1e9],
      ['b', 4e9, 8e9, 2e9],
    ]);
    expect(l.total).toBe(12e9);
  });

  it('stacks containers inside their host and processes inside their container, biggest first', () => {
    const l = resourceLayout(hosts, containers, processes, 'memory');
    const bar = (id: string) => l.bars.find((b) => b.id === id)!;
    expect(bar('c1')).toMatchObject({ layer: 'containers', x: 0, width: 5e8 });
    expect(bar('c2')).toMatchObject({ layer: 'containers', x: 5e8, width: 1e8 });
    expect(bar('p1')).toMatchObject({ layer: 'processes', x: 0, width: 3e8 });
    // A process outside containers goes after its host's containers.
    expect(bar('p2')).toMatchObject({ layer: 'processes', x: 6e8, width: 1e8 });
    // Nothing for a host that is not there.
    expect(l.bars.some((b) => b.id === 'stray')).toBe(false);
  });

  it('sizes by CPU on request, and shrinks children that would overflow their parent', () => {
    const l = resourceLayout(hosts, containers, processes, 'cpu');
    const a = l.bars.find((b) => b.id === 'a;<host>')!;
    expect(a.width).toBe(100);
    const big = resourceLayout(hosts, map(node('c3', { parents: onA, metrics: cpu(150) }), node('c4', { parents: onA, metrics: cpu(50) })), new Map(), 'cpu');
    const cs = big.bars.filter((b) => b.layer === 'containers');
    expect(cs.map((b) => b.width)).toEqual([75, 25]);
    expect(cs[1].x + cs[1].width).toBeCloseTo(a.x + a.width);
  });
});
