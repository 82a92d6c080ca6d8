import { describe, expect, it } from 'vitest';
import frames from '../test/fixtures/ws_processes_frames.json';
import processes from '../test/fixtures/api_topology_processes.json';
import type { NodeSummary, TopologyDiff } from '../api/types';
import { applyDiff, edgesOf, fromTopology, sameStructure, searchNodes, structureKey, type NodeMap } from './model';

const node = (id: string, adjacency: string[] = [], extra: Partial<NodeSummary> = {}): NodeSummary => ({
  id,
  label: id,
  labelMinor: '',
  rank: '',
  adjacency,
  ...extra,
});

describe('applyDiff', () => {
  it('replays Scope websocket frames: reset, then updates', () => {
    let nodes: NodeMap = new Map([['stale', node('stale')]]);
    for (const f of frames as TopologyDiff[]) nodes = applyDiff(nodes, f);
    expect(nodes.has('stale')).toBe(false);
    expect(nodes.size).toBe(3);
    const updated = (frames as TopologyDiff[])[2].update![0];
    expect(nodes.get(updated.id)).toEqual(updated);
  });

  it('keeps the same map when a frame changes nothing', () => {
    const nodes: NodeMap = new Map([['a', node('a')]]);
    expect(applyDiff(nodes, { add: null, update: null, remove: null })).toBe(nodes);
  });

  it('adds, updates and removes', () => {
    let nodes: NodeMap = new Map([['a', node('a')], ['b', node('b')]]);
    nodes = applyDiff(nodes, { add: [node('c')], update: [node('a', [], { label: 'A!' })], remove: ['b'] });
    expect([...nodes.keys()].sort()).toEqual(['a', 'c']);
    expect(nodes.get('a')!.label).toBe('A!');
  });
});

describe('edgesOf', () => {
  it('draws one edge per connected pair, skipping self-loops and unknown nodes', () => {
    const nodes: NodeMap = new Map([
      ['a', node('a', ['a', 'b', 'zzz'])],
      ['b', node('b', ['a'])],
      ['c', node('c', ['b'])],
    ]);
    const edges = edgesOf(nodes);
    expect(edges.map((e) => [e.source, e.target])).toEqual([
      ['a', 'b'],
      ['c', 'b'],
    ]);
  });

  it('finds the edges of a real processes view', () => {
    const nodes = fromTopology(processes.nodes as unknown as Record<string, NodeSummary>);
    expect(nodes.size).toBe(79);
    expect(edgesOf(nodes).length).toBeGreaterThan(0);
  });

  it('has a structure key that ignores metadata', () => {
    const a = structureKey(['x', 'y'], [{ id: 'x\u0000y', source: 'x', target: 'y' }]);
    const b = structureKey(['y', 'x'], [{ id: 'x\u0000y', source: 'y', target: 'x' }]);
    expect(a).toBe(b);
    expect(structureKey(['x', 'y', 'z'], [{ id: 'x\u0000y', source: 'x', target: 'y' }])).not.toBe(a);
    expect(structureKey(['x', 'y'], [{ id: 'x\u0000z', source: 'x', target: 'z' }])).not.toBe(a);
    expect(structureKey(['x', 'y'], [])).not.toBe(a);
  });
});

describe('search', () => {
  const nodes = fromTopology(processes.nodes as unknown as Record<string, NodeSummary>);

  it('matches labels, case-insensitively', () => {
    const hits = searchNodes(nodes, 'BASH')!;
    expect(hits.size).toBeGreaterThan(0);
    for (const id of hits) expect(JSON.stringify(nodes.get(id)).toLowerCase()).toContain('bash');
  });

  it('matches field:value against metadata', () => {
    const hits = searchNodes(nodes, 'pid:1')!;
    expect(hits.size).toBeGreaterThan(0);
    for (const id of hits) expect(nodes.get(id)!.metadata!.find((m) => m.id === 'pid')!.value).toContain('1');
  });

  it('compares metrics', () => {
    const all = searchNodes(nodes, 'cpu>-1')!;
    const none = searchNodes(nodes, 'cpu>100000')!;
    expect(all.size).toBeGreaterThan(0);
    expect(none.size).toBe(0);
  });

  it('ANDs words and returns null for an empty query', () => {
    expect(searchNodes(nodes, '   ')).toBeNull();
    expect(searchNodes(nodes, 'bash no-such-thing')!.size).toBe(0);
  });
});

describe('sameStructure', () => {
  const a = new Map<string, NodeSummary>([
    ['x', { id: 'x', label: 'x', labelMinor: '', rank: '', adjacency: ['y'] }],
    ['y', { id: 'y', label: 'y', labelMinor: '', rank: '', adjacency: [] }],
  ]);
  it('holds for a frame of new metrics (new objects, same ids and adjacency)', () => {
    const b = applyDiff(a, { update: [{ id: 'x', label: 'x', labelMinor: '', rank: '', adjacency: ['y'], metrics: [] }] });
    expect(b).not.toBe(a);
    expect(sameStructure(a, b)).toBe(true);
  });
  it('fails for another connection, another node or one node fewer', () => {
    expect(sameStructure(a, applyDiff(a, { update: [{ id: 'y', label: 'y', labelMinor: '', rank: '', adjacency: ['x'] }] }))).toBe(false);
    expect(sameStructure(a, applyDiff(a, { add: [{ id: 'z', label: 'z', labelMinor: '', rank: '' }] }))).toBe(false);
    expect(sameStructure(a, applyDiff(a, { remove: ['y'] }))).toBe(false);
    expect(sameStructure(a, new Map([...a].map(([k, n]) => [k === 'y' ? 'w' : k, n])))).toBe(false);
  });
});
