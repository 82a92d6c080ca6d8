// The map of a big topology (ADR 0018), drawn on a canvas: groups as discs, open groups with their
// members, edges as one path, labels that fit (scene.ts decides which). Pan and zoom only move the
// view and redraw on the next animation frame; React renders again only when data changes.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Layout } from '../geometry';
import type { NodeMap } from '../model';
import { GROUP_BY, type GroupBy } from './grouping';
import { NODE_R } from './discs';
import { fillSegment, type Overlay } from '../overlay';
import { buildScene, changedIn, EXPAND_ALL_LIMIT, hitTest, labels, nodeMarks, openGroups, visible, type Label, type NodeMark, type Scene, type View } from './scene';
import { mark } from '../marks';
import { ZoomControls } from '../ZoomControls';

const MAX_K = 4;
/** While the user pans or zooms, frames move a picture of the last full drawing (ADR 0018)... */
const SETTLE_MS = 140;
/** ...which is drawn again in full this often during a long gesture, and when it ends. */
const REFRESH_MS = 1500;

export interface BigMapProps {
  nodes: NodeMap;
  layout: Layout;
  selected: string | null;
  matches: Set<string> | null;
  /** Changes when the map should fit itself again (a new topology). */
  fitKey: string;
  groupBy: GroupBy;
  onGroupBy: (g: GroupBy) => void;
  onSelect: (id: string | null) => void;
  /** A metric drawn as a fill inside each member. */
  overlay?: Overlay;
}

function draw(ctx: CanvasRenderingContext2D, w: number, h: number, dpr: number, v: View, scene: Scene, nodes: NodeMap, layout: Layout, open: ReadonlySet<string>, matches: Set<string> | null, overlay: Overlay, focus: string | null, selected: string | null): void {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  ctx.setTransform(dpr * v.k, 0, 0, dpr * v.k, dpr * v.x, dpr * v.y);
  const px = 1 / v.k;

  // Discs.
  ctx.beginPath();
  for (const g of scene.groups) {
    if (!visible(v, w, h, g.x, g.y, g.r)) continue;
    ctx.moveTo(g.x + g.r, g.y);
    ctx.arc(g.x, g.y, g.r, 0, Math.PI * 2);
  }
  ctx.fillStyle = 'rgba(120, 140, 180, 0.08)';
  ctx.fill();
  ctx.lineWidth = px;
  ctx.strokeStyle = 'rgba(90, 110, 150, 0.35)';
  ctx.stroke();

  // Connections between closed groups, thicker for more connections.
  const groupIndex = new Map(scene.groups.map((g) => [g.id, g]));
  ctx.strokeStyle = 'rgba(110, 125, 155, 0.28)';
  for (const l of layout.groupEdges ?? []) {
    if (open.has(l.a) || open.has(l.b)) continue;
    const a = groupIndex.get(l.a)!;
    const b = groupIndex.get(l.b)!;
    ctx.lineWidth = (1 + Math.log2(l.count)) * px;
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    ctx.stroke();
  }

  // Connections of nodes in open groups: to the node, or to the centre of its closed group.
  const left = -v.x / v.k;
  const top = -v.y / v.k;
  const right = (w - v.x) / v.k;
  const bottom = (h - v.y) / v.k;
  const plain = new Path2D();
  const lit = new Path2D();
  for (const e of layout.edges) {
    const ga = scene.groupOf.get(e.source);
    const gb = scene.groupOf.get(e.target);
    if (!ga || !gb) continue;
    const oa = open.has(ga.id);
    const ob = open.has(gb.id);
    if (!oa && !ob) continue;
    const a = oa ? layout.positions.get(e.source) : ga;
    const b = ob ? layout.positions.get(e.target) : gb;
    if (!a || !b) continue;
    if ((a.x < left && b.x < left) || (a.x > right && b.x > right) || (a.y < top && b.y < top) || (a.y > bottom && b.y > bottom)) continue;
    const path = focus && (e.source === focus || e.target === focus) ? lit : plain;
    path.moveTo(a.x, a.y);
    path.lineTo(b.x, b.y);
  }
  ctx.lineWidth = px;
  ctx.strokeStyle = matches ? 'rgba(150, 160, 180, 0.12)' : 'rgba(150, 160, 180, 0.35)';
  ctx.stroke(plain);
  ctx.lineWidth = 2 * px;
  ctx.strokeStyle = '#3b6fd8';
  ctx.stroke(lit);

  // Nodes of open groups, one path per colour; tiny ones as squares, which are cheaper.
  const marks = nodeMarks(scene, nodes, layout, open, v, w, h, matches, overlay);
  drawMarks(ctx, marks, v.k);
  const r = NODE_R;
  if (matches) {
    const hits = new Path2D();
    for (const m of marks) {
      if (m.dim) continue;
      hits.moveTo(m.x + r + 3 * px, m.y);
      hits.arc(m.x, m.y, r + 3 * px, 0, Math.PI * 2);
    }
    ctx.lineWidth = 2 * px;
    ctx.strokeStyle = '#1f3f83';
    ctx.stroke(hits);
  }
  if (selected) {
    const p = layout.positions.get(selected);
    const g = scene.groupOf.get(selected);
    if (p && g && open.has(g.id)) {
      ctx.beginPath();
      ctx.arc(p.x, p.y, r + 6 * px + 2, 0, Math.PI * 2);
      ctx.lineWidth = 3 * px;
      ctx.strokeStyle = '#3b6fd8';
      ctx.stroke();
    }
  }

  drawLabels(ctx, dpr, labels(scene, nodes, layout, open, v, w, h, [selected, focus].filter((x): x is string => !!x)));
}

const DIM = 'rgba(180, 188, 204, 0.35)';
const FILL = 'rgba(20, 30, 60, 0.35)';

/**
 * Members as dots in their colour (one path per colour), each with its metric filled from the
 * bottom when an overlay is on (Scope's metric fill; the SVG map's colour). Drawn in map units.
 */
function drawMarks(ctx: CanvasRenderingContext2D, marks: readonly NodeMark[], k: number): void {
  const r = NODE_R;
  const tiny = r * k < 2.5;
  const byColor = new Map<string, Path2D>();
  const fills = new Path2D();
  for (const m of marks) {
    const c = m.dim ? DIM : m.color;
    const path = byColor.get(c) ?? byColor.set(c, new Path2D()).get(c)!;
    if (tiny) {
      path.rect(m.x - r, m.y - r, 2 * r, 2 * r);
      if (m.fill) fills.rect(m.x - r, m.y + r - 2 * r * m.fill, 2 * r, 2 * r * m.fill);
    } else {
      path.moveTo(m.x + r, m.y);
      path.arc(m.x, m.y, r, 0, Math.PI * 2);
      if (m.fill) {
        const s = fillSegment(r, m.fill);
        fills.moveTo(m.x + Math.cos(s.from) * r, m.y + s.level);
        fills.arc(m.x, m.y, r, s.from, s.to);
        fills.closePath();
      }
    }
  }
  // Dimmed first, under the others, as before.
  const dim = byColor.get(DIM);
  if (dim) {
    ctx.fillStyle = DIM;
    ctx.fill(dim);
  }
  for (const [c, path] of byColor) {
    if (c === DIM) continue;
    ctx.fillStyle = c;
    ctx.fill(path);
  }
  ctx.fillStyle = FILL;
  ctx.fill(fills);
}

/** Labels with a halo, in screen pixels. */
function drawLabels(ctx: CanvasRenderingContext2D, dpr: number, ls: readonly Label[]): void {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.textAlign = 'center';
  ctx.lineJoin = 'round';
  for (const l of ls) {
    ctx.font = l.kind === 'group' ? '600 13px system-ui, sans-serif' : l.kind === 'focus' ? '700 12.5px system-ui, sans-serif' : '500 12px system-ui, sans-serif';
    const text = l.text.length > 28 ? l.text.slice(0, 27) + '…' : l.text;
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(246, 247, 251, 0.92)';
    ctx.strokeText(text, l.x, l.y);
    ctx.fillStyle = l.kind === 'group' ? '#2a3550' : '#1d2433';
    ctx.fillText(text, l.x, l.y);
  }
}

/**
 * A live update that changed only nodes (same layout, view, groups, search, selection): draws
 * again just the members it replaced, over what is on the canvas, then the labels near them.
 * Returns how many it drew.
 */
function drawChanged(ctx: CanvasRenderingContext2D, w: number, h: number, dpr: number, v: View, scene: Scene, before: NodeMap, nodes: NodeMap, layout: Layout, open: ReadonlySet<string>, matches: Set<string> | null, overlay: Overlay, focus: string[]): number {
  const marks = nodeMarks(scene, nodes, layout, open, v, w, h, matches, overlay, changedIn(before, nodes));
  if (marks.length === 0) return 0;
  ctx.setTransform(dpr * v.k, 0, 0, dpr * v.k, dpr * v.x, dpr * v.y);
  drawMarks(ctx, marks, v.k);
  // Labels sit below their node; those a redrawn dot may have covered are drawn again.
  const reach = NODE_R * v.k + 2;
  const near = labels(scene, nodes, layout, open, v, w, h, focus).filter((l) => {
    const half = Math.min(l.text.length * 3.4, 90);
    return marks.some((m) => {
      const sx = m.x * v.k + v.x;
      const sy = m.y * v.k + v.y;
      return sx + reach >= l.x - half && sx - reach <= l.x + half && sy + reach >= l.y - 12 && sy - reach <= l.y + 4;
    });
  });
  drawLabels(ctx, dpr, near);
  return marks.length;
}

export function BigMap({ nodes, layout, selected, matches, fitKey, groupBy, onGroupBy, onSelect, overlay = null }: BigMapProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const view = useRef<View>({ x: 0, y: 0, k: 1 });
  const minK = useRef(0.01);
  const size = useRef({ w: 800, h: 600, dpr: 1 });
  const fitted = useRef<string | null>(null);
  const hover = useRef<string | null>(null);
  const frame = useRef(0);
  const scene = useMemo(() => buildScene(layout), [layout]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [expandedFor, setExpandedFor] = useState<string | null>(null);
  // A new map, or a new grouping, starts with every group open if it is small enough, else all
  // closed, and is fitted to the screen.
  const mapKey = `${fitKey}\u0003${layout.key.slice(0, Math.max(0, layout.key.indexOf('\u0003')))}`;
  if (expandedFor !== mapKey) {
    setExpandedFor(mapKey);
    setExpanded(nodes.size <= EXPAND_ALL_LIMIT ? new Set(scene.groups.map((g) => g.id)) : new Set());
  }
  const state = useRef({ scene, nodes, layout, expanded, matches, selected, overlay });
  state.current = { scene, nodes, layout, expanded, matches, selected, overlay };

  // What the canvas shows when it holds a drawing (not a moved picture): for live updates that
  // only replace nodes, which then draw just those nodes again.
  const drawn = useRef<{ s: typeof state.current; view: View; hover: string | null; w: number; h: number; dpr: number; at: number } | null>(null);
  // A copy of the last drawing, taken when a gesture starts (not after every drawing: a copy of
  // the canvas costs as much as a frame in software rendering), and the view it was drawn at.
  const picture = useRef<{ canvas: HTMLCanvasElement | null; view: View; at: number; valid: boolean }>({ canvas: null, view: view.current, at: 0, valid: false });
  const dirty = useRef(true);
  const overviewFirst = useRef(false);
  const lastGesture = useRef(0);
  const settle = useRef<ReturnType<typeof setTimeout>>(undefined);

  const paint = useCallback(() => {
    frame.current = 0;
    const c = canvasRef.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const s = state.current;
    const { w, h, dpr } = size.current;
    const v = view.current;
    const pic = picture.current;
    const now = performance.now();
    const moving = now - lastGesture.current < SETTLE_MS;
    const d = drawn.current;
    let again = false;
    if (moving && !dirty.current && d && !pic.valid) {
      // The canvas holds the last drawing: keep a copy to move while the gesture lasts.
      const copy = pic.canvas ?? document.createElement('canvas');
      if (copy.width !== c.width || copy.height !== c.height) {
        copy.width = c.width;
        copy.height = c.height;
      }
      const cc = copy.getContext('2d');
      if (cc) {
        cc.setTransform(1, 0, 0, 1, 0, 0);
        cc.clearRect(0, 0, copy.width, copy.height);
        cc.drawImage(c, 0, 0);
        picture.current = { canvas: copy, view: d.view, at: d.at, valid: true };
      }
    }
    const p = picture.current;
    if (moving && !dirty.current && p.valid && p.canvas && now - p.at < REFRESH_MS) {
      // Mid-gesture: move and scale the last drawing, whatever the size of the map.
      const q = v.k / p.view.k;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, w, h);
      ctx.drawImage(p.canvas, v.x - p.view.x * q, v.y - p.view.y * q, w * q, h * q);
      drawn.current = null;
      clearTimeout(settle.current);
      settle.current = setTimeout(() => {
        dirty.current = true;
        if (!frame.current) frame.current = requestAnimationFrame(paint);
      }, SETTLE_MS);
    } else {
      const t0 = performance.now();
      const same =
        d &&
        !moving &&
        d.s.scene === s.scene &&
        d.s.layout === s.layout &&
        d.s.expanded === s.expanded &&
        d.s.matches === null &&
        s.matches === null &&
        d.s.selected === s.selected &&
        d.s.overlay === s.overlay &&
        d.hover === hover.current &&
        d.view === v &&
        d.w === w &&
        d.h === h &&
        d.dpr === dpr;
      if (same) {
        // Only nodes changed (a live update): draw those again, where they are.
        if (d.s.nodes !== s.nodes) {
          const open = openGroups(s.scene, s.expanded, v, w, h);
          const n = drawChanged(ctx, w, h, dpr, v, s.scene, d.s.nodes, s.nodes, s.layout, open, s.matches, s.overlay, [s.selected, hover.current].filter((x): x is string => !!x));
          c.dataset.changedDrawn = String(n);
          if (n > 0) picture.current.valid = false;
        }
      } else {
        // A new map's first frame is its overview (closed discs, their connections and names:
        // cheap, and readable), the next one the map with its open groups.
        const first = overviewFirst.current;
        overviewFirst.current = false;
        const open = first ? new Set<string>() : openGroups(s.scene, s.expanded, v, w, h);
        draw(ctx, w, h, dpr, v, s.scene, s.nodes, s.layout, open, s.matches, s.overlay, hover.current, s.selected);
        c.dataset.fullDraws = String(Number(c.dataset.fullDraws ?? 0) + 1);
        c.dataset.complete = first && s.expanded.size > 0 ? 'false' : 'true';
        picture.current.valid = false;
        again = first && s.expanded.size > 0;
      }
      c.dataset.drawMs = (performance.now() - t0).toFixed(1);
      drawn.current = { s, view: v, hover: hover.current, w, h, dpr, at: same && d ? d.at : now };
      dirty.current = false;
    }
    c.dataset.zoom = v.k.toFixed(4);
    if (!c.dataset.painted) mark('map:first-paint');
    c.dataset.painted = String(Number(c.dataset.painted ?? 0) + 1);
    if (again) {
      // The overview is not what an incremental update may draw over: the next frame draws all.
      drawn.current = null;
      dirty.current = true;
      frame.current = requestAnimationFrame(paint);
    }
  }, []);
  const schedule = useCallback((gesture = false) => {
    if (gesture) lastGesture.current = performance.now();
    else dirty.current = true;
    if (!frame.current) frame.current = requestAnimationFrame(paint);
  }, [paint]);
  useEffect(() => () => clearTimeout(settle.current), []);

  const fit = useCallback(() => {
    const { w, h } = size.current;
    const gs = state.current.scene.groups;
    if (gs.length === 0) return;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const g of gs) {
      x0 = Math.min(x0, g.x - g.r);
      y0 = Math.min(y0, g.y - g.r - 20);
      x1 = Math.max(x1, g.x + g.r);
      y1 = Math.max(y1, g.y + g.r);
    }
    const k = Math.min(MAX_K, (w - 40) / (x1 - x0), (h - 40) / (y1 - y0));
    minK.current = k / 4;
    view.current = { k, x: w / 2 - ((x0 + x1) / 2) * k, y: h / 2 - ((y0 + y1) / 2) * k };
    schedule();
  }, [schedule]);

  useLayoutEffect(() => {
    const c = canvasRef.current;
    const wrap = wrapRef.current;
    if (!c || !wrap) return;
    const resize = () => {
      const dpr = window.devicePixelRatio || 1;
      const w = wrap.clientWidth || 800;
      const h = wrap.clientHeight || 600;
      size.current = { w, h, dpr };
      c.width = Math.round(w * dpr);
      c.height = Math.round(h * dpr);
      c.style.width = `${w}px`;
      c.style.height = `${h}px`;
      schedule();
    };
    resize();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(resize);
    ro.observe(wrap);
    return () => ro.disconnect();
  }, [schedule]);

  useLayoutEffect(() => {
    if (fitted.current !== mapKey && scene.groups.length > 0) {
      fitted.current = mapKey;
      overviewFirst.current = true;
      fit();
    } else schedule();
  }, [mapKey, scene, nodes, expanded, matches, selected, overlay, fit, schedule]);

  // A node selected from elsewhere (search, a link) opens its group.
  useEffect(() => {
    const g = selected ? scene.groupOf.get(selected) : undefined;
    if (g && !expanded.has(g.id)) setExpanded((s) => new Set(s).add(g.id));
  }, [selected, scene, expanded]);

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const zoomBy = useCallback(
    (factor: number, cx?: number, cy?: number) => {
      const v = view.current;
      const px = cx ?? size.current.w / 2;
      const py = cy ?? size.current.h / 2;
      const k = Math.min(MAX_K, Math.max(minK.current, v.k * factor));
      view.current = { k, x: px - ((px - v.x) * k) / v.k, y: py - ((py - v.y) * k) / v.k };
      schedule(true);
    },
    [schedule],
  );

  useEffect(() => {
    const c = canvasRef.current;
    if (!c) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = c.getBoundingClientRect();
      zoomBy(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
    };
    c.addEventListener('wheel', onWheel, { passive: false });
    return () => c.removeEventListener('wheel', onWheel);
  }, [zoomBy]);

  const toggle = (id: string) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const pointAt = (e: React.PointerEvent) => {
    const r = canvasRef.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const drag = useRef<{ x: number; y: number; vx: number; vy: number; moved: boolean; id: number } | null>(null);
  const onPointerDown = (e: React.PointerEvent) => {
    if (e.button !== 0) return;
    drag.current = { x: e.clientX, y: e.clientY, vx: view.current.x, vy: view.current.y, moved: false, id: e.pointerId };
  };
  const onPointerMove = (e: React.PointerEvent) => {
    const d = drag.current;
    const c = canvasRef.current!;
    if (!d) {
      const hit = hitTest(state.current.scene, state.current.layout, openGroups(state.current.scene, state.current.expanded, view.current, size.current.w, size.current.h), view.current, pointAt(e));
      const id = hit?.kind === 'node' ? hit.id : null;
      if (id !== hover.current) {
        hover.current = id;
        const n = id ? state.current.nodes.get(id) : undefined;
        c.title = n ? (n.labelMinor ? `${n.label}\n${n.labelMinor}` : n.label) : hit?.kind === 'group' ? `${hit.id}: click to open or close` : '';
        c.style.cursor = hit ? 'pointer' : '';
        schedule();
      }
      return;
    }
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.abs(dx) + Math.abs(dy) > 4) {
      d.moved = true;
      c.setPointerCapture?.(d.id);
      c.classList.add('panning');
    }
    if (d.moved) {
      view.current = { ...view.current, x: d.vx + dx, y: d.vy + dy };
      schedule(true);
    }
  };
  const onPointerUp = (e: React.PointerEvent) => {
    const d = drag.current;
    drag.current = null;
    canvasRef.current?.classList.remove('panning');
    if (!d || d.moved) return;
    const hit = hitTest(state.current.scene, state.current.layout, openGroups(state.current.scene, state.current.expanded, view.current, size.current.w, size.current.h), view.current, pointAt(e));
    if (hit?.kind === 'node') onSelect(hit.id);
    else if (hit?.kind === 'group') toggle(hit.id);
    else onSelect(null);
  };

  const openCount = scene.groups.filter((g) => expanded.has(g.id)).length;
  const biggest = useMemo(() => [...scene.groups].sort((a, b) => b.members.length - a.members.length).slice(0, 60), [scene]);
  return (
    <div className="canvas big-map" ref={wrapRef}>
      <canvas
        ref={canvasRef}
        className="map-canvas"
        data-testid="map"
        data-groups={scene.groups.length}
        data-open-groups={openCount}
        data-layout-ms={Math.round(layout.ms)}
        role="img"
        aria-label={`Map of ${nodes.size} nodes in ${scene.groups.length} groups by ${groupBy}`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => {
          if (hover.current) {
            hover.current = null;
            schedule();
          }
        }}
      />
      <div className="group-panel" data-testid="group-panel">
        <label>
          Group by{' '}
          <select value={groupBy} onChange={(e) => onGroupBy(e.target.value as GroupBy)} aria-label="Group by">
            {GROUP_BY.map((g) => (
              <option key={g.id} value={g.id}>
                {g.label}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">
          {scene.groups.length} groups, {openCount} open
        </span>
        <button type="button" className="link" onClick={() => setExpanded(new Set(scene.groups.map((g) => g.id)))}>
          Open all
        </button>
        <button type="button" className="link" onClick={() => setExpanded(new Set())}>
          Close all
        </button>
        <details>
          <summary>Groups</summary>
          <ul className="group-list">
            {biggest.map((g) => (
              <li key={g.id}>
                <button type="button" className="link" aria-pressed={expanded.has(g.id)} onClick={() => toggle(g.id)}>
                  {g.id}
                </button>{' '}
                <span className="muted">{g.members.length}</span>
              </li>
            ))}
          </ul>
        </details>
      </div>
      <ZoomControls zoomBy={zoomBy} fit={fit} />
    </div>
  );
}
