// A synthetic topology shaped like a real one: services in tiers (clients → front ends → back
// ends → databases), each with a few replicas, a quarter of the nodes unconnected, metrics on all.
import type { NodeSummary } from '../src/api/types';

export function syntheticTopology(n: number, seed = 42): Map<string, NodeSummary> {
  let s = seed;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const nodes = new Map<string, NodeSummary>();
  const connected = Math.floor(n * 0.75);
  const tiers: string[][] = [[], [], [], []];
  const shapes = ['hexagon', 'hexagon', 'heptagon', 'circle', 'square'];
  for (let i = 0; i < n; i++) {
    const tier = i < connected ? Math.min(3, Math.floor(rand() * 4)) : -1;
    const service = `svc-${tier < 0 ? 'batch' : tier}-${Math.floor(i / 6)}`;
    const id = `${service}-${i};<container>`;
    if (tier >= 0) tiers[tier].push(id);
    nodes.set(id, {
      id,
      label: `${service}-${(i % 6) + 1}`,
      labelMinor: `host-${i % 100}`,
      rank: service,
      shape: shapes[i % shapes.length],
      metadata: [{ id: 'docker_image_name', label: 'Image', value: `example/${service}`, priority: 1 }],
      metrics: [
        { id: 'docker_cpu_total_usage', label: 'CPU', format: 'percent', value: rand() * 100, min: 0, max: 100, priority: 1 },
        { id: 'docker_memory_usage', label: 'Memory', format: 'filesize', value: rand() * 1e9, min: 0, max: 4e9, priority: 2 },
      ],
      adjacency: [],
    });
  }
  for (let t = 0; t < 3; t++) {
    const next = tiers[t + 1];
    tiers[t].forEach((id, k) => {
      const fanout = 1 + Math.floor(rand() * 2);
      const window = Math.min(next.length, 24);
      const start = Math.floor((k / tiers[t].length) * (next.length - window));
      for (let j = 0; j < fanout; j++) {
        const target = next[start + Math.floor(rand() * window)];
        nodes.get(id)!.adjacency!.push(target);
      }
    });
  }
  return nodes;
}

/** A websocket-like update: new metric values for `count` nodes. */
export function metricUpdate(nodes: Map<string, NodeSummary>, count: number, round: number): NodeSummary[] {
  const ids = [...nodes.keys()];
  const out: NodeSummary[] = [];
  for (let i = 0; i < count; i++) {
    const n = nodes.get(ids[(i * 7 + round * 13) % ids.length])!;
    out.push({ ...n, metrics: n.metrics!.map((m) => ({ ...m, value: (m.value * 1.1 + round) % m.max })) });
  }
  return out;
}

function process(i: number, host: string, name: string, rand: () => number): NodeSummary {
  const id = `${host};${1000 + i}`;
  return {
    id,
    label: name,
    labelMinor: `${host} (${1000 + i})`,
    rank: name,
    shape: 'square',
    parents: [{ id: `${host};<host>`, label: host, topologyId: 'hosts' }],
    metadata: [{ id: 'cmdline', label: 'Command', value: `/usr/bin/${name} --serve`, priority: 1 }],
    metrics: [
      { id: 'process_cpu_usage_percent', label: 'CPU', format: 'percent', value: rand() * 100, min: 0, max: 100, priority: 1 },
      { id: 'process_memory_usage_bytes', label: 'Memory', format: 'filesize', value: rand() * 1e9, min: 0, max: 4e9, priority: 2 },
    ],
    adjacency: [],
  };
}

const NAMES = ['nginx', 'java', 'postgres', 'redis-server', 'node', 'python3', 'envoy', 'kafka', 'sshd', 'containerd', 'kubelet', 'prometheus'];

/**
 * The worst case: `n` processes on `hosts` hosts with `edges` connections between random
 * pairs, anywhere in the organisation.
 */
export function meshTopology(n: number, edges: number, hosts = 50, seed = 7): Map<string, NodeSummary> {
  let s = seed;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const nodes = new Map<string, NodeSummary>();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = process(i, `host-${i % hosts}`, NAMES[Math.floor(rand() * NAMES.length)], rand);
    nodes.set(p.id, p);
    ids.push(p.id);
  }
  for (let e = 0; e < edges; e++) {
    const a = ids[Math.floor(rand() * n)];
    const b = ids[Math.floor(rand() * n)];
    if (a !== b) nodes.get(a)!.adjacency!.push(b);
  }
  return nodes;
}

/** A friendlier graph: four tiers of services, each node talking to a few in the next tier. */
export function tieredTopology(n: number, edges: number, hosts = 50, seed = 11): Map<string, NodeSummary> {
  let s = seed;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const nodes = new Map<string, NodeSummary>();
  const tiers: string[][] = [[], [], [], []];
  const tierNames = [['envoy', 'nginx'], ['node', 'java'], ['python3', 'kafka'], ['postgres', 'redis-server']];
  for (let i = 0; i < n; i++) {
    const t = Math.min(3, Math.floor((i / n) * 4));
    const p = process(i, `host-${i % hosts}`, tierNames[t][i % 2], rand);
    nodes.set(p.id, p);
    tiers[t].push(p.id);
  }
  const perNode = edges / (tiers[0].length + tiers[1].length + tiers[2].length);
  for (let t = 0; t < 3; t++) {
    const next = tiers[t + 1];
    tiers[t].forEach((id, k) => {
      const fanout = Math.floor(perNode) + (rand() < perNode % 1 ? 1 : 0);
      const window = Math.min(next.length, 40);
      const start = Math.floor((k / tiers[t].length) * (next.length - window));
      for (let j = 0; j < fanout; j++) nodes.get(id)!.adjacency!.push(next[start + Math.floor(rand() * window)]);
    });
  }
  return nodes;
}
