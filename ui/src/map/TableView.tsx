// The same nodes as the graph, as a sortable table: better than a graph for finding the busiest
// process among a thousand.
import { useMemo, useState } from 'react';
import type { NodeSummary } from '../api/types';
import { formatMetadata, formatMetric } from '../format';
import type { NodeMap } from './model';

interface Column {
  id: string;
  label: string;
  kind: 'label' | 'metric' | 'metadata' | 'parents';
  format?: string;
  dataType?: string;
  numeric: boolean;
}

export function tableColumns(nodes: NodeSummary[]): Column[] {
  const metrics = new Map<string, { label: string; format?: string; priority: number }>();
  const metadata = new Map<string, { label: string; dataType?: string; priority: number; count: number }>();
  for (const n of nodes) {
    for (const m of n.metrics ?? []) if (!metrics.has(m.id)) metrics.set(m.id, { label: m.label, format: m.format, priority: m.priority ?? 0 });
    for (const r of n.metadata ?? []) {
      const e = metadata.get(r.id);
      if (e) e.count++;
      else metadata.set(r.id, { label: r.label, dataType: r.dataType, priority: r.priority ?? 0, count: 1 });
    }
  }
  const cols: Column[] = [{ id: 'label', label: 'Name', kind: 'label', numeric: false }];
  [...metadata.entries()]
    .filter(([, m]) => m.count >= nodes.length / 2)
    .sort((a, b) => a[1].priority - b[1].priority)
    .slice(0, 3)
    .forEach(([id, m]) => cols.push({ id, label: m.label, kind: 'metadata', dataType: m.dataType, numeric: m.dataType === 'number' || m.dataType === 'duration' }));
  [...metrics.entries()]
    .sort((a, b) => a[1].priority - b[1].priority)
    .slice(0, 4)
    .forEach(([id, m]) => cols.push({ id, label: m.label, kind: 'metric', format: m.format, numeric: true }));
  if (nodes.some((n) => (n.parents?.length ?? 0) > 0)) cols.push({ id: 'parents', label: 'Parents', kind: 'parents', numeric: false });
  return cols;
}

function raw(n: NodeSummary, c: Column): string | number | undefined {
  switch (c.kind) {
    case 'label':
      return n.label;
    case 'metric':
      return n.metrics?.find((m) => m.id === c.id)?.value;
    case 'metadata': {
      const v = n.metadata?.find((r) => r.id === c.id)?.value;
      return c.numeric && v !== undefined ? Number(v) : v;
    }
    case 'parents':
      return (n.parents ?? []).map((p) => p.label).join(', ');
  }
}

export function TableView({
  nodes,
  matches,
  selected,
  onSelect,
}: {
  nodes: NodeMap;
  matches: Set<string> | null;
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const list = useMemo(() => [...nodes.values()].filter((n) => !matches || matches.has(n.id)), [nodes, matches]);
  const columns = useMemo(() => tableColumns(list), [list]);
  const [sort, setSort] = useState<{ id: string; desc: boolean }>({ id: 'label', desc: false });
  const col = columns.find((c) => c.id === sort.id) ?? columns[0];
  const rows = useMemo(() => {
    const out = [...list];
    out.sort((a, b) => {
      const x = raw(a, col);
      const y = raw(b, col);
      let r: number;
      if (x === undefined) r = y === undefined ? 0 : 1;
      else if (y === undefined) r = -1;
      else if (typeof x === 'number' && typeof y === 'number') r = x - y;
      else r = String(x).localeCompare(String(y));
      if (sort.desc) r = -r;
      return r || a.label.localeCompare(b.label) || a.id.localeCompare(b.id);
    });
    return out;
  }, [list, col, sort.desc]);

  return (
    <div className="table-view">
      <table className="grid-table nodes-table" aria-label="Nodes">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.id} className={c.numeric ? 'num' : ''}>
                <button
                  type="button"
                  className="sort"
                  onClick={() => setSort((s) => ({ id: c.id, desc: s.id === c.id ? !s.desc : c.numeric }))}
                >
                  {c.label}
                  {sort.id === c.id ? (sort.desc ? ' ▾' : ' ▴') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((n) => (
            <tr
              key={n.id}
              data-node-id={n.id}
              className={`${n.id === selected ? 'selected' : ''}${n.pseudo ? ' pseudo' : ''}`}
              onClick={() => onSelect(n.id)}
            >
              {columns.map((c) => {
                const v = raw(n, c);
                let text: string;
                if (v === undefined || v === '') text = '';
                else if (c.kind === 'metric') text = formatMetric(v as number, c.format);
                else if (c.kind === 'metadata') text = formatMetadata(String(v), c.dataType);
                else text = String(v);
                return (
                  <td key={c.id} className={c.numeric ? 'num' : ''}>
                    {c.kind === 'label' ? (
                      <>
                        <span className="label">{n.label}</span>
                        {n.labelMinor && <span className="minor"> {n.labelMinor}</span>}
                      </>
                    ) : (
                      text
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted pad">No nodes match.</p>}
    </div>
  );
}
