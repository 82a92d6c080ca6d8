// The same nodes as the graph, as a sortable table: better than a graph for finding the busiest
// process among a thousand.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
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

/** Up to this many rows are all in the page; above, only those on screen (and a few more). */
export const VIRTUAL_ABOVE = 200;
const ROW_H = 37;

function isBlank(v: string | number | undefined): boolean {
  return v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
}

function cellText(n: NodeSummary, c: Column): string {
  const v = raw(n, c);
  if (isBlank(v)) return '';
  if (c.kind === 'metric') return formatMetric(v as number, c.format);
  if (c.kind === 'metadata') return formatMetadata(String(v), c.dataType);
  return String(v);
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
      // Rows without a value go last whichever way the column is sorted.
      const bx = isBlank(x);
      const by = isBlank(y);
      if (bx || by) return bx && by ? a.label.localeCompare(b.label) || a.id.localeCompare(b.id) : bx ? 1 : -1;
      let r: number;
      if (typeof x === 'number' && typeof y === 'number') r = x - y;
      else r = String(x).localeCompare(String(y));
      if (sort.desc) r = -r;
      return r || a.label.localeCompare(b.label) || a.id.localeCompare(b.id);
    });
    return out;
  }, [list, col, sort.desc]);

  const scroller = useRef<HTMLDivElement>(null);
  const virtual = rows.length > VIRTUAL_ABOVE;
  const v = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_H,
    overscan: 12,
    initialRect: { width: 1000, height: 800 },
  });
  const items = virtual ? v.getVirtualItems() : [];
  const shown = virtual ? items.map((i) => rows[i.index]) : rows;
  const padTop = virtual && items.length > 0 ? items[0].start : 0;
  const padBottom = virtual && items.length > 0 ? v.getTotalSize() - items[items.length - 1].end : 0;

  return (
    <div className="table-view" ref={scroller} data-rows={rows.length}>
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
          {padTop > 0 && <tr className="spacer" aria-hidden="true" style={{ height: padTop }} />}
          {shown.map((n) => (
            <tr
              key={n.id}
              data-node-id={n.id}
              className={`${n.id === selected ? 'selected' : ''}${n.pseudo ? ' pseudo' : ''}`}
              onClick={() => onSelect(n.id)}
            >
              {columns.map((c) => {
                const text = c.kind === 'label' ? `${n.label}${n.labelMinor ? ` ${n.labelMinor}` : ''}` : cellText(n, c);
                // Long values (command lines) are cut with an ellipsis; the whole value is on hover.
                return (
                  <td key={c.id} className={c.numeric ? 'num' : ''}>
                    <div className="cell" title={text}>
                      {c.kind === 'label' ? (
                        <>
                          <span className="label">{n.label}</span>
                          {n.labelMinor && <span className="minor"> {n.labelMinor}</span>}
                        </>
                      ) : (
                        text
                      )}
                    </div>
                  </td>
                );
              })}
            </tr>
          ))}
          {padBottom > 0 && <tr className="spacer" aria-hidden="true" style={{ height: padBottom }} />}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted pad">No nodes match.</p>}
    </div>
  );
}
