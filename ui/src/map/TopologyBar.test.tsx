import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import topologies from '../test/fixtures/api_topology.json';
import type { TopologyDescriptor } from '../api/types';
import { defaultTopology, effectiveOptions, findTopology, OptionsBar, TopologyBar } from './TopologyBar';

const list = topologies as unknown as TopologyDescriptor[];

describe('TopologyBar', () => {
  it('lists topologies by rank with their node counts, hiding empty ones that ask for it', () => {
    render(<TopologyBar list={list} current="hosts" onSelect={vi.fn()} />);
    const tabs = screen.getAllByRole('tab').map((t) => t.textContent);
    expect(tabs[0]).toMatch(/^Processes/);
    expect(tabs.some((t) => t!.startsWith('Hosts'))).toBe(true);
    expect(tabs.some((t) => t!.startsWith('Containers'))).toBe(true); // hide_if_empty false
    expect(tabs.some((t) => t!.startsWith('Pods'))).toBe(false); // empty, hide_if_empty
  });

  it('shows the sub-topologies of the active one and selects them', () => {
    const onSelect = vi.fn();
    render(<TopologyBar list={list} current="processes" onSelect={onSelect} />);
    fireEvent.click(screen.getByRole('tab', { name: /by name/ }));
    expect(onSelect).toHaveBeenCalledWith('processes-by-name');
  });

  it('finds descriptors, defaults and option values', () => {
    expect(findTopology(list, 'containers-by-image')!.top.name).toBe('Containers');
    expect(defaultTopology(list)).toBe('hosts');
    const withContainers = list.map((t) => (t.name === 'Containers' ? { ...t, stats: { ...t.stats!, nonpseudo_node_count: 3 } } : t));
    expect(defaultTopology(withContainers)).toBe('containers');
    const containers = findTopology(list, 'containers')!.self;
    expect(effectiveOptions(containers.options, { stopped: 'both' })).toEqual({ system: 'application', stopped: 'both', pseudo: 'hide' });
  });

  it('switches an option', () => {
    const onChange = vi.fn();
    const containers = findTopology(list, 'containers')!.self;
    render(<OptionsBar options={containers.options} values={{}} onChange={onChange} />);
    expect(screen.getByRole('radio', { name: 'Application containers' }).getAttribute('aria-checked')).toBe('true');
    fireEvent.click(screen.getByRole('radio', { name: 'Both' }));
    expect(onChange).toHaveBeenCalledWith('stopped', 'both');
  });

  it('offers union options as checkboxes', () => {
    const onChange = vi.fn();
    render(
      <OptionsBar
        options={[{ id: 'namespace', defaultValue: '', selectType: 'union', noneLabel: 'All namespaces', options: [{ value: 'a', label: 'a' }, { value: 'b', label: 'b' }] }]}
        values={{ namespace: 'a' }}
        onChange={onChange}
      />,
    );
    fireEvent.click(screen.getByRole('checkbox', { name: 'b' }));
    expect(onChange).toHaveBeenCalledWith('namespace', 'a,b');
  });
});
