// The graph: nodes where the layout put them, edges between them, zoom (wheel, buttons) and pan
// (drag). The view transform is applied straight to the DOM, so zooming and panning never
// re-render React; nodes glide to new positions when the layout changes.
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { NodeSummary } from '../api/types';
import { bounds, type Layout, type Point } from './geometry';
import type { NodeMap } from './model';
import { overlayFraction, type Overlay } from './overlay';
import { nodeColor, Shape } from './shapes';
import { ZoomControls } from './ZoomControls';

const R = 22;
const MIN_K = 0.04;
const MAX_K = 3;

function truncate(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

export { overlayFraction, type Overlay };

const NodeGlyph = memo(function NodeGlyph({
  node,
  p,
  selected,
  dim,
  highlight,
  fill,
}: {
  node: NodeSummary;
  p: Point;
  selected: boolean;
  dim: boolean;
  highlight: boolean;
  fill: number | null;
}) {
  const cls = `node${selected ? ' selected' : ''}${dim ? ' dim' : ''}${highlight ? ' hl' : ''}${node.pseudo ? ' pseudo' : ''}`;
  return (
    <g
      className={cls}
      data-node-id={node.id}
      data-label={node.label}
      style={{ transform: `translate(${p.x}px, ${p.y}px)` }}
    >
      <title>{node.labelMinor ? `${node.label}\n${node.labelMinor}` : node.label}</title>
      {selected && <circle r={R + 9} className="halo" />}
      <Shape shape={node.shape} r={R} color={nodeColor(node.rank || node.label, node.pseudo)} stack={node.stack} pseudo={node.pseudo} />
      {fill !== null && (
        // The metric fills the node from the bottom, within its circle (one clip path for all).
        <rect className="overlay" clipPath="url(#node-clip)" x={-R} y={R - 2 * R * fill} width={2 * R} height={2 * R * fill} data-fill={fill.toFixed(2)} />
      )}
      {node.tag === 'camera' && (
        <text className="tag" y={5} textAnchor="middle">
          ◉
        </text>
      )}
      <text className="label" y={R + 16} textAnchor="middle">
        {truncate(node.label || node.id, 18)}
      </text>
      {node.labelMinor && (
        <text className="minor" y={R + 30} textAnchor="middle">
          {truncate(node.labelMinor, 21)}
        </text>
      )}
    </g>
  );
});

function edgePath(a: Point, b: Point): string {
  // A gentle curve, so edges in both directions between rows do not overlap the nodes' centres.
  const mx = (a.x + b.x) / 2;
  const my = (a.y + b.y) / 2;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const cx = mx - dy * 0.12;
  const cy = my + dx * 0.12;
  return `M${a.x.toFixed(1)},${a.y.toFixed(1)}Q${cx.toFixed(1)},${cy.toFixed(1)} ${b.x.toFixed(1)},${b.y.toFixed(1)}`;
}

const EdgeLine = memo(function EdgeLine({ a, b, hl, dim }: { a: Point; b: Point; hl: boolean; dim: boolean }) {
  const d = edgePath(a, b);
  return <path className={`edge${hl ? ' hl' : ''}${dim ? ' dim' : ''}`} d={d} style={{ d: `path("${d}")` } as React.CSSProperties} />;
});

export interface MapCanvasProps {
  nodes: NodeMap;
  layout: Layout;
  selected: string | null;
  matches: Set<string> | null;
  /** Changes when the map should fit itself again (a new topology). */
  fitKey: string;
  onSelect: (id: string | null) => void;
  /** A metric drawn as a fill inside each node. */
  overlay?: Overlay;
}

export function MapCanvas({ nodes, layout, selected, matches, fitKey, onSelect, overlay = null }: MapCanvasProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const gRef = useRef<SVGGElement>(null);
  const view = useRef({ x: 0, y: 0, k: 1 });
  const fitted = useRef<string | null>(null);
  const [hover, setHover] = useState<string | null>(null);

  const apply = useCallback(() => {
    const { x, y, k } = view.current;
    gRef.current?.setAttribute('transform', `translate(${x.toFixed(2)},${y.toFixed(2)}) scale(${k.toFixed(4)})`);
    const svg = svgRef.current;
    if (svg) {
      svg.classList.toggle('far', k < 0.45);
      svg.dataset.zoom = k.toFixed(3);
    }
  }, []);

  const fit = useCallback(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const b = bounds(layout.positions);
    const w = svg.clientWidth || 800;
    const h = svg.clientHeight || 600;
    if (b.width === 0) return;
    const k = Math.min(MAX_K, Math.max(MIN_K, Math.min((w - 80) / b.width, (h - 80) / (b.height + 40), 1.4)));
    view.current = { k, x: w / 2 - (b.x + b.width / 2) * k, y: h / 2 - (b.y + b.height / 2 + 20) * k };
    apply();
  }, [layout, apply]);

  useLayoutEffect(() => {
    if (fitted.current !== fitKey && layout.positions.size > 0) {
      fitted.current = fitKey;
      fit();
    } else {
      apply();
    }
  }, [fitKey, layout, fit, apply]);

  const zoomBy = useCallback(
    (factor: number, cx?: number, cy?: number) => {
      const svg = svgRef.current;
      if (!svg) return;
      const v = view.current;
      const px = cx ?? svg.clientWidth / 2;
      const py = cy ?? svg.clientHeight / 2;
      const k = Math.min(MAX_K, Math.max(MIN_K, v.k * factor));
      view.current = { k, x: px - ((px - v.x) * k) / v.k, y: py - ((py - v.y) * k) / v.k };
      apply();
    },
    [apply],
  );

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = svg.getBoundingClientRect();
      zoomBy(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, [zoomBy]);

  const drag = useRef<{ x: number; y: number; vx: number; vy: number; moved: boolean; id: number } | null>(null);
  const onPointerDown = (e: React.PointerEvent) => {
    if (e.button !== 0) return;
    drag.current = { x: e.clientX, y: e.clientY, vx: view.current.x, vy: view.current.y, moved: false, id: e.pointerId };
  };
  const onPointerMove = (e: React.PointerEvent) => {
    const d = drag.current;
    if (!d) {
      const id = (e.target as Element).closest?.('[data-node-id]')?.getAttribute('data-node-id') ?? null;
      if (id !== hover) setHover(id);
      return;
    }
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.abs(dx) + Math.abs(dy) > 4) {
      d.moved = true;
      svgRef.current?.setPointerCapture(d.id);
      svgRef.current?.classList.add('panning');
    }
    if (d.moved) {
      view.current = { ...view.current, x: d.vx + dx, y: d.vy + dy };
      apply();
    }
  };
  const onPointerUp = (e: React.PointerEvent) => {
    const d = drag.current;
    drag.current = null;
    svgRef.current?.classList.remove('panning');
    if (!d || d.moved) return;
    const id = (e.target as Element).closest?.('[data-node-id]')?.getAttribute('data-node-id');
    onSelect(id ?? null);
  };

  const focus = selected ?? hover;
  const nodeList = [...nodes.values()];
  return (
    <div className="canvas">
      <svg
        ref={svgRef}
        className="map-svg"
        data-testid="map"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => hover && setHover(null)}
      >
        <defs>
          <clipPath id="node-clip">
            <circle r={R - 2} />
          </clipPath>
        </defs>
        <g ref={gRef}>
          <g className="edges">
            {layout.edges.map((e) => {
              const a = layout.positions.get(e.source);
              const b = layout.positions.get(e.target);
              if (!a || !b || !nodes.has(e.source) || !nodes.has(e.target)) return null;
              const hl = !!focus && (e.source === focus || e.target === focus);
              const dim = !!matches && !(matches.has(e.source) && matches.has(e.target));
              return <EdgeLine key={e.id} a={a} b={b} hl={hl} dim={dim} />;
            })}
          </g>
          <g className="nodes">
            {nodeList.map((n) => {
              const p = layout.positions.get(n.id);
              if (!p) return null;
              return (
                <NodeGlyph
                  key={n.id}
                  node={n}
                  p={p}
                  selected={n.id === selected}
                  dim={!!matches && !matches.has(n.id)}
                  highlight={!!matches && matches.has(n.id)}
                  fill={overlayFraction(n, overlay)}
                />
              );
            })}
          </g>
        </g>
      </svg>
      <ZoomControls zoomBy={zoomBy} fit={fit} />
    </div>
  );
}
