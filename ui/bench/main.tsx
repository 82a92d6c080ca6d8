// The map alone, on synthetic topologies, with hooks for bench/run.mjs to measure it as the app
// runs it (useLayout's worker, MapCanvas for small maps, BigMap for big ones, websocket-style
// diffs): data to first paint, frame times while zooming and panning, live updates, the JS heap,
// and how long another topology waits while a big one is still being laid out.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { NodeSummary, TopologyDiff } from '../src/api/types';
import { BigMap } from '../src/map/big/BigMap';
import { MapCanvas } from '../src/map/MapCanvas';
import { applyDiff, edgesOf, type NodeMap } from '../src/map/model';
import { useLayout } from '../src/map/useLayout';
import '../src/styles.css';
import { meshTopology, metricUpdate, syntheticTopology, tieredTopology } from './graph';

let setData: (d: { nodes: NodeMap; key: string }) => void = () => undefined;
let lastLayoutAt = 0;
let lastLayoutKey = '';

function Bench() {
  const [data, set] = useState<{ nodes: NodeMap; key: string }>({ nodes: new Map(), key: 'none' });
  setData = set;
  const { layout } = useLayout(data.nodes, data.key, 'host');
  const key = data.key;
  useEffect(() => {
    // Only a new layout counts, not the previous topology's layout still shown for a moment.
    if (layout && layout.positions.size >= data.nodes.size) {
      lastLayoutAt = performance.now();
      lastLayoutKey = key;
    }
  }, [layout]);
  if (!layout || data.nodes.size === 0) return <div className="canvas" />;
  if (layout.groups)
    return <BigMap nodes={data.nodes} layout={layout} selected={null} matches={null} fitKey={data.key} groupBy="host" onGroupBy={() => undefined} onSelect={() => undefined} overlay="cpu" />;
  return <MapCanvas nodes={data.nodes} layout={layout} selected={null} matches={null} fitKey={data.key} onSelect={() => undefined} />;
}

const frame = () => new Promise<number>((r) => requestAnimationFrame(r));

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, p50: q(0.5), p95: q(0.95), max: s[s.length - 1] };
}

async function recordFrames(frames: number, drive: (i: number) => void): Promise<number[]> {
  const out: number[] = [];
  let last = await frame();
  for (let i = 0; i < frames; i++) {
    drive(i);
    const t = await frame();
    out.push(t - last);
    last = t;
  }
  return out;
}

function topology(shape: string, n: number, e: number): Map<string, NodeSummary> {
  if (shape === 'mesh') return meshTopology(n, e);
  if (shape === 'tiered') return tieredTopology(n, e);
  return syntheticTopology(n);
}

function mapElement(): HTMLElement {
  return document.querySelector('[data-testid="map"]') as HTMLElement;
}

/** Sets the data and waits until the map has painted it; returns the time that took. */
async function show(nodes: NodeMap, key: string): Promise<number> {
  lastLayoutAt = 0;
  const t0 = performance.now();
  setData({ nodes, key });
  while (!(lastLayoutAt && lastLayoutKey === key) && performance.now() - t0 < 120000) await frame();
  const el = mapElement();
  if (el instanceof HTMLCanvasElement) {
    const before = Number(el.dataset.painted ?? 0);
    while (Number(el.dataset.painted ?? 0) === before) await frame();
  } else {
    await frame();
    await frame();
  }
  return performance.now() - t0;
}

const heapMb = () => {
  (window as unknown as { gc?: () => void }).gc?.();
  const m = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  return m ? m.usedJSHeapSize / 1048576 : undefined;
};

let completeMs = 0;
let prepared: { shape: string; n: number; topo: Map<string, NodeSummary>; current: NodeMap; key: string } | null = null;

/** Shows a topology and waits for its first paint; the phases below then measure it. */
async function prepare(shape: string, n: number, e: number) {
  const topo = topology(shape, n, e);
  setData({ nodes: new Map(), key: 'none' });
  await frame();
  const key = `${shape}-${n}`;
  const t0 = performance.now();
  const firstPaintMs = await show(topo, key);
  // A big map paints its overview first, then its open groups (BigMap.tsx).
  while (mapElement().dataset.complete === 'false') await frame();
  completeMs = performance.now() - t0;
  prepared = { shape, n, topo, current: topo, key };
  await recordFrames(10, () => undefined);
  return firstPaintMs;
}

async function phase(name: 'zoom' | 'pan' | 'live') {
  const p = prepared!;
  const el = mapElement();
  const r = el.getBoundingClientRect();
  if (name === 'zoom')
    return stats(
      await recordFrames(120, (i) =>
        el.dispatchEvent(new WheelEvent('wheel', { deltaY: i % 60 < 30 ? -40 : 40, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true, cancelable: true })),
      ),
    );
  if (name === 'pan') {
    el.dispatchEvent(new PointerEvent('pointerdown', { clientX: r.left + 300, clientY: r.top + 300, button: 0, pointerId: 1, bubbles: true }));
    const pan = await recordFrames(120, (i) =>
      el.dispatchEvent(new PointerEvent('pointermove', { clientX: r.left + 300 + Math.sin(i / 10) * 200, clientY: r.top + 300 + i, pointerId: 1, bubbles: true })),
    );
    el.dispatchEvent(new PointerEvent('pointerup', { clientX: r.left + 300, clientY: r.top + 420, pointerId: 1, bubbles: true }));
    return stats(pan);
  }
  // Live updates: new metrics for a fifth of the nodes every 10 frames; the layout is not touched.
  return stats(
    await recordFrames(120, (i) => {
      if (i % 10 === 0) {
        const diff: TopologyDiff = { update: metricUpdate(p.topo, Math.ceil(p.n / 5), i) };
        p.current = applyDiff(p.current, diff);
        setData({ nodes: p.current, key: p.key });
      }
    }),
  );
}

async function run(shape: string, n: number, e: number) {
  const firstPaintMs = await prepare(shape, n, e);
  const el = mapElement();
  const groups = Number(el.dataset.groups ?? 0);
  const openGroups = Number(el.dataset.openGroups ?? 0);
  const edges = edgesOf(prepared!.topo).length;
  const zoom = await phase('zoom');
  const pan = await phase('pan');
  const live = await phase('live');
  const heap = heapMb();
  const current = prepared!.current;
  const key = prepared!.key;

  // Another topology while this one is being laid out again: its first paint must not wait.
  const grown = new Map(current);
  const ids = [...grown.keys()];
  for (let i = 0; i < 10; i++) {
    const id = `new-${i}`;
    grown.set(id, { id, label: `new-${i}`, labelMinor: '', rank: 'new', shape: 'hexagon', adjacency: [ids[i * 3]] });
  }
  setData({ nodes: grown, key });
  await frame();
  const hosts = new Map<string, NodeSummary>();
  for (let i = 0; i < 50; i++) hosts.set(`host-${i}`, { id: `host-${i}`, label: `host-${i}`, labelMinor: '', rank: 'host', shape: 'circle', adjacency: i > 0 ? [`host-${i - 1}`] : [] });
  const switchMs = await show(hosts, `hosts-after-${key}`);

  return { shape, nodes: n, edges, firstPaintMs, completeMs, groups, openGroups, zoom, pan, live, heapMb: heap, switchMs };
}

/** Just shows a topology, for a screenshot of what a person sees at the fitted zoom. */
async function display(shape: string, n: number, e: number) {
  setData({ nodes: new Map(), key: 'none' });
  await frame();
  return show(topology(shape, n, e), `${shape}-${n}`);
}

(window as unknown as { bench: unknown }).bench = { run, display, prepare, phase };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Bench />
  </StrictMode>,
);
