import { ApiError, get, post, del, wsUrl } from './http';
import type { ApiInfo, ControlResponse, NodeDetails, NodeSummary, TopologyDescriptor } from './types';

export type Options = Record<string, string>;

const base = (org: string) => `/api/app/${encodeURIComponent(org)}/api`;

/** The topology id of a descriptor: the last segment of its url. */
export function topologyId(d: Pick<TopologyDescriptor, 'url'>): string {
  return d.url.substring(d.url.lastIndexOf('/') + 1);
}

export function optionsQuery(options: Options): string {
  const keys = Object.keys(options).sort();
  if (keys.length === 0) return '';
  return '?' + keys.map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(options[k])}`).join('&');
}

/**
 * Weave Scope's registry (scope-contract §4), used only while the service does not list its
 * topologies itself, so the map still opens on the ones it renders.
 */
export const FALLBACK_TOPOLOGIES: TopologyDescriptor[] = [
  {
    name: 'Processes',
    rank: 1,
    hide_if_empty: true,
    url: '/api/topology/processes',
    options: [
      {
        id: 'unconnected',
        defaultValue: 'hide',
        options: [
          { value: 'show', label: 'Show unconnected' },
          { value: 'hide', label: 'Hide unconnected' },
        ],
      },
    ],
    sub_topologies: [
      { name: 'by name', rank: 0, hide_if_empty: true, url: '/api/topology/processes-by-name' },
    ],
  },
  { name: 'Hosts', rank: 4, hide_if_empty: false, url: '/api/topology/hosts' },
];

export const scope = {
  async topologies(org: string, options: Options = {}): Promise<{ list: TopologyDescriptor[]; fallback: boolean }> {
    try {
      const list = await get<TopologyDescriptor[]>(`${base(org)}/topology${optionsQuery(options)}`);
      return { list, fallback: false };
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 405)) {
        return { list: FALLBACK_TOPOLOGIES, fallback: true };
      }
      throw e;
    }
  },
  info: (org: string) => get<ApiInfo>(base(org)),
  /** The org's merged report as Scope serves it (JSON), for download. */
  reportUrl: (org: string) => `${base(org)}/report`,
  topology: (org: string, id: string, options: Options) =>
    get<{ nodes: Record<string, NodeSummary> | null }>(
      `${base(org)}/topology/${encodeURIComponent(id)}${optionsQuery(options)}`,
    ),
  details: (org: string, topology: string, nodeId: string, options: Options) =>
    get<{ node: NodeDetails }>(
      `${base(org)}/topology/${encodeURIComponent(topology)}/${encodeURIComponent(nodeId)}${optionsQuery(options)}`,
    ),
  topologyWsUrl: (org: string, id: string, options: Options) => {
    const q = optionsQuery({ ...options, t: '5s' });
    return wsUrl(`${base(org)}/topology/${encodeURIComponent(id)}/ws${q}`);
  },
  control: (org: string, probeId: string, nodeId: string, control: string, args?: Record<string, string>) =>
    post<ControlResponse>(
      `${base(org)}/control/${encodeURIComponent(probeId)}/${encodeURIComponent(nodeId)}/${encodeURIComponent(control)}`,
      args ?? {},
    ),
  pipeWsUrl: (org: string, pipeId: string) => wsUrl(`${base(org)}/pipe/${encodeURIComponent(pipeId)}`),
  closePipe: (org: string, pipeId: string) => del<void>(`${base(org)}/pipe/${encodeURIComponent(pipeId)}`),
};
