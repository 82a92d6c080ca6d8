// The map's state lives in its URL, so every map is a link:
// /app/<org>/map/<topology>?o.<option>=<value>&q=<search>&node=<id>&mode=table|resources&at=<RFC 3339>

export interface MapState {
  topology: string;
  options: Record<string, string>;
  search: string;
  /** Search terms pinned beside the search (Scope's pinned searches): all must match too. */
  pinned: string[];
  node: string | null;
  /** The graph, the table, or Scope's resource view (hosts, containers, processes by CPU or memory). */
  mode: 'graph' | 'table' | 'resources';
  /** The saved view this map was opened from, if any. */
  view: string | null;
  /** Time travel: the instant the map shows (RFC 3339), or null for live. Not part of a saved view. */
  at: string | null;
}

/** An instant as RFC 3339 in UTC, to the second (what Scope's `timestamp` parameter takes). */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function parseAt(value: string | null): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : rfc3339(ms);
}

export function mapUrl(org: string, s: Partial<MapState> & { topology: string }): string {
  const q = new URLSearchParams();
  for (const k of Object.keys(s.options ?? {}).sort()) q.set(`o.${k}`, s.options![k]);
  if (s.search) q.set('q', s.search);
  for (const p of s.pinned ?? []) q.append('pin', p);
  if (s.node) q.set('node', s.node);
  if (s.mode === 'table' || s.mode === 'resources') q.set('mode', s.mode);
  if (s.view) q.set('view', s.view);
  if (s.at) q.set('at', s.at);
  const qs = q.toString();
  return `/app/${encodeURIComponent(org)}/map/${encodeURIComponent(s.topology)}${qs ? `?${qs}` : ''}`;
}

export function parseMapQuery(topology: string, query: URLSearchParams): MapState {
  const options: Record<string, string> = {};
  for (const [k, v] of query) if (k.startsWith('o.')) options[k.slice(2)] = v;
  return {
    topology,
    options,
    search: query.get('q') ?? '',
    pinned: query.getAll('pin').filter((p) => p.trim() !== ''),
    node: query.get('node'),
    mode: query.get('mode') === 'table' ? 'table' : query.get('mode') === 'resources' ? 'resources' : 'graph',
    view: query.get('view'),
    at: parseAt(query.get('at')),
  };
}
