// The node set of one topology as the websocket keeps it, and the edges and search over it.
import type { MetricRow, NodeSummary, TopologyDiff } from '../api/types';

export type NodeMap = ReadonlyMap<string, NodeSummary>;

/** Applies one websocket frame; `reset` replaces everything. Returns a new map (or the same if nothing changed). */
export function applyDiff(nodes: NodeMap, diff: TopologyDiff): NodeMap {
  const hasChanges =
    diff.reset || (diff.add?.length ?? 0) + (diff.update?.length ?? 0) + (diff.remove?.length ?? 0) > 0;
  if (!hasChanges) return nodes;
  const next = diff.reset ? new Map<string, NodeSummary>() : new Map(nodes);
  for (const id of diff.remove ?? []) next.delete(id);
  for (const n of diff.add ?? []) next.set(n.id, n);
  for (const n of diff.update ?? []) next.set(n.id, n);
  return next;
}

export function fromTopology(nodes: Record<string, NodeSummary> | null | undefined): NodeMap {
  return new Map(Object.entries(nodes ?? {}).map(([id, n]) => [id, { ...n, id: n.id || id }]));
}

export interface Edge {
  id: string;
  source: string;
  target: string;
}

/** Edges from adjacency lists, between nodes that both exist, without self-loops or duplicates. */
export function edgesOf(nodes: NodeMap): Edge[] {
  const edges: Edge[] = [];
  const seen = new Set<string>();
  for (const n of nodes.values()) {
    for (const t of n.adjacency ?? []) {
      if (t === n.id || !nodes.has(t)) continue;
      // One line per pair: Scope draws a→b and b→a as one connection.
      const [a, b] = n.id < t ? [n.id, t] : [t, n.id];
      const id = `${a}\u0000${b}`;
      if (seen.has(id)) continue;
      seen.add(id);
      edges.push({ id, source: n.id, target: t });
    }
  }
  return edges;
}

/**
 * Whether two node sets have the same ids and the same adjacency, so that only metrics or
 * metadata differ: what a websocket frame of new metrics is. No allocation, no hashing, so a
 * live update of a 10,000-node map does not pay for edgesOf and structureKey (ADR 0018).
 */
export function sameStructure(a: NodeMap, b: NodeMap): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [id, n] of b) {
    const m = a.get(id);
    if (!m) return false;
    if (m === n) continue;
    const x = m.adjacency ?? [];
    const y = n.adjacency ?? [];
    if (x === y) continue;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}

/** Two 32-bit hashes of a string (FNV-1a and a multiplicative one), for structureKey. */
function hash2(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 7;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 16777619);
    b = Math.imul(b, 31) + c;
  }
  return [a >>> 0, b >>> 0];
}

/**
 * A key that changes only when the nodes or edges change, not their metadata: their counts and
 * order-independent sums of 64 bits of hash, so a frame of 10,000 nodes costs no sort (a
 * websocket frame of new metrics must stay cheap; ADR 0018).
 */
export function structureKey(nodeIds: readonly string[], edges: readonly Edge[]): string {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  for (const id of nodeIds) {
    const [x, y] = hash2(id);
    a = (a + x) >>> 0;
    b = (b ^ Math.imul(y, 0x9e3779b1)) >>> 0;
  }
  for (const e of edges) {
    const [x, y] = hash2(e.id);
    c = (c + x) >>> 0;
    d = (d ^ Math.imul(y, 0x9e3779b1)) >>> 0;
  }
  return `${nodeIds.length}.${edges.length}.${a.toString(36)}.${b.toString(36)}.${c.toString(36)}.${d.toString(36)}`;
}

// Search: words that must all match (AND). `word` matches the label, minor label, rank or any
// metadata value; `field:value` matches a metadata row by id or label; `cpu>10` compares a
// metric (by label or id prefix) with a number (percent metrics are in percent).
type Term =
  | { kind: 'text'; text: string }
  | { kind: 'field'; field: string; text: string }
  | { kind: 'metric'; metric: string; op: '<' | '>'; value: number };

export function parseSearch(query: string): Term[] {
  const terms: Term[] = [];
  const re = /([\w.-]+)\s*([<>])\s*(-?[\d.]+)|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(query.trim())) !== null) {
    if (m[1]) {
      terms.push({ kind: 'metric', metric: m[1].toLowerCase(), op: m[2] as '<' | '>', value: Number(m[3]) });
    } else {
      const word = m[4];
      const colon = word.indexOf(':');
      if (colon > 0 && colon < word.length - 1) {
        terms.push({ kind: 'field', field: word.slice(0, colon).toLowerCase(), text: word.slice(colon + 1).toLowerCase() });
      } else {
        terms.push({ kind: 'text', text: word.toLowerCase() });
      }
    }
  }
  return terms;
}

function metricMatches(metrics: MetricRow[] | null | undefined, name: string, op: '<' | '>', value: number): boolean {
  for (const m of metrics ?? []) {
    if (m.label.toLowerCase().startsWith(name) || m.id.toLowerCase().startsWith(name)) {
      if (op === '>' ? m.value > value : m.value < value) return true;
    }
  }
  return false;
}

export function matches(node: NodeSummary, terms: readonly Term[]): boolean {
  for (const t of terms) {
    if (t.kind === 'metric') {
      if (!metricMatches(node.metrics, t.metric, t.op, t.value)) return false;
    } else if (t.kind === 'field') {
      const hit = (node.metadata ?? []).some(
        (r) => (r.id.toLowerCase() === t.field || r.label.toLowerCase() === t.field) && r.value.toLowerCase().includes(t.text),
      );
      if (!hit) return false;
    } else {
      const hay = [node.label, node.labelMinor, node.rank, ...(node.metadata ?? []).map((r) => r.value)];
      if (!hay.some((s) => s && s.toLowerCase().includes(t.text))) return false;
    }
  }
  return true;
}

/** The ids of the nodes matching the query, or null when there is no query. */
export function searchNodes(nodes: NodeMap, query: string): Set<string> | null {
  const terms = parseSearch(query);
  if (terms.length === 0) return null;
  const hits = new Set<string>();
  for (const n of nodes.values()) if (matches(n, terms)) hits.add(n.id);
  return hits;
}
