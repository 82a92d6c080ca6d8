// The map alone, on synthetic topologies, with hooks for bench/run.mjs to measure layout time,
// first render, frame times while zooming and panning, and live updates (the map as in the app:
// MapCanvas, the layout worker, websocket-style diffs).
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { TopologyDiff } from '../src/api/types';
import { fullLayout, type LayoutInput } from '../src/map/layout';
import { MapCanvas } from '../src/map/MapCanvas';
import { applyDiff, edgesOf, structureKey, type NodeMap } from '../src/map/model';
import { useLayout } from '../src/map/useLayout';
import '../src/styles.css';
import { metricUpdate, syntheticTopology } from './graph';

let setNodes: (n: NodeMap) => void = () => undefined;
let lastLayoutAt = 0;

function Bench() {
  const [nodes, set] = useState<NodeMap>(new Map());
  setNodes = set;
  const { layout } = useLayout(nodes, 'bench');
  useEffect(() => {
    if (layout) lastLayoutAt = performance.now();
  }, [layout]);
  if (!layout || nodes.size === 0) return <div className="canvas" />;
  return <MapCanvas nodes={nodes} layout={layout} selected={null} matches={null} fitKey={`fit-${nodes.size}`} onSelect={() => undefined} />;
}

const frame = () => new Promise<number>((r) => requestAnimationFrame(r));

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, p50: q(0.5), p95: q(0.95), max: s[s.length - 1], over50: s.filter((x) => x > 50).length };
}

/** Runs `drive(i)` each frame for `frames` frames and returns the frame intervals. */
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

function layoutInput(nodes: NodeMap): LayoutInput {
  const edges = edgesOf(nodes);
  const list = [...nodes.values()].map((n) => ({ id: n.id, rank: n.rank, label: n.label }));
  return { nodes: list, edges, key: structureKey(list.map((n) => n.id), edges) };
}

async function run(n: number) {
  const topo = syntheticTopology(n);
  const input = layoutInput(topo);
  // Layout alone, on the main thread, best of three (the app runs it in a worker).
  const layoutMs: number[] = [];
  for (let i = 0; i < 3; i++) layoutMs.push(fullLayout(input).ms);

  // First render: nodes set → worker layout → committed and painted.
  setNodes(new Map());
  await frame();
  lastLayoutAt = 0;
  const t0 = performance.now();
  setNodes(topo);
  while (!lastLayoutAt) await frame();
  await frame();
  await frame();
  const firstPaintMs = performance.now() - t0;

  const svg = document.querySelector('svg.map-svg') as SVGSVGElement;
  const r = svg.getBoundingClientRect();
  await recordFrames(10, () => undefined); // settle

  // Zoom in and out with the wheel around the middle.
  const zoom = await recordFrames(120, (i) =>
    svg.dispatchEvent(new WheelEvent('wheel', { deltaY: i % 60 < 30 ? -40 : 40, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true, cancelable: true })),
  );
  // Pan with a drag.
  svg.dispatchEvent(new PointerEvent('pointerdown', { clientX: r.left + 300, clientY: r.top + 300, button: 0, pointerId: 1, bubbles: true }));
  const pan = await recordFrames(120, (i) =>
    svg.dispatchEvent(new PointerEvent('pointermove', { clientX: r.left + 300 + Math.sin(i / 10) * 200, clientY: r.top + 300 + i, pointerId: 1, bubbles: true })),
  );
  svg.dispatchEvent(new PointerEvent('pointerup', { clientX: r.left + 300, clientY: r.top + 420, pointerId: 1, bubbles: true }));

  // Live updates: a websocket frame with new metrics for a fifth of the nodes every 10 frames,
  // while panning; the layout is not touched.
  let current: NodeMap = topo;
  const updateCommitMs: number[] = [];
  const live = await recordFrames(120, (i) => {
    if (i % 10 === 0) {
      const diff: TopologyDiff = { update: metricUpdate(topo, Math.ceil(n / 5), i) };
      const s = performance.now();
      current = applyDiff(current, diff);
      setNodes(current);
      // React commits synchronously enough for the next frame; measure to the frame.
      void frame().then(() => updateCommitMs.push(performance.now() - s));
    }
  });

  // A structural change (new nodes with edges): relayout in the worker while frames keep coming.
  const grown = new Map(current);
  const ids = [...grown.keys()];
  for (let i = 0; i < 10; i++) {
    const id = `new-${i};<container>`;
    grown.set(id, { id, label: `new-${i}`, labelMinor: '', rank: 'new', shape: 'hexagon', adjacency: [ids[i * 3]] });
  }
  lastLayoutAt = 0;
  const relayoutStart = performance.now();
  setNodes(grown);
  const during: number[] = [];
  let last = await frame();
  while (!lastLayoutAt && performance.now() - relayoutStart < 60000) {
    const t = await frame();
    during.push(t - last);
    last = t;
  }
  const relayoutMs = lastLayoutAt - relayoutStart;

  return {
    nodes: n,
    edges: input.edges.length,
    layoutMs: Math.min(...layoutMs),
    firstPaintMs,
    zoom: stats(zoom),
    pan: stats(pan),
    live: stats(live),
    updateToFrameMs: stats(updateCommitMs),
    relayoutMs,
    framesDuringRelayout: stats(during.length ? during : [0]),
  };
}

(window as unknown as { bench: unknown }).bench = { run };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Bench />
  </StrictMode>,
);
