import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
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

  const many = (count: number) => {
    const m = new Map<string, NodeSummary>();
    for (let i = 0; i < count; i++) {
      const id = `n${i}`;
      m.set(id, {
        id,
        label: `proc-${String(i).padStart(4, '0')}`,
        labelMinor: '',
        rank: '',
        // Every third has no CPU value; one has a very long command line.
        metrics: i % 3 === 0 ? [] : [{ id: 'cpu', label: 'CPU', format: 'percent', value: i % 97, min: 0, max: 100 }],
        metadata: [{ id: 'cmd', label: 'Command', value: i === 5 ? `/usr/bin/java ${'-Dsome.long.option=value '.repeat(80)}` : `/bin/p${i}` }],
      });
    }
    return m;
  };

  it('puts rows without a value last, whichever way the column is sorted', () => {
    const m = many(30);
    render(<TableView nodes={m} matches={null} selected={null} onSelect={vi.fn()} />);
    const cpu = screen.getByRole('button', { name: /CPU/ });
    const blanks = () => screen.getAllByRole('row').slice(1).map((r) => m.get(r.getAttribute('data-node-id')!)!.metrics!.length === 0);
    for (const direction of ['biggest first', 'smallest first']) {
      fireEvent.click(cpu);
      const b = blanks();
      expect(b.indexOf(true), direction).toBe(20);
      expect(b.slice(20).every(Boolean), direction).toBe(true);
    }
  });

  it('cuts long values with the whole value on hover', () => {
    render(<TableView nodes={many(30)} matches={null} selected={null} onSelect={vi.fn()} />);
    const long = screen.getByTitle(/^\/usr\/bin\/java -Dsome/);
    expect(long.className).toBe('cell');
    expect(long.getAttribute('title')!.length).toBeGreaterThan(1000);
  });

  it('renders only the rows on screen of a table of 2,000, and sorts all of them', () => {
    // jsdom lays nothing out: the table's scroller is given the size of a laptop's screen.
    const height = vi.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(800);
    const width = vi.spyOn(Element.prototype, 'clientWidth', 'get').mockReturnValue(1000);
    onTestFinished(() => {
      height.mockRestore();
      width.mockRestore();
    });
    render(<TableView nodes={many(2000)} matches={null} selected={null} onSelect={vi.fn()} />);
    const rendered = () => screen.getAllByRole('row').filter((r) => r.hasAttribute('data-node-id'));
    expect(rendered().length).toBeGreaterThan(10);
    expect(rendered().length).toBeLessThan(100);
    expect(screen.getByRole('table').closest('.table-view')!.getAttribute('data-rows')).toBe('2000');
    fireEvent.click(screen.getByRole('button', { name: /Name/ }));
    expect(rendered()[0].getAttribute('data-node-id')).toBe('n1999');
  });
});
