// The map's state lives in its URL, so every map is a link: /app/<org>/map/<topology>?o.<option>=<value>&q=<search>&node=<id>&mode=table

export interface MapState {
  topology: string;
  options: Record<string, string>;
  search: string;
  node: string | null;
  mode: 'graph' | 'table';
  /** The saved view this map was opened from, if any. */
  view: string | null;
}

export function mapUrl(org: string, s: Partial<MapState> & { topology: string }): string {
  const q = new URLSearchParams();
  for (const k of Object.keys(s.options ?? {}).sort()) q.set(`o.${k}`, s.options![k]);
  if (s.search) q.set('q', s.search);
  if (s.node) q.set('node', s.node);
  if (s.mode === 'table') q.set('mode', 'table');
  if (s.view) q.set('view', s.view);
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
    node: query.get('node'),
    mode: query.get('mode') === 'table' ? 'table' : 'graph',
    view: query.get('view'),
  };
}
