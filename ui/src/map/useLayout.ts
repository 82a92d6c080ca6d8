import { useEffect, useMemo, useRef, useState } from 'react';
import type { GroupedInput } from './big/groupedLayout';
import { groupOf, type GroupBy } from './big/grouping';
import type { Layout } from './geometry';
import type { LayoutInput } from './layout';
import type { LayoutRequest } from './layout.worker';
import { mark } from './marks';
import { edgesOf, sameStructure, structureKey, type NodeMap } from './model';

/**
 * Weave Scope's own guard: above this many nodes + 2 × edges its UI gives up on the graph. Here
 * such maps get the grouped layout and the canvas renderer instead (ADR 0018).
 */
export const BIG_WEIGHT = 1000;
/** A layered (dagre) layout that takes longer than this is abandoned for the grouped one. */
export const LAYERED_BUDGET_MS = 3000;

export function isBig(nodeCount: number, edgeCount: number): boolean {
  return nodeCount + 2 * edgeCount > BIG_WEIGHT;
}

type Job = { kind: 'layered'; input: LayoutInput } | { kind: 'grouped'; input: GroupedInput };

/**
 * One layout worker per map. A request for another topology or other options terminates a
 * worker that is still busy with the previous one (a layout cannot be interrupted from outside
 * any other way), so the new map's first paint never waits for the old map's layout.
 */
export class LayoutRunner {
  private worker: Worker | null = null;
  private seq = 0;
  private inflight: { id: number; resolve: (l: Layout | null) => void } | null = null;

  constructor(private readonly makeWorker: (() => Worker) | null = defaultWorker) {}

  /**
   * Starts the worker before there is anything to lay out, so that loading its script (the
   * layouts and d3-force) overlaps the wait for the map's first frame instead of following it.
   */
  warm(): void {
    if (this.makeWorker && !this.worker) this.start();
  }

  private start(): Worker {
    const w = (this.worker = this.makeWorker!());
    w.onmessage = (e: MessageEvent<{ id: number; layout: Layout }>) => {
      const f = this.inflight;
      if (!f || f.id !== e.data.id) return;
      this.inflight = null;
      f.resolve(e.data.layout);
    };
    return w;
  }

  run(prev: Layout | null, job: Job): Promise<Layout | null> {
    // A layout still under way is for data that is no longer wanted: stop it rather than wait.
    if (this.inflight) this.cancel();
    if (!this.makeWorker) return runHere(prev, job);
    if (!this.worker) this.start();
    const id = ++this.seq;
    return new Promise((resolve) => {
      this.inflight = { id, resolve };
      this.worker!.postMessage({ id, prev, ...job } as LayoutRequest);
    });
  }

  /** Stops the layout under way, if any: its promise resolves to null. */
  cancel(): void {
    const f = this.inflight;
    if (!f) return;
    this.inflight = null;
    this.worker?.terminate();
    this.worker = null;
    f.resolve(null);
  }

  get busy(): boolean {
    return this.inflight !== null;
  }

  dispose(): void {
    this.cancel();
    this.worker?.terminate();
    this.worker = null;
  }
}

function defaultWorker(): Worker {
  return new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
}

// Without workers (tests, old browsers) the layouts are loaded here, on demand, so dagre and
// d3-force stay out of the map's chunk for everyone else.
async function runHere(prev: Layout | null, job: Job): Promise<Layout> {
  if (job.kind === 'grouped') return (await import('./big/groupedLayout')).groupedLayout(job.input, prev);
  return (await import('./layout')).nextLayout(prev, job.input);
}

/** The last job, and what it was made from. */
interface LastJob {
  job: Job;
  nodes: NodeMap;
  groupBy: GroupBy;
  forceGrouped: boolean;
}

/** The layout job for these nodes; `prev` itself when only metrics changed (no new work, no new effect). */
export function jobFor(nodes: NodeMap, groupBy: GroupBy, forceGrouped: boolean, prev: LastJob | null): LastJob {
  // A frame of new metrics: same ids and adjacency, so the same job, found without edgesOf.
  if (prev && prev.groupBy === groupBy && prev.forceGrouped === forceGrouped && sameStructure(prev.nodes, nodes)) return { ...prev, nodes };
  const edges = edgesOf(nodes);
  const ids = [...nodes.keys()];
  const grouped = forceGrouped || isBig(nodes.size, edges.length);
  const key = grouped ? `${groupBy}\u0003${structureKey(ids, edges)}` : structureKey(ids, edges);
  const made = (job: Job): LastJob => ({ job, nodes, groupBy, forceGrouped });
  if (prev && prev.job.input.key === key && (prev.job.kind === 'grouped') === grouped) return made(prev.job);
  if (grouped) {
    const list = [...nodes.values()].map((n) => ({ id: n.id, group: groupOf(n, groupBy) }));
    return made({ kind: 'grouped', input: { nodes: list, edges, key } });
  }
  const list = [...nodes.values()].map((n) => ({ id: n.id, rank: n.rank ?? '', label: n.label ?? '' }));
  return made({ kind: 'layered', input: { nodes: list, edges, key } });
}

export interface LayoutState {
  layout: Layout | null;
  busy: boolean;
  /** Why the grouped layout is used, when it is. */
  grouped: 'size' | 'slow' | null;
}

/**
 * The layout of a node set, recomputed only when nodes or edges change (not on metric updates),
 * in a worker where there is one. `resetKey` (the topology and its options) starts from scratch
 * and cancels a layout of the previous one still under way.
 */
export function useLayout(nodes: NodeMap, resetKey: string, groupBy: GroupBy = 'host', runnerFactory?: () => LayoutRunner): LayoutState {
  const [slow, setSlow] = useState<string | null>(null);
  const forceGrouped = slow === resetKey;
  const lastJob = useRef<LastJob | null>(null);
  const job = useMemo(() => (lastJob.current = jobFor(nodes, groupBy, forceGrouped, lastJob.current)).job, [nodes, groupBy, forceGrouped]);
  const [state, setState] = useState<LayoutState & { reset: string }>({ layout: null, busy: false, grouped: null, reset: resetKey });
  const runner = useRef<LayoutRunner | null>(null);
  const prev = useRef<{ reset: string; layout: Layout | null }>({ reset: resetKey, layout: null });

  useEffect(() => {
    const r = (runner.current = runnerFactory ? runnerFactory() : new LayoutRunner(typeof Worker === 'undefined' ? null : defaultWorker));
    r.warm();
    return () => r.dispose();
  }, [runnerFactory]);

  const inflight = useRef<{ key: string; ticket: number; timer?: ReturnType<typeof setTimeout> } | null>(null);
  const tickets = useRef(0);

  useEffect(() => {
    const r = runner.current;
    if (!r) return;
    if (prev.current.reset !== resetKey) {
      prev.current = { reset: resetKey, layout: null };
      setState({ layout: null, busy: false, grouped: null, reset: resetKey });
    }
    const base = prev.current.layout;
    if (base && base.key === job.input.key) return;
    // Frames with new metrics but the same nodes and edges do not restart a layout under way.
    if (inflight.current?.key === job.input.key) return;
    clearTimeout(inflight.current?.timer);
    const ticket = ++tickets.current;
    // A layered layout over its budget is given up for the grouped one, which always finishes.
    const timer =
      job.kind === 'layered'
        ? setTimeout(() => {
            if (inflight.current?.ticket !== ticket) return;
            r.cancel();
            setSlow(resetKey);
          }, LAYERED_BUDGET_MS)
        : undefined;
    inflight.current = { key: job.input.key, ticket, timer };
    setState((s) => (s.busy ? s : { ...s, busy: true }));
    const reuse = base && (base.groups ? job.kind === 'grouped' : job.kind === 'layered') ? base : null;
    if (job.input.nodes.length > 0) mark('map:layout-requested');
    void r.run(reuse, job).then((l) => {
      if (inflight.current?.ticket !== ticket) return; // superseded
      clearTimeout(timer);
      inflight.current = null;
      if (!l) return;
      prev.current = { reset: resetKey, layout: l };
      mark('map:layout');
      setState({ layout: l, busy: false, grouped: job.kind === 'grouped' ? (forceGrouped ? 'slow' : 'size') : null, reset: resetKey });
    });
  }, [job, resetKey, forceGrouped]);

  // Never the previous topology's layout, not even for the one render before the effect above.
  if (state.reset !== resetKey) return { layout: null, busy: true, grouped: null };
  return { layout: state.layout, busy: state.busy, grouped: state.grouped };
}
