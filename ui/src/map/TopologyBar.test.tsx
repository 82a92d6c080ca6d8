import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import topologies from '../test/fixtures/api_topology.json';
import kubernetes from '../test/fixtures/kubernetes/api_topology.json';
import type { TopologyDescriptor } from '../api/types';
import { carriedOptions, defaultTopology, effectiveOptions, findTopology, OptionsBar, TopologyBar, unionChoice } from './TopologyBar';

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

// Scope 1.13's /api/topology for a small cluster (shared/fixtures/scope-1.13-kubernetes).
const cluster = kubernetes as unknown as TopologyDescriptor[];

describe('Kubernetes views', () => {
  it('lists Pods when the reports have pods, with Controllers and Services under it when open', () => {
    const { rerender } = render(<TopologyBar list={cluster} current="hosts" onSelect={vi.fn()} />);
    const names = () => screen.getAllByRole('tab').map((t) => t.textContent);
    expect(names()).toContain('Pods 11');
    expect(names().some((n) => n!.startsWith('Controllers'))).toBe(false);
    rerender(<TopologyBar list={cluster} current="kube-controllers" onSelect={vi.fn()} />);
    expect(names()).toEqual(expect.arrayContaining(['Pods 11', 'Controllers 7', 'Services 4']));
    expect(screen.getByRole('tab', { name: 'Controllers 7' }).getAttribute('aria-selected')).toBe('true');
    // ECS and Swarm are empty and hide_if_empty: not offered
    expect(names().some((n) => n!.startsWith('Tasks'))).toBe(false);
  });

  it('keeps Pods in the bar while the namespace filter hides every pod', () => {
    const filtered = cluster.map((t) => (t.name === 'Pods' ? { ...t, stats: { node_count: 0, nonpseudo_node_count: 0, edge_count: 0, filtered_nodes: 8 } } : t));
    render(<TopologyBar list={filtered} current="hosts" onSelect={vi.fn()} />);
    expect(screen.getByRole('tab', { name: /^Pods/ })).toBeTruthy();
  });

  it('offers the storage, snapshot and unmanaged options of the pods view, and its namespaces with "All Namespaces" first', () => {
    const pods = findTopology(cluster, 'pods')!.self;
    render(<OptionsBar options={pods.options} values={effectiveOptions(pods.options, {})} onChange={vi.fn()} />);
    expect(screen.getByRole('radio', { name: 'Hide storage' }).getAttribute('aria-checked')).toBe('true');
    expect(screen.getByRole('radio', { name: 'Show snapshots' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Hide unmanaged' }).getAttribute('aria-checked')).toBe('true');
    const namespaces = screen.getAllByRole('checkbox');
    expect(namespaces.map((c) => c.parentElement!.textContent)).toEqual(['All Namespaces', 'default', 'kube-system', 'shop']);
    expect((namespaces[0] as HTMLInputElement).checked).toBe(true);
  });

  it('chooses namespaces as a union, and "All Namespaces" clears the choice', () => {
    const pods = findTopology(cluster, 'pods')!.self;
    const onChange = vi.fn();
    const { rerender } = render(<OptionsBar options={pods.options} values={{ namespace: '' }} onChange={onChange} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'shop' }));
    expect(onChange).toHaveBeenLastCalledWith('namespace', 'shop');
    rerender(<OptionsBar options={pods.options} values={{ namespace: 'shop' }} onChange={onChange} />);
    expect((screen.getByRole('checkbox', { name: 'All Namespaces' }) as HTMLInputElement).checked).toBe(false);
    fireEvent.click(screen.getByRole('checkbox', { name: 'kube-system' }));
    expect(onChange).toHaveBeenLastCalledWith('namespace', 'shop,kube-system');
    fireEvent.click(screen.getByRole('checkbox', { name: 'shop' }));
    expect(onChange).toHaveBeenLastCalledWith('namespace', '');
    fireEvent.click(screen.getByRole('checkbox', { name: 'All Namespaces' }));
    expect(onChange).toHaveBeenLastCalledWith('namespace', '');
  });

  it('shows a chosen namespace the cluster no longer has as all of them', () => {
    const pods = findTopology(cluster, 'pods')!.self;
    const ns = pods.options!.find((o) => o.id === 'namespace')!;
    expect(unionChoice(ns, 'gone,shop')).toEqual(['shop']);
    expect(unionChoice(ns, 'gone')).toEqual([]);
    render(<OptionsBar options={pods.options} values={{ namespace: 'gone' }} onChange={vi.fn()} />);
    expect((screen.getByRole('checkbox', { name: 'All Namespaces' }) as HTMLInputElement).checked).toBe(true);
  });

  it('carries the options within a family (pods, controllers, services) and not to another', () => {
    const chosen = { namespace: 'shop,kube-system', storage: 'show', pseudo: 'show' };
    expect(carriedOptions(cluster, 'pods', 'kube-controllers', chosen)).toEqual({ namespace: 'shop,kube-system', pseudo: 'show' });
    expect(carriedOptions(cluster, 'kube-controllers', 'services', { namespace: 'shop' })).toEqual({ namespace: 'shop' });
    expect(carriedOptions(cluster, 'pods', 'containers', chosen)).toEqual({});
    expect(carriedOptions(cluster, 'pods', 'hosts', chosen)).toEqual({});
  });
});
