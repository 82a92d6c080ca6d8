import { useEffect, useMemo, useRef, useState } from 'react';
import type { Layout } from './geometry';
import type { LayoutInput } from './layout';
import { edgesOf, structureKey, type NodeMap } from './model';

type Runner = (prev: Layout | null, input: LayoutInput) => Promise<Layout>;

let worker: Worker | null | undefined;
let seq = 0;
const pending = new Map<number, (l: Layout) => void>();

function workerRunner(): Runner | null {
  if (worker === undefined) {
    try {
      worker =
        typeof Worker === 'undefined'
          ? null
          : new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
      worker?.addEventListener('message', (e: MessageEvent<{ id: number; layout: Layout }>) => {
        pending.get(e.data.id)?.(e.data.layout);
        pending.delete(e.data.id);
      });
    } catch {
      worker = null;
    }
  }
  const w = worker;
  if (!w) return null;
  return (prev, input) =>
    new Promise((resolve) => {
      const id = ++seq;
      pending.set(id, resolve);
      w.postMessage({ id, prev, input });
    });
}

// Without workers (tests, old browsers) dagre is loaded here, on demand, so it stays out of the
// map's chunk for everyone else.
const syncRunner: Runner = async (prev, input) => (await import('./layout')).nextLayout(prev, input);

/**
 * The layout of a node set, recomputed only when nodes or edges change (not on metric updates),
 * in a worker where there is one. `resetKey` (the topology) starts from scratch.
 */
export function useLayout(nodes: NodeMap, resetKey: string): { layout: Layout | null; busy: boolean } {
  const input = useMemo<LayoutInput>(() => {
    const edges = edgesOf(nodes);
    const list = [...nodes.values()].map((n) => ({ id: n.id, rank: n.rank ?? '', label: n.label ?? '' }));
    return { nodes: list, edges, key: structureKey(list.map((n) => n.id), edges) };
  }, [nodes]);
  const [layout, setLayout] = useState<Layout | null>(null);
  const [busy, setBusy] = useState(false);
  const prev = useRef<{ reset: string; layout: Layout | null }>({ reset: resetKey, layout: null });
  const latest = useRef(0);

  useEffect(() => {
    if (prev.current.reset !== resetKey) {
      prev.current = { reset: resetKey, layout: null };
      setLayout(null);
    }
    const base = prev.current.layout;
    if (base && base.key === input.key) return;
    const ticket = ++latest.current;
    const run = workerRunner() ?? syncRunner;
    setBusy(true);
    run(base, input).then((l) => {
      if (ticket !== latest.current) return; // a newer request is on its way
      prev.current = { reset: resetKey, layout: l };
      setLayout(l);
      setBusy(false);
    });
  }, [input, resetKey]);

  return { layout, busy };
}
