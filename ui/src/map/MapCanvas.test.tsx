import { fireEvent, render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import processes from '../test/fixtures/api_topology_processes.json';
import type { NodeSummary } from '../api/types';
import { fullLayout } from './layout';
import { MapCanvas, overlayFraction } from './MapCanvas';
import { edgesOf, fromTopology, searchNodes, structureKey } from './model';

const nodes = fromTopology(processes.nodes as unknown as Record<string, NodeSummary>);
const edges = edgesOf(nodes);
const ids = [...nodes.keys()];
const layout = fullLayout({
  nodes: [...nodes.values()].map((n) => ({ id: n.id, rank: n.rank, label: n.label })),
  edges,
  key: structureKey(ids, edges),
});

describe('MapCanvas', () => {
  it('draws every node with its shape and labels, and every edge', () => {
    const { container } = render(
      <MapCanvas nodes={nodes} layout={layout} selected={null} matches={null} fitKey="p" onSelect={vi.fn()} />,
    );
    expect(container.querySelectorAll('g.node')).toHaveLength(nodes.size);
    expect(container.querySelectorAll('path.edge')).toHaveLength(edges.length);
    const bash = container.querySelector('g.node[data-label="bash"]')!;
    expect(bash.querySelector('[data-shape="square"]')).toBeTruthy();
    expect(bash.querySelector('text.minor')!.textContent).toMatch(/^vm \(\d+\)$/);
  });

  it('selects a node on click and dims what the search does not match', () => {
    const onSelect = vi.fn();
    const matches = searchNodes(nodes, 'bash');
    const { container } = render(
      <MapCanvas nodes={nodes} layout={layout} selected={null} matches={matches} fitKey="p" onSelect={onSelect} />,
    );
    const bash = container.querySelector('g.node[data-label="bash"]')!;
    fireEvent.pointerDown(bash, { button: 0, clientX: 10, clientY: 10 });
    fireEvent.pointerUp(bash, { button: 0, clientX: 10, clientY: 10 });
    expect(onSelect).toHaveBeenCalledWith(bash.getAttribute('data-node-id'));
    expect(container.querySelectorAll('g.node.dim')).toHaveLength(nodes.size - matches!.size);
  });

  it('zooms with the buttons without re-rendering nodes', () => {
    const { container, getByRole } = render(
      <MapCanvas nodes={nodes} layout={layout} selected={null} matches={null} fitKey="p" onSelect={vi.fn()} />,
    );
    const svg = container.querySelector('svg')!;
    const before = Number(svg.dataset.zoom);
    const node = container.querySelector('g.node');
    fireEvent.click(getByRole('button', { name: 'Zoom in' }));
    expect(Number(svg.dataset.zoom)).toBeGreaterThan(before);
    expect(container.querySelector('g.node')).toBe(node);
  });

  it('fills each node with its CPU when asked, in proportion to the metric', () => {
    const { container } = render(
      <MapCanvas nodes={nodes} layout={layout} selected={null} matches={null} fitKey="p" onSelect={vi.fn()} overlay="cpu" />,
    );
    const withCpu = [...nodes.values()].filter((n) => overlayFraction(n, 'cpu') !== null);
    expect(withCpu.length).toBeGreaterThan(0);
    expect(container.querySelectorAll('rect.overlay')).toHaveLength(withCpu.length);
    const n = withCpu[0];
    const glyph = [...container.querySelectorAll('g.node')].find((g) => g.getAttribute('data-node-id') === n.id)!;
    const rect = glyph.querySelector('rect.overlay')!;
    expect(Number(rect.getAttribute('data-fill'))).toBeCloseTo(overlayFraction(n, 'cpu')!, 2);
    expect(overlayFraction({ id: 'x', label: 'x', labelMinor: '', rank: '', metrics: [{ id: 'process_cpu_usage_percent', label: 'CPU', format: 'percent', value: 25, min: 0, max: 0 }] }, 'cpu')).toBe(0.25);
    const none = render(<MapCanvas nodes={nodes} layout={layout} selected={null} matches={null} fitKey="p" onSelect={vi.fn()} />);
    expect(none.container.querySelectorAll('rect.overlay')).toHaveLength(0);
  });
});
