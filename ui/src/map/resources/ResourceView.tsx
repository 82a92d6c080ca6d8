// Scope's resource view: hosts, then their containers, then their processes, as rows of bars as
// wide as the CPU or memory they use (resourceLayout.ts). A view of the map page (mode=resources);
// it reads the three topologies over HTTP and again every 10 s.
import { useEffect, useMemo, useState } from 'react';
import { scope } from '../../api/scope';
import { formatMetric } from '../../format';
import { EmptyState, Spinner } from '../../ui';
import { fromTopology, type NodeMap } from '../model';
import { LAYERS, resourceLayout, type Bar, type Layer, type ResourceMetric } from './resourceLayout';

const REFRESH_MS = 10000;
const LAYER_NAMES: Record<Layer, string> = { hosts: 'Hosts', containers: 'Containers', processes: 'Processes' };

interface Data {
  hosts: NodeMap;
  containers: NodeMap;
  processes: NodeMap;
}

function describe(b: Bar, metric: ResourceMetric): string {
  const fmt = metric === 'cpu' ? 'percent' : 'filesize';
  const used = formatMetric(b.value, fmt);
  return b.capacity ? `${b.label}: ${used} of ${formatMetric(b.capacity, fmt)}` : `${b.label}: ${used}`;
}

export function ResourceView({ org, at, selected, onSelect }: { org: string; at: string | null; selected: string | null; onSelect: (topology: Layer, id: string) => void }) {
  const [metric, setMetric] = useState<ResourceMetric>('cpu');
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const options: Record<string, string> = at ? { timestamp: at } : {};
    const load = async () => {
      // Hosts are needed; a Scope without containers or processes shows the rows it has.
      const [h, c, p] = await Promise.allSettled(LAYERS.map((t) => scope.topology(org, t, options)));
      if (!live) return;
      if (h.status === 'rejected') setError(`Could not read the hosts: ${String(h.reason instanceof Error ? h.reason.message : h.reason)}. Retrying in 10 s.`);
      else {
        setError(null);
        setData({
          hosts: fromTopology(h.value.nodes),
          containers: c.status === 'fulfilled' ? fromTopology(c.value.nodes) : new Map(),
          processes: p.status === 'fulfilled' ? fromTopology(p.value.nodes) : new Map(),
        });
      }
      if (!at) timer = setTimeout(() => void load(), REFRESH_MS);
    };
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [org, at]);

  const layout = useMemo(() => (data ? resourceLayout(data.hosts, data.containers, data.processes, metric) : null), [data, metric]);

  return (
    <div className="resource-view" data-testid="resource-view">
      <div className="resource-controls">
        <label>
          Size by{' '}
          <select aria-label="Size by" value={metric} onChange={(e) => setMetric(e.target.value as ResourceMetric)}>
            <option value="cpu">CPU</option>
            <option value="memory">Memory</option>
          </select>
        </label>
        {error && (
          <span className="error" role="alert">
            {error}
          </span>
        )}
      </div>
      {!layout && !error && <Spinner label="Reading hosts, containers and processes…" />}
      {layout && layout.total === 0 && (
        <EmptyState title={`No ${metric === 'cpu' ? 'CPU' : 'memory'} figures to show`}>
          <p className="muted">No host reports its {metric === 'cpu' ? 'CPU' : 'memory'} yet; the resource view fills in as probes report.</p>
        </EmptyState>
      )}
      {layout &&
        layout.total > 0 &&
        LAYERS.map((layer) => (
          <div key={layer} className="resource-row" data-layer={layer}>
            <span className="resource-row-name">{LAYER_NAMES[layer]}</span>
            <div className="resource-track">
              {layout.bars
                .filter((b) => b.layer === layer)
                .map((b) => (
                  <button
                    type="button"
                    key={b.id}
                    className={`resource-bar${b.id === selected ? ' selected' : ''}`}
                    data-id={b.id}
                    style={{ left: `${(b.x / layout.total) * 100}%`, width: `${(b.width / layout.total) * 100}%` }}
                    title={describe(b, metric)}
                    aria-label={describe(b, metric)}
                    onClick={() => onSelect(layer, b.id)}
                  >
                    {b.layer === 'hosts' && b.capacity && <span className="resource-used" style={{ width: `${Math.min(100, (b.value / b.capacity) * 100)}%` }} />}
                    <span className="resource-label">{b.label}</span>
                  </button>
                ))}
            </div>
          </div>
        ))}
    </div>
  );
}
