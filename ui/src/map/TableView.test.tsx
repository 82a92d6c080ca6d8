import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import processes from '../test/fixtures/api_topology_processes.json';
import type { NodeSummary } from '../api/types';
import { fromTopology, searchNodes } from './model';
import { TableView } from './TableView';

const nodes = fromTopology(processes.nodes as unknown as Record<string, NodeSummary>);

describe('TableView', () => {
  it('lists the same nodes as the graph, with metric columns', () => {
    render(<TableView nodes={nodes} matches={null} selected={null} onSelect={vi.fn()} />);
    expect(screen.getAllByRole('row')).toHaveLength(nodes.size + 1);
    expect(screen.getByRole('button', { name: /CPU/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Memory/ })).toBeTruthy();
  });

  it('sorts by a metric, biggest first', () => {
    render(<TableView nodes={nodes} matches={null} selected={null} onSelect={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: /Memory/ }));
    const ids = screen.getAllByRole('row').slice(1).map((r) => r.getAttribute('data-node-id')!);
    const mem = (id: string) => nodes.get(id)!.metrics!.find((m) => m.id === 'process_memory_usage_bytes')?.value ?? -1;
    for (let i = 1; i < ids.length; i++) expect(mem(ids[i - 1])).toBeGreaterThanOrEqual(mem(ids[i]));
  });

  it('shows only matches and selects on click', () => {
    const onSelect = vi.fn();
    const matches = searchNodes(nodes, 'bash')!;
    render(<TableView nodes={nodes} matches={matches} selected={null} onSelect={onSelect} />);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(matches.size);
    fireEvent.click(rows[0]);
    expect(onSelect).toHaveBeenCalledWith(rows[0].getAttribute('data-node-id'));
  });
});
