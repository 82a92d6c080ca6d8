import { act, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NodeSummary } from '../../api/types';
import type { NodeMap } from '../model';
import { BigMap } from './BigMap';
import { groupedLayout } from './groupedLayout';

// jsdom has no canvas: a 2D context and Path2D that record what is drawn.
class FakePath {
  arcs = 0;
  rects = 0;
  moveTo() {}
  lineTo() {}
  closePath() {}
  arc() {
    this.arcs++;
  }
  rect() {
    this.rects++;
  }
}
type Fill = { style: string; path: FakePath | null };
let fills: Fill[] = [];

function fakeContext(): CanvasRenderingContext2D {
  const props: Record<string | symbol, unknown> = {};
  return new Proxy(props, {
    get(t, k) {
      if (k in t) return t[k];
      if (k === 'fill') return (path?: FakePath) => fills.push({ style: String(t.fillStyle), path: path ?? null });
      return () => undefined;
    },
    set(t, k, v) {
      t[k] = v;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
}

const FILL = 'rgba(20, 30, 60, 0.35)';

function node(id: string, host: string, cpu: number): NodeSummary {
  return {
    id,
    label: id,
    labelMinor: host,
    rank: 'proc',
    parents: [{ id: host, label: host, topologyId: 'hosts' }],
    metrics: [{ id: 'process_cpu_usage_percent', label: 'CPU', format: 'percent', value: cpu, min: 0, max: 100, priority: 1 }],
    adjacency: [],
  };
}

const base = new Map<string, NodeSummary>();
for (let h = 0; h < 4; h++) for (let i = 0; i < 10; i++) base.set(`h${h};${i}`, node(`h${h};${i}`, `host-${h}`, 10 + i));
const layout = groupedLayout({ nodes: [...base.values()].map((n) => ({ id: n.id, group: n.labelMinor! })), edges: [], key: 'k' }, null);

function map(nodes: NodeMap, overlay: 'cpu' | 'memory' | null) {
  return <BigMap nodes={nodes} layout={layout} selected={null} matches={null} fitKey="f" groupBy="host" onGroupBy={() => undefined} onSelect={() => undefined} overlay={overlay} />;
}

// Animation frames run when the test says so.
let frames: FrameRequestCallback[] = [];
const frame = () =>
  act(() => {
    const now = frames;
    frames = [];
    for (const f of now) f(performance.now());
  });
const fillArcs = () => fills.filter((f) => f.style === FILL).reduce((n, f) => n + (f.path?.arcs ?? 0), 0);

describe('the big map on a canvas', () => {
  beforeEach(() => {
    fills = [];
    vi.stubGlobal('Path2D', FakePath);
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(fakeContext as never);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("fills each member with its CPU, as Scope's metric overlay, and none without an overlay", async () => {
    const { getByTestId, rerender } = render(map(base, 'cpu'));
    await frame();
    // The first frame is the overview of closed groups, the next one the whole map.
    expect(getByTestId('map').dataset.complete).toBe('false');
    expect(fillArcs()).toBe(0);
    await frame();
    expect(getByTestId('map').dataset.complete).toBe('true');
    expect(getByTestId('map').dataset.openGroups).toBe('4');
    expect(fillArcs()).toBe(40);
    fills = [];
    rerender(map(base, null));
    await frame();
    expect(fills.length).toBeGreaterThan(0);
    expect(fillArcs()).toBe(0);
  });

  it('draws again only the nodes a live update replaced, not the whole map', async () => {
    const { getByTestId, rerender } = render(map(base, 'cpu'));
    await frame();
    await frame();
    const canvas = getByTestId('map');
    const full = canvas.dataset.fullDraws;
    expect(full).toBe('2');
    fills = [];
    const next = new Map(base);
    for (const id of ['h0;1', 'h2;5', 'h3;9']) next.set(id, node(id, base.get(id)!.labelMinor!, 90));
    rerender(map(next, 'cpu'));
    await frame();
    expect(canvas.dataset.fullDraws).toBe(full);
    expect(canvas.dataset.changedDrawn).toBe('3');
    expect(fillArcs()).toBe(3);
    // A change of structure (another layout) draws everything again.
    rerender(map(next, 'memory'));
    await frame();
    expect(canvas.dataset.fullDraws).toBe('3');
  });
});
