// The panel for one node: its controls, metrics with sparklines, metadata, tables, parents,
// children and connections, each a link to the node it names.
import { kindOf } from './relatives';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/http';
import { scope, type Options } from '../api/scope';
import { atLeast, type ChildGroup, type ControlDescriptor, type NodeDetails as Details, type NodeSummary, type Role, type Table } from '../api/types';
import { formatMetadata, formatMetric } from '../format';
import { nodeColor, Shape } from '../map/shapes';
import { ErrorNote, Modal, Spinner } from '../ui';
import { confirmationFor, controlIcon, DESCRIBE, objectKind, replicasOf, requiredRole, SCALE_DOWN, SCALE_UP } from './controls';
import { DescribeViewer, type DescribeTarget } from './DescribeViewer';
import { Sparkline } from './Sparkline';
import type { PipeInfo } from './Terminal';

export { controlIcon, requiredRole };

/** How long the panel waits for the probe to report a scaled deployment's new replica count. */
export const SCALE_WAIT_MS = 30000;

/** A table of children (a host's processes, a pod's containers): the first 50, then all on request, sortable. */
export const CHILDREN_SHOWN = 50;

function ChildTable({ group, onOpen }: { group: ChildGroup; onOpen: (id: string) => void }) {
  const [all, setAll] = useState(false);
  const [sort, setSort] = useState<{ col: number; desc: boolean }>({ col: -1, desc: false });
  const nodes = group.nodes ?? [];
  const metricCols = (nodes.find((n) => (n.metrics?.length ?? 0) > 0)?.metrics ?? []).slice(0, 2);
  const value = (n: NodeSummary, col: number) => n.metrics?.find((m) => m.id === metricCols[col]?.id)?.value;
  const sorted = [...nodes].sort((a, b) => {
    if (sort.col < 0) return (sort.desc ? -1 : 1) * a.label.localeCompare(b.label);
    const x = value(a, sort.col);
    const y = value(b, sort.col);
    if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1; // blanks last
    return (sort.desc ? -1 : 1) * (x - y) || a.label.localeCompare(b.label);
  });
  const shown = all ? sorted : sorted.slice(0, CHILDREN_SHOWN);
  const header = (col: number, label: string, numeric: boolean) => (
    <th className={numeric ? 'num' : ''}>
      <button type="button" className="sort" onClick={() => setSort((s) => ({ col, desc: s.col === col ? !s.desc : numeric }))}>
        {label}
        {sort.col === col ? (sort.desc ? ' ▾' : ' ▴') : ''}
      </button>
    </th>
  );
  return (
    <section className="details-section" aria-label={group.label}>
      <h3>
        {group.label} <span className="count">{nodes.length}</span>
      </h3>
      <table className="details-table children">
        <thead>
          <tr>
            {header(-1, 'Name', false)}
            {metricCols.map((m, i) => header(i, m.label, true))}
          </tr>
        </thead>
        <tbody>
          {shown.map((c) => (
            <tr key={c.id}>
              <td>
                <button type="button" className="link" onClick={() => onOpen(c.id)}>
                  {c.label}
                </button>
              </td>
              {metricCols.map((m, i) => {
                const v = value(c, i);
                return (
                  <td key={m.id} className="num">
                    {v === undefined ? '' : formatMetric(v, m.format)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {nodes.length > CHILDREN_SHOWN && (
        <button type="button" className="link" onClick={() => setAll((a) => !a)}>
          {all ? `Show the first ${CHILDREN_SHOWN}` : `Show all ${nodes.length}`}
        </button>
      )}
    </section>
  );
}

function PropertyTable({ table }: { table: Table }) {
  const rows = table.rows ?? [];
  if (rows.length === 0) return null;
  if (table.type === 'multicolumn-table') {
    const cols = table.columns ?? [];
    return (
      <section className="details-section">
        <h3>{table.label}</h3>
        <table className="details-table">
          <thead>
            <tr>
              {cols.map((c) => (
                <th key={c.id}>{c.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                {cols.map((c) => (
                  <td key={c.id}>{r.entries[c.id] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    );
  }
  return (
    <section className="details-section">
      <h3>{table.label}</h3>
      <dl className="kv">
        {rows.map((r) => (
          <div key={r.id}>
            <dt title={r.entries.label}>{r.entries.label}</dt>
            <dd title={r.entries.value}>{r.entries.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export interface NodeDetailsProps {
  org: string;
  role: Role;
  topology: string;
  nodeId: string;
  options: Options;
  onClose: () => void;
  onNavigate: (topology: string, nodeId: string) => void;
  onPipe: (pipe: PipeInfo) => void;
  refreshMs?: number;
}

export function NodeDetails({ org, role, topology, nodeId, options, onClose, onNavigate, onPipe, refreshMs = 3000 }: NodeDetailsProps) {
  const [node, setNode] = useState<Details | null>(null);
  const [error, setError] = useState<string>();
  const [gone, setGone] = useState(false);
  const [tick, setTick] = useState(0);
  const [pending, setPending] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<ControlDescriptor | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [describing, setDescribing] = useState<DescribeTarget | null>(null);
  // A scale the probe has not reported yet: the replica count asked for, and since when.
  const [scaling, setScaling] = useState<{ to: number; since: number } | null>(null);
  const optionsKey = JSON.stringify(options);
  // While a scale is on its way the details are asked for every second, so the count follows.
  const every = scaling ? Math.min(refreshMs, 1000) : refreshMs;

  useEffect(() => {
    setNode(null);
    setGone(false);
    setError(undefined);
    setResult(null);
    setScaling(null);
  }, [topology, nodeId]);

  const replicas = replicasOf(node);
  useEffect(() => {
    if (!scaling) return;
    if (replicas?.desired === scaling.to) setScaling(null);
    else if (Date.now() - scaling.since > SCALE_WAIT_MS) {
      setScaling(null);
      setResult({ ok: false, text: `The probe has not reported ${scaling.to} desired replicas after ${SCALE_WAIT_MS / 1000} s. Check the deployment's events (Describe).` });
    }
  }, [scaling, replicas?.desired, node]);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const load = async () => {
      try {
        const d = await scope.details(org, topology, nodeId, JSON.parse(optionsKey) as Options);
        if (!live) return;
        setNode(d.node);
        setGone(false);
        setError(undefined);
      } catch (e) {
        if (!live) return;
        if (e instanceof ApiError && e.status === 404) setGone(true);
        else setError((e as Error).message);
      }
      if (live) timer = setTimeout(load, every);
    };
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [org, topology, nodeId, optionsKey, tick, every]);

  useEffect(() => {
    // Escape closes the panel, unless a dialog (a confirmation) is open and takes it.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !confirming && !describing && !document.querySelector('[role=dialog][aria-modal=true]')) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [confirming, describing, onClose]);

  const run = useCallback(
    async (c: ControlDescriptor) => {
      setConfirming(null);
      setPending(c.id);
      setResult(null);
      const label = node?.label ?? c.nodeId;
      const desired = replicasOf(node)?.desired;
      try {
        const r = await scope.control(org, c.probeId, c.nodeId, c.id);
        if (r?.error) {
          setResult({ ok: false, text: r.error });
        } else if (r?.pipe && c.id === DESCRIBE) {
          setDescribing({ pipeId: r.pipe, object: `${objectKind(c.nodeId)} ${label}` });
        } else if (r?.pipe) {
          onPipe({
            pipeId: r.pipe,
            rawTty: !!r.raw_tty,
            resizeControl: r.resize_tty_control,
            probeId: c.probeId,
            nodeId: c.nodeId,
            title: `${c.human} — ${label}`,
          });
        } else if (r?.removedNode) {
          onClose();
          return;
        } else if ((c.id === SCALE_UP || c.id === SCALE_DOWN) && desired !== undefined) {
          const to = desired + (c.id === SCALE_UP ? 1 : -1);
          setScaling({ to, since: Date.now() });
          setResult({ ok: true, text: `${c.human}: asked for ${to} replicas` });
        } else {
          setResult({ ok: true, text: `${c.human}: done` });
        }
        setTick((t) => t + 1);
      } catch (e) {
        setResult({ ok: false, text: (e as Error).message });
      } finally {
        setPending(null);
      }
    },
    [org, node, onPipe, onClose],
  );

  const controls = [...(node?.controls ?? [])].sort((a, b) => a.rank - b.rank || a.human.localeCompare(b.human));
  return (
    <aside className="details" aria-label="Node details" data-testid="node-details">
      <header className="details-head" style={{ borderTopColor: node ? nodeColor(node.rank || node.label, node.pseudo) : undefined }}>
        <svg width="44" height="44" viewBox="-22 -22 44 44" aria-hidden="true">
          {node && <Shape shape={node.shape} r={16} color={nodeColor(node.rank || node.label, node.pseudo)} stack={node.stack} pseudo={node.pseudo} />}
        </svg>
        <div className="titles">
          <h2 data-testid="details-label">{node?.label ?? (gone ? 'Gone' : '…')}</h2>
          {node?.labelMinor && <div className="minor">{node.labelMinor}</div>}
        </div>
        <button type="button" className="link close" onClick={onClose} aria-label="Close details">
          ✕
        </button>
      </header>
      {controls.length > 0 && (
        <div className="controls" role="toolbar" aria-label="Controls">
          {controls.map((c) => {
            const needed = requiredRole(c.id);
            const allowed = atLeast(role, needed);
            return (
              <button
                key={`${c.probeId}/${c.id}`}
                type="button"
                className="control"
                data-control={c.id}
                disabled={!allowed || pending !== null || (c.id === SCALE_DOWN && replicas?.desired === 0)}
                title={allowed ? c.human : `${c.human} needs the ${needed} role; you are ${role}`}
                onClick={() => (confirmationFor(c, node) ? setConfirming(c) : void run(c))}
              >
                <span className="icon" aria-hidden="true">
                  {pending === c.id ? <span className="spinner small" /> : controlIcon(c.icon)}
                </span>
                {c.human}
              </button>
            );
          })}
        </div>
      )}
      {replicas && controls.some((c) => c.id === SCALE_UP || c.id === SCALE_DOWN) && (
        <div className="replicas" data-testid="replicas" aria-live="polite">
          Replicas: <strong>{replicas.desired}</strong> desired
          {replicas.pods !== undefined && ` · ${replicas.pods} ${replicas.pods === 1 ? 'pod' : 'pods'}`}
          {scaling && (
            <span className="muted" data-testid="scaling">
              {' '}
              → {scaling.to} asked for, waiting for the probe’s report…
            </span>
          )}
        </div>
      )}
      {result && (
        <div className={result.ok ? 'ok-note' : 'error-note'} role="status" data-testid="control-result">
          {result.text}
        </div>
      )}
      <div className="details-body">
        {gone && <p className="muted">This node is no longer in the report (it may have stopped).</p>}
        <ErrorNote error={error} />
        {!node && !gone && !error && <Spinner />}
        {node && (
          <>
            {(node.metrics?.length ?? 0) > 0 && (
              <section className="details-section" aria-label="Metrics">
                <h3>Status</h3>
                <table className="metrics">
                  <tbody>
                    {node.metrics!.map((m) => (
                      <tr key={m.id} data-metric={m.id}>
                        <th>{m.label}</th>
                        <td className="spark">
                          <Sparkline samples={m.samples} min={m.min} max={m.max} />
                        </td>
                        <td className="num">{m.valueEmpty ? '–' : formatMetric(m.value, m.format)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            )}
            {(node.metadata?.length ?? 0) > 0 && (
              <section className="details-section" aria-label="Info">
                <h3>Info</h3>
                <dl className="kv">
                  {node.metadata!.map((r) => (
                    <div key={r.id}>
                      <dt>{r.label}</dt>
                      <dd title={r.value}>
                        {r.dataType === 'link' ? (
                          <a href={r.value} target="_blank" rel="noreferrer noopener">
                            {r.value}
                          </a>
                        ) : (
                          formatMetadata(r.value, r.dataType)
                        )}
                      </dd>
                    </div>
                  ))}
                </dl>
              </section>
            )}
            {(node.parents?.length ?? 0) > 0 && (
              <section className="details-section" aria-label="Parents">
                <h3>Relatives</h3>
                <ul className="parents">
                  {node.parents!.map((p) => (
                    <li key={`${p.topologyId}/${p.id}`}>
                      <span className="muted">{kindOf(p.topologyId)}</span>{' '}
                      <button type="button" className="link" onClick={() => onNavigate(p.topologyId, p.id)}>
                        {p.label}
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {(node.tables ?? []).map((t) => (
              <PropertyTable key={t.id} table={t} />
            ))}
            {(node.children ?? []).map((g) => (
              <ChildTable key={g.topologyId + g.label} group={g} onOpen={(c) => onNavigate(g.topologyId || topologyFor(c), c)} />
            ))}
            {(node.connections ?? []).map((t) => (
              <section key={t.id} className="details-section" aria-label={t.label}>
                <h3>
                  {t.label} <span className="count">{t.connections?.length ?? 0}</span>
                </h3>
                {(t.connections?.length ?? 0) === 0 ? (
                  <p className="muted">None</p>
                ) : (
                  <table className="details-table">
                    <thead>
                      <tr>
                        <th>{t.id === 'incoming-connections' ? 'Client' : 'Server'}</th>
                        {(t.columns ?? []).map((c) => (
                          <th key={c.id} className="num">
                            {c.label}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {t.connections!.map((c) => (
                        <tr key={c.id}>
                          <td>
                            <button type="button" className="link" onClick={() => onNavigate(t.topologyId, c.nodeId)}>
                              {c.label}
                            </button>
                            {c.labelMinor && <span className="muted"> {c.labelMinor}</span>}
                          </td>
                          {(t.columns ?? []).map((col) => (
                            <td key={col.id} className="num">
                              {c.metadata?.find((m) => m.id === col.id)?.value ?? ''}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </section>
            ))}
          </>
        )}
      </div>
      {confirming && (
        <ConfirmDialog control={confirming} node={node} onCancel={() => setConfirming(null)} onConfirm={() => void run(confirming)} />
      )}
      {describing && <DescribeViewer org={org} target={describing} onClose={() => setDescribing(null)} />}
    </aside>
  );
}

function ConfirmDialog({ control, node, onCancel, onConfirm }: { control: ControlDescriptor; node: Details | null; onCancel: () => void; onConfirm: () => void }) {
  const ask = confirmationFor(control, node)!;
  return (
    <Modal title={ask.title} onClose={onCancel}>
      <p data-testid="confirm-object">
        <strong>{ask.object}</strong>
      </p>
      <p>{ask.question}</p>
      <div className="modal-actions">
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          {control.human}
        </button>
      </div>
    </Modal>
  );
}

/** Scope's child groups sometimes come without a topology id (hosts' processes do): tell it from the node id. */
function topologyFor(id: string): string {
  if (id.endsWith(';<container>')) return 'containers';
  if (id.endsWith(';<pod>')) return 'pods';
  if (id.endsWith(';<container_image>')) return 'containers-by-image';
  if (id.endsWith(';<host>')) return 'hosts';
  return 'processes';
}
