import { describe, expect, it } from 'vitest';
import type { NodeSummary } from '../../api/types';
import { defaultGroupBy, groupOf, parseGroupBy } from './grouping';

// Shaped as Scope 1.13 sends them (service-query's scope-1.13-kubernetes fixtures).
const pod: NodeSummary = {
  id: '7dfd3608;<pod>',
  label: 'frontend-tlzndpdtx5-z9mmb',
  labelMinor: '0 containers',
  rank: 'shop/frontend-tlzndpdtx5-z9mmb',
  shape: 'heptagon',
  metadata: [
    { id: 'kubernetes_state', label: 'State', value: 'Running', priority: 2 },
    { id: 'kubernetes_namespace', label: 'Namespace', value: 'shop', priority: 5 },
  ],
  parents: [{ id: '0c64;<deployment>', label: 'frontend', topologyId: 'kube-controllers' }],
};
const service: NodeSummary = { id: '5d56;<service>', label: 'kubernetes', labelMinor: '0 pods', rank: 'default/kubernetes', shape: 'heptagon', metadata: [] };

describe('groups of a big map', () => {
  it("groups pods, services and controllers by Scope's namespace row, else by their rank's namespace", () => {
    expect(groupOf(pod, 'namespace')).toBe('shop');
    expect(groupOf(service, 'namespace')).toBe('default');
    expect(groupOf({ ...service, rank: 'kubernetes' }, 'namespace')).toBe('no namespace');
    expect(groupOf({ ...pod, pseudo: true }, 'namespace')).toBe('Outside the cluster');
  });

  it('starts Kubernetes topologies grouped by namespace and the others by host', () => {
    for (const t of ['pods', 'services', 'kube-controllers']) expect(defaultGroupBy(t)).toBe('namespace');
    for (const t of ['processes', 'containers', 'hosts', 'containers-by-image']) expect(defaultGroupBy(t)).toBe('host');
    expect(parseGroupBy('namespace')).toBe('namespace');
    expect(parseGroupBy('nonsense')).toBe('host');
  });

  it('keeps host, name and image grouping as before', () => {
    const proc: NodeSummary = { id: 'h;1', label: 'nginx', labelMinor: 'web-1 (4312)', rank: 'nginx', parents: [] };
    expect(groupOf(proc, 'host')).toBe('web-1');
    expect(groupOf({ ...proc, parents: [{ id: 'x', label: 'vm-7', topologyId: 'hosts' }] }, 'host')).toBe('vm-7');
    expect(groupOf(proc, 'name')).toBe('nginx');
    expect(groupOf(pod, 'image')).toBe('frontend');
  });
});
