import type { TopologyDescriptor, TopologyOption } from '../api/types';
import { topologyId } from '../api/scope';

export function findTopology(list: TopologyDescriptor[], id: string): { top: TopologyDescriptor; self: TopologyDescriptor } | null {
  for (const top of list) {
    if (topologyId(top) === id) return { top, self: top };
    for (const sub of top.sub_topologies ?? []) if (topologyId(sub) === id) return { top, self: sub };
  }
  return null;
}

/**
 * Which topology to open when none is named: containers when there are any, else hosts (a new
 * probe's own machine shows at once), else the first by rank that has nodes.
 */
export function defaultTopology(list: TopologyDescriptor[]): string {
  const sorted = [...list].sort((a, b) => a.rank - b.rank);
  const byId = (id: string) => sorted.find((t) => topologyId(t) === id);
  const containers = byId('containers');
  if (containers && (containers.stats?.nonpseudo_node_count ?? 0) > 0) return 'containers';
  const hosts = byId('hosts');
  if (hosts) return 'hosts';
  const withNodes = sorted.find((t) => (t.stats?.node_count ?? 0) > 0);
  return topologyId(withNodes ?? sorted[0]);
}

/** Every option group's value: the chosen one or the group's default. */
export function effectiveOptions(options: TopologyOption[] | null | undefined, chosen: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const o of options ?? []) out[o.id] = chosen[o.id] ?? o.defaultValue;
  return out;
}

/**
 * The values of a union group (Kubernetes namespaces) that are chosen and still offered. As in
 * Scope's UI, a choice the list no longer has (a namespace gone, or not there at the paused
 * instant) shows as "All namespaces" until it is back.
 */
export function unionChoice(o: TopologyOption, value: string | undefined): string[] {
  const offered = new Set(o.options.map((v) => v.value));
  return (value ?? '').split(',').filter((v) => v !== '' && offered.has(v));
}

/**
 * The chosen options that go with the map to another topology. Scope keeps options per topology
 * family (Pods, Controllers and Services share one namespace choice), so within a family every
 * choice the new view also offers is kept; another family starts from its defaults.
 */
export function carriedOptions(list: TopologyDescriptor[], from: string, to: string, chosen: Record<string, string>): Record<string, string> {
  const a = findTopology(list, from);
  const b = findTopology(list, to);
  if (!a || !b || a.top !== b.top) return {};
  const offered = new Set((b.self.options ?? []).map((o) => o.id));
  return Object.fromEntries(Object.entries(chosen).filter(([id]) => offered.has(id)));
}

function count(t: TopologyDescriptor): string {
  return t.stats ? String(t.stats.node_count) : '';
}

export function TopologyBar({
  list,
  current,
  onSelect,
}: {
  list: TopologyDescriptor[];
  current: string;
  onSelect: (id: string) => void;
}) {
  const sorted = [...list].sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));
  const active = findTopology(list, current);
  // Scope's rule: an empty topology that asks to be hidden still shows while the options hide
  // its nodes (filtered_nodes), or while it (or one of its views) is open.
  const visible = sorted.filter(
    (t) => !t.hide_if_empty || !t.stats || t.stats.node_count > 0 || t.stats.filtered_nodes > 0 || active?.top === t,
  );
  return (
    <div className="topology-bar">
      <div className="topologies" role="tablist" aria-label="Topologies">
        {visible.map((t) => {
          const id = topologyId(t);
          const isActive = active?.top === t;
          return (
            <div key={id} className={`topology-group${isActive ? ' active' : ''}`}>
              <button
                type="button"
                role="tab"
                aria-selected={isActive && active?.self === t}
                className={`topology${isActive && active?.self === t ? ' selected' : ''}`}
                data-topology={id}
                onClick={() => onSelect(id)}
              >
                {t.name} <span className="count">{count(t)}</span>
              </button>
              {isActive && (t.sub_topologies?.length ?? 0) > 0 && (
                <div className="subs">
                  {[...(t.sub_topologies ?? [])]
                    .sort((a, b) => a.rank - b.rank)
                    .map((s) => {
                      const sid = topologyId(s);
                      return (
                        <button
                          key={sid}
                          type="button"
                          role="tab"
                          aria-selected={active?.self === s}
                          className={`topology sub${active?.self === s ? ' selected' : ''}`}
                          data-topology={sid}
                          onClick={() => onSelect(sid)}
                        >
                          {s.name} <span className="count">{count(s)}</span>
                        </button>
                      );
                    })}
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

export function OptionsBar({
  options,
  values,
  onChange,
}: {
  options: TopologyOption[] | null | undefined;
  values: Record<string, string>;
  onChange: (id: string, value: string) => void;
}) {
  if (!options || options.length === 0) return null;
  return (
    <div className="options-bar" aria-label="Topology options">
      {options.map((o) => {
        const value = values[o.id] ?? o.defaultValue;
        if (o.selectType === 'union') {
          const chosen = unionChoice(o, value);
          const set = (next: string[]) => onChange(o.id, next.join(','));
          return (
            <fieldset key={o.id} className="option-group union" data-option={o.id}>
              <legend className="sr-only">{o.noneLabel ? o.noneLabel.replace(/^All /, '') : o.id}</legend>
              {o.noneLabel && (
                <label className={chosen.length === 0 ? 'on' : ''}>
                  <input type="checkbox" checked={chosen.length === 0} onChange={() => set([])} />
                  {o.noneLabel}
                </label>
              )}
              {o.options.map((v) => {
                const on = chosen.includes(v.value);
                return (
                  <label key={v.value} className={on ? 'on' : ''}>
                    <input type="checkbox" checked={on} onChange={() => set(on ? chosen.filter((c) => c !== v.value) : [...chosen, v.value])} />
                    {v.label}
                  </label>
                );
              })}
            </fieldset>
          );
        }
        return (
          <div key={o.id} className="option-group" role="radiogroup" aria-label={o.id}>
            {o.options.map((v) => (
              <button
                key={v.value}
                type="button"
                role="radio"
                aria-checked={value === v.value}
                className={value === v.value ? 'on' : ''}
                onClick={() => onChange(o.id, v.value)}
              >
                {v.label}
              </button>
            ))}
          </div>
        );
      })}
    </div>
  );
}
