import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import kubernetes from '../test/fixtures/kubernetes/api_topology.json';
import { mockFetch } from '../test/http';
import { MapPage } from './MapPage';
import { fromLocalInput, shift, TimeControl, toLocalInput } from './TimeControl';
import { parseMapQuery } from './url';

/** Stands in for the browser's WebSocket: the test opens, feeds and drops each one. */
class FakeWebSocket {
  static all: FakeWebSocket[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(readonly url: string) {
    FakeWebSocket.all.push(this);
  }
  close() {}
  frame(diff: object) {
    act(() => {
      this.onopen?.({});
      this.onmessage?.({ data: JSON.stringify(diff) });
    });
  }
  drop() {
    act(() => this.onclose?.({}));
  }
}

const org = { id: 'acme-42', name: 'Acme', role: 'owner' as const };
const hosts = [{ name: 'Hosts', rank: 4, hide_if_empty: false, url: '/api/topology/hosts' }];
const latest = () => FakeWebSocket.all[FakeWebSocket.all.length - 1];

beforeEach(() => {
  FakeWebSocket.all = [];
  vi.stubGlobal('WebSocket', FakeWebSocket);
  window.history.replaceState(null, '', '/app/acme-42/map/hosts');
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('map page', () => {
  it('says there are no probes yet and where to connect one', async () => {
    mockFetch({ '/api/app/acme-42/api/topology': hosts, '/api/orgs/acme-42/probes': [] });
    render(<MapPage org={org} topology="hosts" />);
    await waitFor(() => expect(FakeWebSocket.all).toHaveLength(1));
    expect(latest().url).toContain('/api/app/acme-42/api/topology/hosts/ws');
    latest().frame({ reset: true });
    expect((await screen.findByTestId('no-probes')).textContent).toContain('Nothing reports to Acme yet');
    expect(screen.getByRole('link', { name: 'Connect a probe' }).getAttribute('href')).toBe('/app/acme-42/setup');
  });

  it('says when the only probe stopped reporting, instead of "No probes yet"', async () => {
    mockFetch({
      '/api/app/acme-42/api/topology': hosts,
      '/api/orgs/acme-42/probes': [{ id: 'p1', hostname: 'web-1', version: '0.1.0', firstSeen: '2026-01-01T00:00:00Z', lastSeen: '2026-01-01T01:00:00Z', connected: false, controlConnected: false }],
    });
    render(<MapPage org={org} topology="hosts" />);
    await waitFor(() => expect(FakeWebSocket.all).toHaveLength(1));
    latest().frame({ reset: true });
    expect((await screen.findByTestId('probes-stopped')).textContent).toMatch(/The last report reached Acme .* ago \(/);
    expect(screen.getByText('Your probe stopped reporting')).toBeTruthy();
    expect(screen.queryByTestId('no-probes')).toBeNull();
  });

  it('keeps the last nodes under a banner while it reconnects after the connection drops', async () => {
    mockFetch({ '/api/app/acme-42/api/topology': hosts, '/api/orgs/acme-42/probes': [] });
    render(<MapPage org={org} topology="hosts" />);
    await waitFor(() => expect(FakeWebSocket.all).toHaveLength(1));
    latest().frame({ add: [{ id: 'vm;<host>', label: 'vm', labelMinor: '', rank: '' }] });
    await waitFor(() => expect(screen.getByTestId('map-status').dataset.status).toBe('live'));
    expect(screen.getByTestId('map-status').textContent).toContain('1 node');

    latest().drop();
    const banner = await screen.findByTestId('connection-lost');
    expect(banner.textContent).toMatch(/Lost the connection .* The map shows the last state it had\. Reconnecting/);
    expect(screen.getByTestId('map-status').textContent).toContain('1 node');

    fireEvent.click(screen.getByRole('button', { name: 'Retry now' }));
    expect(FakeWebSocket.all).toHaveLength(2);
    latest().frame({});
    await waitFor(() => expect(screen.queryByTestId('connection-lost')).toBeNull());
    expect(screen.getByTestId('map-status').dataset.status).toBe('live');
  });

  it('pauses at an instant: fetches that render over HTTP with its timestamp, and goes back to live', async () => {
    const fetch = mockFetch({
      '/api/app/acme-42/api/topology/hosts?': { nodes: { 'old;<host>': { id: 'old;<host>', label: 'old', labelMinor: '', rank: '' } } },
      '/api/app/acme-42/api/topology': hosts,
      '/api/orgs/acme-42/probes': [],
    });
    render(<MapPage org={org} topology="hosts" />);
    await waitFor(() => expect(FakeWebSocket.all).toHaveLength(1));
    latest().frame({ add: [{ id: 'vm;<host>', label: 'vm', labelMinor: '', rank: '' }] });

    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    const at = new URLSearchParams(window.location.search).get('at')!;
    expect(at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(await screen.findByTestId('time-travel')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('map-status').dataset.status).toBe('paused'));
    expect(screen.getByTestId('map-status').textContent).toContain('1 node');
    const snapshot = fetch.mock.calls.map(([u]) => String(u)).find((u) => u.startsWith('/api/app/acme-42/api/topology/hosts?'))!;
    expect(new URLSearchParams(snapshot.split('?')[1]).get('timestamp')).toBe(at);
    expect(FakeWebSocket.all).toHaveLength(1);

    // Moving the instant back asks for that one.
    fireEvent.change(screen.getByLabelText('Show the map at'), { target: { value: '2026-01-02T03:04' } });
    await waitFor(() => expect(new URLSearchParams(window.location.search).get('at')).toBe(fromLocalInput('2026-01-02T03:04')));

    fireEvent.click(screen.getByRole('button', { name: 'Back to live' }));
    expect(new URLSearchParams(window.location.search).get('at')).toBeNull();
    await waitFor(() => expect(FakeWebSocket.all).toHaveLength(2));
    expect(latest().url).not.toContain('timestamp');
    expect(screen.queryByTestId('time-travel')).toBeNull();
  });
});

describe('map page at scale, and its websocket', () => {
  const processes = [
    {
      name: 'Processes',
      rank: 1,
      hide_if_empty: false,
      url: '/api/topology/processes',
      options: [{ id: 'unconnected', defaultValue: 'hide', options: [{ value: 'hide', label: 'Hide unconnected' }, { value: 'show', label: 'Show unconnected' }] }],
    },
  ];

  it('opens one websocket per visit, with the options, only once they are known', async () => {
    // The topology list (and with it the options) arrives late, as it does on a slow link.
    let answer: () => void = () => undefined;
    const gate = new Promise<void>((r) => (answer = r));
    const inner = mockFetch({ '/api/app/acme-42/api/topology': processes, '/api/orgs/acme-42/probes': [] });
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).startsWith('/api/app/acme-42/api/topology')) await gate;
      return (inner as unknown as typeof fetch)(input, init);
    });
    window.history.replaceState(null, '', '/app/acme-42/map/processes');
    render(<MapPage org={org} topology="processes" />);
    await new Promise((r) => setTimeout(r, 50));
    expect(FakeWebSocket.all).toHaveLength(0);
    await act(async () => answer());
    await waitFor(() => expect(FakeWebSocket.all).toHaveLength(1));
    expect(new URL(latest().url, 'http://x').searchParams.get('unconnected')).toBe('hide');
    await new Promise((r) => setTimeout(r, 50));
    expect(FakeWebSocket.all).toHaveLength(1);
  });

  it('counts with the chosen options and says how many nodes they hide, and why', async () => {
    const filtered = [{ ...processes[0], stats: { node_count: 11, nonpseudo_node_count: 11, edge_count: 9, filtered_nodes: 164 } }];
    const fetch = mockFetch({ '/api/app/acme-42/api/topology': filtered, '/api/orgs/acme-42/probes': [] });
    window.history.replaceState(null, '', '/app/acme-42/map/processes?o.unconnected=hide');
    render(<MapPage org={org} topology="processes" />);
    await waitFor(() => expect(FakeWebSocket.all).toHaveLength(1));
    const listed = fetch.mock.calls.map(([u]) => String(u)).find((u) => u.startsWith('/api/app/acme-42/api/topology?'));
    expect(listed).toContain('unconnected=hide');
    latest().frame({ add: [{ id: 'a;1', label: 'a', labelMinor: '', rank: '' }] });
    await waitFor(() => expect(screen.getByTestId('hidden-note').textContent).toBe(' · 164 nodes hidden by the options (Hide unconnected)'));
    expect(screen.getByRole('tab', { name: /Processes/ }).textContent).toBe('Processes 11');
  });

  it('keeps the chosen namespaces in the URL when switching from Pods to Controllers, and asks for them', async () => {
    mockFetch({ '/api/app/acme-42/api/topology': kubernetes, '/api/orgs/acme-42/probes': [] });
    window.history.replaceState(null, '', '/app/acme-42/map/pods?o.namespace=shop%2Ckube-system&o.storage=show');
    render(<MapPage org={org} topology="pods" />);
    await waitFor(() => expect(FakeWebSocket.all).toHaveLength(1));
    const asked = new URL(latest().url, 'http://x').searchParams;
    expect(asked.get('namespace')).toBe('shop,kube-system');
    expect(asked.get('storage')).toBe('show');
    expect((screen.getByRole('checkbox', { name: 'shop' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'All Namespaces' }) as HTMLInputElement).checked).toBe(false);
    fireEvent.click(screen.getByRole('tab', { name: /^Controllers/ }));
    expect(window.location.pathname).toBe('/app/acme-42/map/kube-controllers');
    const query = new URLSearchParams(window.location.search);
    expect(query.get('o.namespace')).toBe('shop,kube-system');
    expect(query.has('o.storage')).toBe(false); // Controllers have no storage option
    fireEvent.click(screen.getByRole('tab', { name: /^Hosts/ }));
    expect(window.location.search).toBe('');
  });

  it('says which namespaces are chosen when they hold nothing, and which hide nodes', async () => {
    const listed = (kubernetes as { name: string }[]).map((t) =>
      t.name === 'Pods' ? { ...t, stats: { node_count: 0, nonpseudo_node_count: 0, edge_count: 0, filtered_nodes: 8 } } : t,
    );
    mockFetch({ '/api/app/acme-42/api/topology': listed, '/api/orgs/acme-42/probes': [{ id: 'p1', hostname: 'vm', version: '0.1.0', firstSeen: '2026-01-01T00:00:00Z', lastSeen: '2026-01-01T01:00:00Z', connected: true, controlConnected: true }] });
    window.history.replaceState(null, '', '/app/acme-42/map/pods?o.namespace=default');
    render(<MapPage org={org} topology="pods" />);
    await waitFor(() => expect(FakeWebSocket.all).toHaveLength(1));
    latest().frame({ reset: true });
    expect((await screen.findByTestId('empty-why')).textContent).toBe('Nothing in the namespace default. Choose more namespaces above, or all of them.');
    expect(screen.getByTestId('hidden-note').textContent).toBe(' · 8 nodes hidden by the options (Hide snapshots, Hide storage, Hide unmanaged, default)');
  });

  it('groups a big map by host on a canvas and says why, and groups by name on request', async () => {
    mockFetch({ '/api/app/acme-42/api/topology': processes, '/api/orgs/acme-42/probes': [] });
    window.history.replaceState(null, '', '/app/acme-42/map/processes');
    render(<MapPage org={org} topology="processes" />);
    await waitFor(() => expect(FakeWebSocket.all).toHaveLength(1));
    const add: object[] = [];
    for (let i = 0; i < 1200; i++)
      add.push({ id: `h${i % 30};${i}`, label: `p${i % 7}`, labelMinor: `host-${i % 30} (${i})`, rank: 'p', adjacency: i > 0 ? [`h${(i - 1) % 30};${i - 1}`] : [] });
    latest().frame({ add });
    await waitFor(() => expect(screen.getByTestId('map').tagName).toBe('CANVAS'), { timeout: 10000 });
    const map = screen.getByTestId('map');
    expect(map.dataset.groups).toBe('30');
    expect(screen.getByTestId('grouped-why').textContent).toContain('grouped by host: too many nodes and connections');
    // The metric overlay is offered on the canvas map too.
    expect(screen.getByLabelText('Metric on nodes')).toBeTruthy();
    expect(screen.getByTestId('group-panel').textContent).toContain('30 groups, 30 open');
    fireEvent.click(screen.getByRole('button', { name: 'Close all' }));
    expect(screen.getByTestId('group-panel').textContent).toContain('30 groups, 0 open');
    fireEvent.click(screen.getByRole('button', { name: 'host-7' }));
    expect(screen.getByTestId('group-panel').textContent).toContain('30 groups, 1 open');
    fireEvent.change(screen.getByLabelText('Group by'), { target: { value: 'name' } });
    await waitFor(() => expect(screen.getByTestId('map').dataset.groups).toBe('7'), { timeout: 10000 });
  });

  it('groups a big map of pods by namespace', async () => {
    const pods = [{ name: 'Pods', rank: 3, hide_if_empty: false, url: '/api/topology/pods' }];
    mockFetch({ '/api/app/acme-42/api/topology': pods, '/api/orgs/acme-42/probes': [] });
    window.history.replaceState(null, '', '/app/acme-42/map/pods');
    render(<MapPage org={org} topology="pods" />);
    await waitFor(() => expect(FakeWebSocket.all).toHaveLength(1));
    const namespaces = ['default', 'kube-system', 'shop', 'billing'];
    const add: object[] = [];
    for (let i = 0; i < 1200; i++) {
      const ns = namespaces[i % 4];
      add.push({
        id: `pod-${i};<pod>`,
        label: `web-${i}`,
        labelMinor: '1 container',
        rank: `${ns}/web-${i}`,
        metadata: [{ id: 'kubernetes_namespace', label: 'Namespace', value: ns, priority: 5 }],
        adjacency: i > 0 ? [`pod-${i - 1};<pod>`] : [],
      });
    }
    latest().frame({ add });
    await waitFor(() => expect(screen.getByTestId('map').tagName).toBe('CANVAS'), { timeout: 10000 });
    expect(screen.getByTestId('map').dataset.groups).toBe('4');
    expect(screen.getByTestId('grouped-why').textContent).toContain('grouped by namespace');
    expect((screen.getByLabelText('Group by') as HTMLSelectElement).value).toBe('namespace');
    expect(screen.getByRole('button', { name: 'kube-system' })).toBeTruthy();
  });
});

describe('resource view', () => {
  it("switches to Scope's resource view and back, with the mode in the URL", async () => {
    mockFetch({
      '/api/app/acme-42/api/topology/hosts': { nodes: { 'web;<host>': { id: 'web;<host>', label: 'web', labelMinor: '', rank: '', metrics: [{ id: 'host_cpu_usage_percent', label: 'CPU', format: 'percent', value: 40, min: 0, max: 100, priority: 1 }] } } },
      '/api/app/acme-42/api/topology/containers': { nodes: {} },
      '/api/app/acme-42/api/topology/processes': { nodes: {} },
      '/api/app/acme-42/api/topology': hosts,
      '/api/orgs/acme-42/probes': [],
    });
    window.history.replaceState(null, '', '/app/acme-42/map/hosts');
    render(<MapPage org={org} topology="hosts" />);
    await waitFor(() => expect(FakeWebSocket.all).toHaveLength(1));
    fireEvent.click(screen.getByRole('radio', { name: 'Resources' }));
    expect(new URLSearchParams(window.location.search).get('mode')).toBe('resources');
    expect(await screen.findByRole('button', { name: 'web: 40.0% of 100.0%' })).toBeTruthy();
    expect(parseMapQuery('hosts', new URLSearchParams('mode=resources')).mode).toBe('resources');
    fireEvent.click(screen.getByRole('radio', { name: 'Graph' }));
    expect(screen.queryByTestId('resource-view')).toBeNull();
  });
});

describe('pinned searches', () => {
  it('pins a search with Enter, applies every pinned term and the box together, and unpins', async () => {
    mockFetch({ '/api/app/acme-42/api/topology': hosts, '/api/orgs/acme-42/probes': [] });
    window.history.replaceState(null, '', '/app/acme-42/map/hosts');
    render(<MapPage org={org} topology="hosts" />);
    await waitFor(() => expect(FakeWebSocket.all).toHaveLength(1));
    latest().frame({
      add: [
        { id: 'a', label: 'web-a', labelMinor: 'eu', rank: '' },
        { id: 'b', label: 'web-b', labelMinor: 'us', rank: '' },
        { id: 'c', label: 'db-c', labelMinor: 'eu', rank: '' },
      ],
    });
    const box = screen.getByLabelText('Search nodes');
    fireEvent.change(box, { target: { value: 'web' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(new URLSearchParams(window.location.search).getAll('pin')).toEqual(['web']);
    expect((box as HTMLInputElement).value).toBe('');
    expect(screen.getByTestId('pinned').textContent).toContain('web');
    await waitFor(() => expect(screen.getByTestId('map-status').textContent).toContain('2 matching'));
    fireEvent.change(box, { target: { value: 'eu' } });
    await waitFor(() => expect(screen.getByTestId('map-status').textContent).toContain('1 matching'));
    fireEvent.click(screen.getByRole('button', { name: 'Unpin web' }));
    await waitFor(() => expect(screen.getByTestId('map-status').textContent).toContain('2 matching'));
    expect(new URLSearchParams(window.location.search).getAll('pin')).toEqual([]);
  });
});

describe('status line', () => {
  it('says when the map last heard from the service, which plugins report, and offers the raw report', async () => {
    mockFetch({
      '/api/app/acme-42/api/topology': hosts,
      '/api/app/acme-42/api': { id: '1', version: 'test', hostname: 'q', plugins: [{ id: 'iowait', label: 'IOWait' }] },
      '/api/orgs/acme-42/probes': [],
    });
    render(<MapPage org={org} topology="hosts" />);
    await waitFor(() => expect(FakeWebSocket.all).toHaveLength(1));
    latest().frame({ add: [{ id: 'vm;<host>', label: 'vm', labelMinor: '', rank: '' }] });
    await waitFor(() => expect(screen.getByTestId('live-note').textContent).toContain('plugins: IOWait'));
    expect(screen.getByTestId('live-note').textContent).toMatch(/updated \d+ s ago/);
    const link = screen.getByRole('link', { name: 'raw report' });
    expect(link.getAttribute('href')).toBe('/api/app/acme-42/api/report');
    expect(link.getAttribute('download')).toBe('scope-report-acme-42.json');
  });
});

describe('keyboard shortcuts', () => {
  it('/ searches, t and g switch table and graph, ? lists them, Esc closes details and help', async () => {
    mockFetch({ '/api/app/acme-42/api/topology': hosts, '/api/orgs/acme-42/probes': [] });
    window.history.replaceState(null, '', '/app/acme-42/map/hosts?node=vm%3B%3Chost%3E');
    render(<MapPage org={org} topology="hosts" />);
    await waitFor(() => expect(FakeWebSocket.all).toHaveLength(1));
    latest().frame({ add: [{ id: 'vm;<host>', label: 'vm', labelMinor: '', rank: '' }] });
    fireEvent.keyDown(window, { key: 't' });
    expect(new URLSearchParams(window.location.search).get('mode')).toBe('table');
    fireEvent.keyDown(window, { key: 'g' });
    expect(new URLSearchParams(window.location.search).get('mode')).toBeNull();
    fireEvent.keyDown(window, { key: '?' });
    expect(screen.getByTestId('shortcuts').textContent).toContain('show as a table');
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId('shortcuts')).toBeNull();
    expect(new URLSearchParams(window.location.search).get('node')).toBe('vm;<host>');
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(new URLSearchParams(window.location.search).get('node')).toBeNull();
    fireEvent.keyDown(window, { key: '/' });
    const search = screen.getByLabelText('Search nodes');
    expect(document.activeElement).toBe(search);
    // Typing in the search is not a shortcut; Esc leaves it.
    fireEvent.keyDown(search, { key: 't' });
    expect(new URLSearchParams(window.location.search).get('mode')).toBeNull();
    fireEvent.keyDown(search, { key: 'Escape' });
    expect(document.activeElement).not.toBe(search);
  });
});

describe('time travel timeline', () => {
  it('jumps a minute or an hour, never past now', () => {
    const onChange = vi.fn();
    const at = '2026-01-02T03:04:05Z';
    render(<TimeControl at={at} onChange={onChange} />);
    fireEvent.click(screen.getByRole('button', { name: '−1 h' }));
    expect(onChange).toHaveBeenLastCalledWith('2026-01-02T02:04:05Z');
    fireEvent.click(screen.getByRole('button', { name: '−1 min' }));
    expect(onChange).toHaveBeenLastCalledWith('2026-01-02T03:03:05Z');
    fireEvent.click(screen.getByRole('button', { name: '+1 min' }));
    expect(onChange).toHaveBeenLastCalledWith('2026-01-02T03:05:05Z');
    expect(shift('2026-01-02T03:04:05Z', 3600, Date.parse('2026-01-02T03:30:00Z'))).toBe('2026-01-02T03:30:00Z');
  });

  it('cannot go later than now', () => {
    render(<TimeControl at={new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z')} onChange={vi.fn()} />);
    expect((screen.getByRole('button', { name: '+1 min' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: '+1 h' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('asks for the instant a drag of the timeline rests on, once', async () => {
    const onChange = vi.fn();
    render(<TimeControl at={new Date(Date.now() - 3600_000).toISOString()} onChange={onChange} />);
    const timeline = screen.getByLabelText('Timeline');
    fireEvent.change(timeline, { target: { value: '-1000' } });
    fireEvent.change(timeline, { target: { value: '-600' } });
    expect(onChange).not.toHaveBeenCalled();
    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    const asked = Date.parse(onChange.mock.calls[0][0] as string);
    expect(Math.abs(asked - (Date.now() - 600_000))).toBeLessThan(5000);
    expect(onChange.mock.calls[0][0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('says there is no data for a time when the window is empty', async () => {
    mockFetch({
      '/api/app/acme-42/api/topology/hosts?': { nodes: {} },
      '/api/app/acme-42/api/topology': hosts,
      '/api/orgs/acme-42/probes': [],
    });
    window.history.replaceState(null, '', '/app/acme-42/map/hosts?at=2026-01-02T03:04:05Z');
    render(<MapPage org={org} topology="hosts" />);
    expect((await screen.findByTestId('no-data-at')).textContent).toContain('Nothing reported to Acme at');
    expect(screen.queryByText(/No hosts to show/)).toBeNull();
    expect(screen.queryByTestId('no-probes')).toBeNull();
  });
});

describe('time travel values', () => {
  it('round-trips a local time, and never goes past now', () => {
    const at = fromLocalInput('2026-01-02T03:04')!;
    expect(at).toMatch(/Z$/);
    expect(toLocalInput(at)).toBe('2026-01-02T03:04:00');
    expect(toLocalInput(fromLocalInput('2026-01-02T03:04:05')!)).toBe('2026-01-02T03:04:05');
    expect(fromLocalInput('2999-01-01T00:00', Date.parse('2026-05-01T10:00:00Z'))).toBe('2026-05-01T10:00:00Z');
    expect(fromLocalInput('')).toBeNull();
  });

  it('ignores an at that is not a time', () => {
    expect(parseMapQuery('hosts', new URLSearchParams('at=yesterday')).at).toBeNull();
    expect(parseMapQuery('hosts', new URLSearchParams('at=2026-01-02T03:04:05.123Z')).at).toBe('2026-01-02T03:04:05Z');
  });
});
