// Scope's resource view as data: hosts, their containers and their processes as three rows of
// bars, each bar as wide as what its node uses of the chosen metric (hosts: their capacity when
// they report one), children stacked inside their parent's span from its left edge.
import type { NodeSummary } from '../../api/types';
import type { NodeMap } from '../model';

export type ResourceMetric = 'cpu' | 'memory';
export type Layer = 'hosts' | 'containers' | 'processes';
export const LAYERS: readonly Layer[] = ['hosts', 'containers', 'processes'];

export interface Bar {
  id: string;
  label: string;
  layer: Layer;
  /** Left edge and width, in the metric's units (percent of a core, or bytes). */
  x: number;
  width: number;
  /** What the node uses, and for hosts what they have. */
  value: number;
  capacity: number | null;
}

export interface ResourceLayout {
  bars: Bar[];
  /** The width of all hosts together, in the metric's units. */
  total: number;
}

function metricOf(n: NodeSummary, metric: ResourceMetric): { value: number; max: number } | null {
  const m = n.metrics?.find((x) => (metric === 'cpu' ? /cpu/i : /mem/i).test(x.id));
  return m ? { value: Math.max(0, m.value), max: m.max } : null;
}

function parentIn(n: NodeSummary, topology: string): string | undefined {
  return n.parents?.find((p) => p.topologyId === topology)?.id;
}

/** Children placed inside a parent's span, biggest first; shrunk together if they would overflow. */
function stack(parent: Bar, children: { n: NodeSummary; value: number }[], layer: Layer, out: Bar[]): Map<string, Bar> {
  const placed = new Map<string, Bar>();
  const sum = children.reduce((s, c) => s + c.value, 0);
  const scale = sum > parent.width && sum > 0 ? parent.width / sum : 1;
  let x = parent.x;
  for (const c of [...children].sort((a, b) => b.value - a.value || (a.n.id < b.n.id ? -1 : 1))) {
    const width = c.value * scale;
    if (width <= 0) continue;
    const bar: Bar = { id: c.n.id, label: c.n.label || c.n.id, layer, x, width, value: c.value, capacity: null };
    out.push(bar);
    placed.set(c.n.id, bar);
    x += width;
  }
  return placed;
}

export function resourceLayout(hosts: NodeMap, containers: NodeMap, processes: NodeMap, metric: ResourceMetric): ResourceLayout {
  const bars: Bar[] = [];
  const hostBars = new Map<string, Bar>();
  let x = 0;
  const sorted = [...hosts.values()].filter((h) => !h.pseudo).sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  for (const h of sorted) {
    const m = metricOf(h, metric);
    if (!m) continue;
    const capacity = m.max > 0 ? m.max : null;
    const width = capacity ?? m.value;
    if (width <= 0) continue;
    const bar: Bar = { id: h.id, label: h.label || h.id, layer: 'hosts', x, width, value: m.value, capacity };
    bars.push(bar);
    hostBars.set(h.id, bar);
    x += width;
  }
  // Containers under their host.
  const byHost = new Map<string, { n: NodeSummary; value: number }[]>();
  for (const c of containers.values()) {
    const host = parentIn(c, 'hosts');
    const m = metricOf(c, metric);
    if (!host || !m || !hostBars.has(host) || c.pseudo) continue;
    (byHost.get(host) ?? byHost.set(host, []).get(host)!).push({ n: c, value: m.value });
  }
  const containerBars = new Map<string, Bar>();
  for (const [host, cs] of byHost) for (const [id, b] of stack(hostBars.get(host)!, cs, 'containers', bars)) containerBars.set(id, b);
  // Processes under their container, or under their host when they run outside containers
  // (after the host's containers).
  const byParent = new Map<string, { n: NodeSummary; value: number }[]>();
  for (const p of processes.values()) {
    const m = metricOf(p, metric);
    if (!m || p.pseudo) continue;
    const c = parentIn(p, 'containers');
    const parent = c && containerBars.has(c) ? c : parentIn(p, 'hosts');
    if (!parent || (!containerBars.has(parent) && !hostBars.has(parent))) continue;
    (byParent.get(parent) ?? byParent.set(parent, []).get(parent)!).push({ n: p, value: m.value });
  }
  for (const [parent, ps] of byParent) {
    const c = containerBars.get(parent);
    if (c) {
      stack(c, ps, 'processes', bars);
      continue;
    }
    // On the host: the room its containers left.
    const h = hostBars.get(parent)!;
    const used = bars.filter((b) => b.layer === 'containers' && b.x >= h.x && b.x < h.x + h.width).reduce((s, b) => s + b.width, 0);
    stack({ ...h, x: h.x + used, width: Math.max(0, h.width - used) }, ps, 'processes', bars);
  }
  return { bars, total: x };
}
