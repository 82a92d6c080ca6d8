import { lazy, useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { portal } from '../api/portal';
import { scope, topologyId } from '../api/scope';
import { atLeast, type ApiInfo, type OrgRef, type Probe, type TopologyDescriptor } from '../api/types';
import { NodeDetails } from '../details/NodeDetails';
import type { PipeInfo } from '../details/Terminal';
import { formatAgo, formatDateTime, plural } from '../format';
import { LazyBoundary } from '../lazy';
import { Link, navigate, Redirect, useLocation } from '../router';
import { CopyField, EmptyState, ErrorNote, Modal, Spinner, useAction } from '../ui';
import { ViewFields } from '../portal/viewEditing';
import { viewLink } from '../portal/Views';
import { TopologyFeed, type FeedState, type SocketLike } from './feed';
import { BigMap } from './big/BigMap';
import { defaultGroupBy, type GroupBy } from './big/grouping';
import { CurrentView } from './CurrentView';
import { MapCanvas, type Overlay } from './MapCanvas';
import { searchNodes } from './model';
import { ResourceView } from './resources/ResourceView';
import { useSnapshot } from './snapshot';
import { TableView } from './TableView';
import { TimeControl } from './TimeControl';
import { carriedOptions, defaultTopology, effectiveOptions, findTopology, OptionsBar, TopologyBar, unionChoice } from './TopologyBar';
import { mapUrl, parseMapQuery, type MapState } from './url';
import { useLayout } from './useLayout';

// xterm.js is more than the rest of the app together; only people who open a shell or logs need it.
const Terminal = lazy(() => import('../details/Terminal').then((m) => ({ default: m.Terminal })));

/**
 * The topology list, with the map's chosen options, as Scope's UI asks for it: its counts are then
 * those of the filtered views, and `filtered_nodes` says how many the options hide.
 */
function useTopologies(org: string, at: string | null, options: Record<string, string>) {
  const [list, setList] = useState<TopologyDescriptor[]>();
  const [error, setError] = useState<string>();
  const key = JSON.stringify(options);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const chosen = JSON.parse(key) as Record<string, string>;
    const load = async () => {
      try {
        const r = await scope.topologies(org, at ? { ...chosen, timestamp: at } : chosen);
        if (!live) return;
        setList(r.list);
        setError(undefined);
      } catch (e) {
        if (live) setError((e as Error).message);
      }
      if (live) timer = setTimeout(load, 10000);
    };
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [org, at, key]);
  return { list, error };
}

/**
 * The live feed, or with `at` (time travel) a snapshot of that instant. Opens nothing until
 * `ready` (the topology's options are known), so each visit opens one websocket, with the
 * options, and the first frame is the complete map.
 */
function useFeed(org: string, topology: string, options: Record<string, string>, at: string | null, ready: boolean) {
  const key = JSON.stringify(options);
  const [feed, setFeed] = useState<TopologyFeed | null>(null);
  const [state, setState] = useState<FeedState>({ nodes: new Map(), status: 'connecting', loaded: false });
  const past = useSnapshot(org, topology, options, at);
  useEffect(() => {
    if (at || !ready) return;
    const opts = JSON.parse(key) as Record<string, string>;
    const f = new TopologyFeed({
      openSocket: () => new WebSocket(scope.topologyWsUrl(org, topology, opts)) as unknown as SocketLike,
      fetchNodes: async () => (await scope.topology(org, topology, opts)).nodes,
    });
    f.subscribe(setState);
    f.start();
    setFeed(f);
    return () => f.stop();
  }, [org, topology, key, at, ready]);
  return at ? past : { state, retry: () => feed?.retry() };
}

function useProbesWhile(org: string, active: boolean): Probe[] | undefined {
  const [probes, setProbes] = useState<Probe[]>();
  useEffect(() => {
    if (!active) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const load = async () => {
      try {
        const p = await portal.probes(org);
        if (live) setProbes(p);
      } catch {
        // the map's own state says enough
      }
      if (live) timer = setTimeout(load, 5000);
    };
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [org, active]);
  return probes;
}

function LostBanner({ state, onRetry }: { state: FeedState; onRetry: () => void }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, []);
  const secs = state.retryAt ? Math.max(0, Math.ceil((state.retryAt - now) / 1000)) : 0;
  return (
    <div className="banner lost" role="alert" data-testid="connection-lost">
      <strong>{state.message ?? 'Lost the connection to Scope Cloud.'}</strong> The map shows the last state it had.{' '}
      {secs > 0 ? `Reconnecting in ${secs}s…` : 'Reconnecting…'}
      <button type="button" className="link" onClick={onRetry}>
        Retry now
      </button>
    </div>
  );
}

function SaveViewDialog({ org, state, onClose, onSaved }: { org: OrgRef; state: MapState; onClose: () => void; onSaved: (id: string) => void }) {
  const [name, setName] = useState(state.search ? `${state.topology}: ${state.search}` : state.topology);
  const [shared, setShared] = useState(true);
  const [savedId, setSavedId] = useState<string | null>(null);
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const v = await action.run(() =>
      portal.saveView(org.id, { name, topology: state.topology, options: state.options, search: state.search, selectedNode: state.node, shared }),
    );
    if (v) {
      setSavedId(v.id);
      onSaved(v.id);
    }
  };
  return (
    <Modal title="Save this view" onClose={onClose}>
      {savedId ? (
        <div data-testid="view-saved">
          <p>Saved. {shared ? 'Everyone in the team can open it:' : 'Only you can open it:'}</p>
          <CopyField value={viewLink(org.id, savedId)} label="view link" testId="view-link" />
          <div className="modal-actions">
            <button type="button" onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      ) : (
        <form className="form" onSubmit={submit} aria-label="Save view">
          <ViewFields name={name} onName={setName} shared={shared} onShared={setShared} />
          <ErrorNote error={action.error} />
          <div className="modal-actions">
            <button type="button" className="secondary" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" disabled={action.busy}>
              Save view
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}

/** The status line's tail: when the map last heard from the service, the plugins, the raw report. */
function LiveNote({ org, updatedAt }: { org: string; updatedAt?: number }) {
  const [now, setNow] = useState(Date.now());
  const [info, setInfo] = useState<ApiInfo>();
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  useEffect(() => {
    let live = true;
    const load = () =>
      scope.info(org).then(
        (i) => live && setInfo(i),
        () => undefined,
      );
    void load();
    const t = setInterval(load, 30000);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, [org]);
  const plugins = (info?.plugins ?? []).map((p) => p.label || p.id);
  return (
    <span data-testid="live-note">
      {updatedAt !== undefined && ` · updated ${Math.max(0, Math.round((now - updatedAt) / 1000))} s ago`}
      {plugins.length > 0 && ` · plugins: ${plugins.join(', ')}`}
      {' · '}
      <a href={scope.reportUrl(org)} download={`scope-report-${org}.json`}>
        raw report
      </a>
    </span>
  );
}

/** The latest report of any of these probes (RFC 3339). */
function lastReport(probes: Probe[]): string {
  return probes.reduce((a, p) => (p.lastSeen > a ? p.lastSeen : a), probes[0].lastSeen);
}

/** How many nodes the topology's options hide, and which choices hide them (Scope's filtered_nodes). */
function HiddenNote({ topology, values }: { topology?: TopologyDescriptor; values: Record<string, string> }) {
  const hidden = topology?.stats?.filtered_nodes ?? 0;
  if (hidden <= 0) return null;
  const why = (topology?.options ?? [])
    .map((o) =>
      o.selectType === 'union'
        ? unionChoice(o, values[o.id])
            .map((c) => o.options.find((v) => v.value === c)?.label ?? c)
            .join(' + ')
        : o.options.find((v) => v.value === values[o.id])?.label,
    )
    .filter((l): l is string => !!l);
  return (
    <span data-testid="hidden-note">
      {` · ${plural(hidden, 'node')} hidden by the options${why.length ? ` (${why.join(', ')})` : ''}`}
    </span>
  );
}

export function MapPage({ org, topology }: { org: OrgRef; topology?: string }) {
  const { query } = useLocation();
  const parsed = parseMapQuery(topology ?? '', query);
  const { list, error: listError } = useTopologies(org.id, parsed.at, parsed.options);
  if (!topology) {
    if (list) return <Redirect to={mapUrl(org.id, { topology: defaultTopology(list) })} />;
    return (
      <div className="page">
        <ErrorNote error={listError} />
        {!listError && <Spinner label="Loading the map…" />}
      </div>
    );
  }
  return <MapView org={org} state={parseMapQuery(topology, query)} list={list} listError={listError} />;
}

function MapView({ org, state, list, listError }: { org: OrgRef; state: MapState; list?: TopologyDescriptor[]; listError?: string }) {
  const found = list ? findTopology(list, state.topology) : null;
  const options = useMemo(() => effectiveOptions(found?.self.options, state.options), [found?.self.options, state.options]);
  const { state: feed, retry } = useFeed(org.id, state.topology, options, state.at, list !== undefined || !!listError);
  // Every request for the past carries the instant (scope-contract §4), node details too.
  const requestOptions = useMemo(() => (state.at ? { ...options, timestamp: state.at } : options), [options, state.at]);
  // Another topology or other options cancel a layout still under way (useLayout.ts).
  const mapKey = `${state.topology}?${JSON.stringify(options)}`;
  // Grouped by namespace for Kubernetes topologies and by host otherwise, until the user picks.
  const [picked, setPicked] = useState<{ topology: string; by: GroupBy } | null>(null);
  const groupBy = picked?.topology === state.topology ? picked.by : defaultGroupBy(state.topology);
  const setGroupBy = (by: GroupBy) => setPicked({ topology: state.topology, by });
  const [overlay, setOverlay] = useState<Overlay>(null);
  const { layout, busy, grouped } = useLayout(feed.nodes, mapKey, groupBy);
  const [search, setSearch] = useState(state.search);
  const [saving, setSaving] = useState(false);
  const [pipe, setPipe] = useState<PipeInfo | null>(null);
  // Pinned terms and the search box all apply (AND), as Scope's pinned searches do.
  const query = [...state.pinned, state.search].filter((t) => t.trim() !== '').join(' ');
  const matches = useMemo(() => searchNodes(feed.nodes, query), [feed.nodes, query]);
  const empty = feed.loaded && feed.nodes.size === 0 && feed.status !== 'unavailable';
  const probes = useProbesWhile(org.id, empty && !state.at);

  const go = useCallback(
    (patch: Partial<MapState>, replace = false) => navigate(mapUrl(org.id, { ...state, ...patch }), { replace }),
    [org.id, state],
  );

  useEffect(() => setSearch(state.search), [state.search]);

  // Scope's keyboard shortcuts: / search, t table, g graph, ? help, Esc closes what is open.
  const [help, setHelp] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      const typing = !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
      // Esc: the help dialog and the details panel close themselves; here it leaves the search.
      if (e.key === 'Escape') {
        if (typing) t.blur();
        return;
      }
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '/') {
        e.preventDefault();
        document.querySelector<HTMLInputElement>('input.search')?.focus();
      } else if (e.key === 't') go({ mode: 'table' });
      else if (e.key === 'g') go({ mode: 'graph' });
      else if (e.key === '?') setHelp((h) => !h);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);
  useEffect(() => {
    if (search === state.search) return;
    const t = setTimeout(() => go({ search }, true), 200);
    return () => clearTimeout(t);
  }, [search, state.search, go]);

  // The saved view stays attached when the topology changes, so "Update view" can move it there.
  // Pods, Controllers and Services share their options (the namespaces chosen), as in Scope.
  const selectTopology = (id: string) =>
    navigate(
      mapUrl(org.id, { topology: id, options: carriedOptions(list ?? [], state.topology, id, state.options), mode: state.mode, view: state.view, at: state.at }),
    );
  const namespaceGroup = found?.self.options?.find((o) => o.id === 'namespace' && o.selectType === 'union');
  const namespaces = namespaceGroup ? unionChoice(namespaceGroup, options.namespace) : [];
  const name = found ? (found.self === found.top ? found.top.name : `${found.top.name} ${found.self.name}`) : state.topology;

  return (
    <div className="map-page">
      <div className="map-toolbar">
        {list && <TopologyBar list={list} current={state.topology} onSelect={selectTopology} />}
        <div className="toolbar-row">
          <OptionsBar options={found?.self.options} values={options} onChange={(id, value) => go({ options: { ...state.options, [id]: value } })} />
          <div className="spacer" />
          {state.pinned.map((p) => (
            <span key={p} className="pinned" data-testid="pinned">
              {p}
              <button type="button" className="link" aria-label={`Unpin ${p}`} onClick={() => go({ pinned: state.pinned.filter((x) => x !== p) })}>
                ×
              </button>
            </span>
          ))}
          <input
            type="search"
            className="search"
            title="Enter pins the search, so you can add another"
            onKeyDown={(e) => {
              const term = search.trim();
              if (e.key === 'Enter' && term && !state.pinned.includes(term)) {
                setSearch('');
                go({ pinned: [...state.pinned, term], search: '' });
              }
            }}
            placeholder="Search: name, field:value, cpu>50"
            aria-label="Search nodes"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          {state.mode === 'graph' && (
            <select aria-label="Metric on nodes" value={overlay ?? ''} onChange={(e) => setOverlay((e.target.value || null) as Overlay)}>
              <option value="">No metric</option>
              <option value="cpu">CPU</option>
              <option value="memory">Memory</option>
            </select>
          )}
          <div className="mode-toggle" role="radiogroup" aria-label="Show as">
            <button type="button" role="radio" aria-checked={state.mode === 'graph'} className={state.mode === 'graph' ? 'on' : ''} onClick={() => go({ mode: 'graph' })}>
              Graph
            </button>
            <button type="button" role="radio" aria-checked={state.mode === 'table'} className={state.mode === 'table' ? 'on' : ''} onClick={() => go({ mode: 'table' })}>
              Table
            </button>
            <button type="button" role="radio" aria-checked={state.mode === 'resources'} className={state.mode === 'resources' ? 'on' : ''} onClick={() => go({ mode: 'resources' })}>
              Resources
            </button>
          </div>
          {/* Pausing and going live are steps in the history; moving the paused instant is not. */}
          <TimeControl at={state.at} onChange={(at) => go({ at }, !!state.at && !!at)} />
          {state.view && <CurrentView org={org} viewId={state.view} state={state} options={options} />}
          {atLeast(org.role, 'member') && (
            <button type="button" className="secondary" onClick={() => setSaving(true)}>
              Save view
            </button>
          )}
        </div>
      </div>
      <ErrorNote error={listError} />
      {feed.status === 'lost' && <LostBanner state={feed} onRetry={retry} />}
      {state.at && (
        <div className="banner paused" role="status" data-testid="time-travel">
          Showing the map as it was at {formatDateTime(state.at)}. Live updates are paused until you go back to live.
        </div>
      )}
      <div className="map-body">
        <div className={`map-main${feed.status === 'lost' ? ' stale' : ''}`}>
          <div className="map-status" data-testid="map-status" data-status={feed.status}>
            <span className={`dot ${feed.status}`} aria-hidden="true" />
            {name}: {plural(feed.nodes.size, 'node')}
            {matches && ` · ${matches.size} matching`}
            <HiddenNote topology={found?.self} values={options} />
            {matches && state.mode === 'table' && matches.size < feed.nodes.size && ` · ${feed.nodes.size - matches.size} hidden by the search`}
            {busy && ' · laying out…'}
            {grouped && (
              <span data-testid="grouped-why">
                {' · '}
                {grouped === 'size' ? 'grouped by ' + groupBy + ': too many nodes and connections for one readable graph' : 'grouped by ' + groupBy + ': the graph took too long to lay out'}
              </span>
            )}
            {feed.status === 'polling' && ' · refreshing every 3s'}
            {!state.at && <LiveNote org={org.id} updatedAt={feed.updatedAt} />}
          </div>
          {state.mode === 'resources' ? (
            <ResourceView org={org.id} at={state.at} selected={state.node} onSelect={(t, id) => navigate(mapUrl(org.id, { topology: t, node: id, mode: 'resources', view: state.view, at: state.at }))} />
          ) : (
            <>
            {!feed.loaded && <Spinner label="Connecting…" />}
            {feed.status === 'unavailable' && (
              <EmptyState title={`${name} is not available`}>
                <p className="muted">{feed.message}</p>
              </EmptyState>
            )}
            {empty && state.at && (
              <EmptyState title="No data for this time">
                <p className="muted" data-testid="no-data-at">
                  Nothing reported to {org.name} at {formatDateTime(state.at)}. Move the time, or go back to live.
                </p>
              </EmptyState>
            )}
            {empty &&
              !state.at &&
              (probes && probes.length > 0 && !probes.some((p) => p.connected) ? (
                <EmptyState title={probes.length === 1 ? 'Your probe stopped reporting' : 'Your probes stopped reporting'}>
                  <p data-testid="probes-stopped">
                    The last report reached {org.name} {formatAgo(lastReport(probes))} ({formatDateTime(lastReport(probes))}). Check that the probe still
                    runs on its host and can reach this service; the map fills in again within seconds of its next report.
                  </p>
                  <Link className="button secondary" href={`/app/${encodeURIComponent(org.id)}/probes`}>
                    See the probes
                  </Link>
                </EmptyState>
              ) : probes && !probes.some((p) => p.connected) ? (
                <EmptyState title="No probes yet">
                  <p data-testid="no-probes">
                    Nothing reports to {org.name} yet. Run the probe on a host and it appears here within seconds.
                  </p>
                  <Link className="button" href={`/app/${encodeURIComponent(org.id)}/setup`}>
                    Connect a probe
                  </Link>
                </EmptyState>
              ) : (
                <EmptyState title={`No ${name.toLowerCase()} to show`}>
                  <p className="muted" data-testid="empty-why">
                    {namespaces.length > 0
                      ? `Nothing in ${namespaces.length === 1 ? 'the namespace' : 'the namespaces'} ${namespaces.join(', ')}. Choose more namespaces above, or all of them.`
                      : 'Try another topology, or other options above.'}
                  </p>
                </EmptyState>
              ))}
            {feed.nodes.size > 0 && state.mode === 'graph' && layout?.groups && (
              <BigMap
                nodes={feed.nodes}
                layout={layout}
                selected={state.node}
                matches={matches}
                fitKey={mapKey}
                groupBy={groupBy}
                onGroupBy={setGroupBy}
                onSelect={(id) => go({ node: id })}
                overlay={overlay}
              />
            )}
            {feed.nodes.size > 0 && state.mode === 'graph' && layout && !layout.groups && (
              <MapCanvas
                nodes={feed.nodes}
                layout={layout}
                selected={state.node}
                matches={matches}
                fitKey={mapKey}
                onSelect={(id) => go({ node: id })}
                overlay={overlay}
              />
            )}
            {feed.nodes.size > 0 && state.mode === 'table' && (
              <TableView nodes={feed.nodes} matches={matches} selected={state.node} onSelect={(id) => go({ node: id })} />
            )}
            </>
          )}
        </div>
        {state.node && (
          <NodeDetails
            org={org.id}
            role={org.role}
            topology={state.topology}
            nodeId={state.node}
            options={requestOptions}
            onClose={() => go({ node: null })}
            onNavigate={(t, id) => navigate(mapUrl(org.id, { topology: t, node: id, mode: state.mode, view: state.view, at: state.at }))}
            onPipe={setPipe}
          />
        )}
      </div>
      {pipe && (
        <LazyBoundary what="the terminal">
          <Terminal org={org.id} pipe={pipe} onClose={() => setPipe(null)} />
        </LazyBoundary>
      )}
      {help && (
        <Modal title="Keyboard shortcuts" onClose={() => setHelp(false)}>
          <dl className="shortcuts" data-testid="shortcuts">
            <dt><kbd>/</kbd></dt>
            <dd>search</dd>
            <dt><kbd>t</kbd></dt>
            <dd>show as a table</dd>
            <dt><kbd>g</kbd></dt>
            <dd>show as a graph</dd>
            <dt><kbd>Esc</kbd></dt>
            <dd>close the details, leave the search, close this</dd>
            <dt><kbd>?</kbd></dt>
            <dd>this list</dd>
          </dl>
        </Modal>
      )}
      {saving && <SaveViewDialog org={org} state={{ ...state, options }} onClose={() => setSaving(false)} onSaved={(id) => go({ view: id }, true)} />}
    </div>
  );
}

export { topologyId };
