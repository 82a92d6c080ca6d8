// Which group a node belongs to in the overview of a big map: its host, its name, its image, or
// (Kubernetes pods, services and controllers) its namespace. Scope's own topologies name the host
// as a parent (processes, containers); reports without one fall back to the minor label, which
// Scope fills with the host name.
import type { NodeSummary } from '../../api/types';

export type GroupBy = 'host' | 'name' | 'image' | 'namespace';

export const GROUP_BY: readonly { id: GroupBy; label: string }[] = [
  { id: 'host', label: 'host' },
  { id: 'name', label: 'name' },
  { id: 'image', label: 'image or kind' },
  { id: 'namespace', label: 'namespace' },
];

/** Scope's Kubernetes topologies, whose nodes live in namespaces rather than on one host. */
const KUBERNETES = new Set(['pods', 'services', 'kube-controllers', 'deployments', 'daemonsets', 'statefulsets', 'cronjobs', 'jobs', 'replica-sets']);

/** How a big map of this topology is grouped until the user picks: by namespace for Kubernetes. */
export function defaultGroupBy(topology: string): GroupBy {
  return KUBERNETES.has(topology) ? 'namespace' : 'host';
}

export function parseGroupBy(s: string | null | undefined): GroupBy {
  return s === 'name' || s === 'image' || s === 'namespace' ? s : 'host';
}

function parent(n: NodeSummary, topology: string): string | undefined {
  return n.parents?.find((p) => p.topologyId === topology)?.label;
}

function metadata(n: NodeSummary, id: string): string | undefined {
  return n.metadata?.find((m) => m.id === id)?.value;
}

/** Scope's namespace row, else the namespace part of its rank (`shop/frontend-…`). */
function namespaceOf(n: NodeSummary): string | undefined {
  const ns = metadata(n, 'kubernetes_namespace');
  if (ns) return ns;
  const slash = n.rank?.indexOf('/') ?? -1;
  return slash > 0 ? n.rank!.slice(0, slash) : undefined;
}

/** The host part of a minor label such as `web-1 (4312)` or `web-1`. */
function hostOfMinor(minor: string | undefined): string | undefined {
  if (!minor) return undefined;
  const i = minor.indexOf(' (');
  return (i > 0 ? minor.slice(0, i) : minor).trim() || undefined;
}

export function groupOf(n: NodeSummary, by: GroupBy): string {
  if (n.pseudo) return 'Outside the cluster';
  switch (by) {
    case 'host':
      return parent(n, 'hosts') ?? hostOfMinor(n.labelMinor) ?? 'unknown host';
    case 'name':
      return n.label || n.id;
    case 'image':
      return (
        parent(n, 'containers-by-image') ??
        metadata(n, 'docker_image_name') ??
        parent(n, 'kube-controllers') ??
        (n.rank || n.label || 'other')
      );
    case 'namespace':
      return namespaceOf(n) ?? 'no namespace';
  }
}
