// What the big map draws at a given view, as plain data: which groups show their members, which
// labels fit, where a pointer is. Kept apart from the canvas so it can be tested without one.
import type { GroupBox, Layout, Point } from '../geometry';
import type { NodeSummary } from '../../api/types';
import type { NodeMap } from '../model';
import { overlayFraction, type Overlay } from '../overlay';
import { nodeColor } from '../shapes';
import { NODE_R, SPACING } from './discs';

export interface View {
  x: number;
  y: number;
  k: number;
}

/** A collapsed group shows its members by itself once its disc is this wide on screen. */
export const AUTO_EXPAND_PX = 260;
/** Members get their labels once neighbours are this far apart on screen. */
export const MEMBER_LABEL_PX = 64;
/** At most this many labels per frame: the rest would overlap anyway. */
export const MAX_LABELS = 400;
/** Maps up to this many nodes start with every group open. */
export const EXPAND_ALL_LIMIT = 3000;

export interface Scene {
  groups: GroupBox[];
  groupOf: Map<string, GroupBox>;
}

/** What a layout draws, whatever the nodes' metrics: built once per layout, not per live update. */
export function buildScene(layout: Layout): Scene {
  const groups = layout.groups ?? [];
  const groupOf = new Map<string, GroupBox>();
  for (const g of groups) for (const id of g.members) groupOf.set(id, g);
  return { groups, groupOf };
}

const colors = new Map<string, string>();

/** A node's colour, by its rank (Scope's colour key), computed once per rank. */
export function colorOf(n: NodeSummary | undefined): string {
  if (!n) return '#8896b0';
  const key = n.pseudo ? '\u0000pseudo' : n.rank || n.label || '';
  let c = colors.get(key);
  if (!c) colors.set(key, (c = nodeColor(key, n.pseudo)));
  return c;
}

/** One member as the canvas draws it. */
export interface NodeMark {
  id: string;
  x: number;
  y: number;
  color: string;
  /** Not among the search's matches. */
  dim: boolean;
  /** The overlay's metric as a fraction of its range, when an overlay is on and the node has it. */
  fill: number | null;
}

/**
 * The members drawn at this view (those of open groups, on screen), with their colour and
 * metric fill; `only` narrows them to some ids (the nodes a live update changed).
 */
export function nodeMarks(
  scene: Scene,
  nodes: NodeMap,
  layout: Layout,
  open: ReadonlySet<string>,
  v: View,
  w: number,
  h: number,
  matches: ReadonlySet<string> | null,
  overlay: Overlay,
  only?: (id: string) => boolean,
): NodeMark[] {
  const r = NODE_R;
  const left = -v.x / v.k - r;
  const top = -v.y / v.k - r;
  const right = (w - v.x) / v.k + r;
  const bottom = (h - v.y) / v.k + r;
  const out: NodeMark[] = [];
  for (const g of scene.groups) {
    if (!open.has(g.id) || !visible(v, w, h, g.x, g.y, g.r)) continue;
    for (const id of g.members) {
      if (only && !only(id)) continue;
      const p = layout.positions.get(id);
      if (!p || p.x < left || p.x > right || p.y < top || p.y > bottom) continue;
      const n = nodes.get(id);
      out.push({ id, x: p.x, y: p.y, color: colorOf(n), dim: !!matches && !matches.has(id), fill: n ? overlayFraction(n, overlay) : null });
    }
  }
  return out;
}

/** The ids whose node a live update replaced: what an incremental repaint draws again. */
export function changedIn(before: NodeMap, after: NodeMap): (id: string) => boolean {
  return (id) => before.get(id) !== after.get(id);
}

/** Groups opened by zooming show at most this many members together, so a frame stays cheap. */
export const AUTO_OPEN_MEMBERS = 2500;

/**
 * The groups that show their members: those the user opened, and visible ones zoomed to at
 * least AUTO_EXPAND_PX wide, biggest on screen first, up to AUTO_OPEN_MEMBERS members.
 */
export function openGroups(scene: Scene, expanded: ReadonlySet<string>, v: View, w: number, h: number): Set<string> {
  const open = new Set<string>();
  const candidates: GroupBox[] = [];
  for (const g of scene.groups) {
    if (expanded.has(g.id)) open.add(g.id);
    else if (g.r * v.k * 2 >= AUTO_EXPAND_PX && visible(v, w, h, g.x, g.y, g.r)) candidates.push(g);
  }
  candidates.sort((a, b) => b.r - a.r);
  let budget = AUTO_OPEN_MEMBERS;
  for (const g of candidates) {
    if (g.members.length > budget) break;
    budget -= g.members.length;
    open.add(g.id);
  }
  return open;
}

export function toScreen(v: View, p: Point): Point {
  return { x: p.x * v.k + v.x, y: p.y * v.k + v.y };
}

export function toWorld(v: View, p: Point): Point {
  return { x: (p.x - v.x) / v.k, y: (p.y - v.y) / v.k };
}

export function visible(v: View, w: number, h: number, x: number, y: number, r: number): boolean {
  const s = toScreen(v, { x, y });
  const rr = r * v.k;
  return s.x + rr >= 0 && s.y + rr >= 0 && s.x - rr <= w && s.y - rr <= h;
}

export type Hit = { kind: 'node'; id: string } | { kind: 'group'; id: string } | null;

/** What is under a point of the screen: a member of an open group, else a group's disc. */
export function hitTest(scene: Scene, layout: Layout, open: ReadonlySet<string>, v: View, screen: Point): Hit {
  const p = toWorld(v, screen);
  const reach = Math.max(NODE_R * 1.6, 6 / v.k);
  for (const g of scene.groups) {
    const dx = p.x - g.x;
    const dy = p.y - g.y;
    if (dx * dx + dy * dy > g.r * g.r) continue;
    if (open.has(g.id)) {
      let best: string | null = null;
      let bestD = Math.min(reach, SPACING / 2) ** 2;
      for (const id of g.members) {
        const q = layout.positions.get(id);
        if (!q) continue;
        const d = (q.x - p.x) ** 2 + (q.y - p.y) ** 2;
        if (d <= bestD) {
          bestD = d;
          best = id;
        }
      }
      if (best) return { kind: 'node', id: best };
    }
    return { kind: 'group', id: g.id };
  }
  return null;
}

export interface Label {
  x: number;
  y: number;
  text: string;
  kind: 'group' | 'node' | 'focus';
}

/**
 * The labels worth drawing at this view, in screen coordinates, most important first, none
 * overlapping: the focused node, every visible group (biggest first, with its size), the best
 * connected member of each open group, then the other members once there is room for them.
 */
export function labels(
  scene: Scene,
  nodes: NodeMap,
  layout: Layout,
  open: ReadonlySet<string>,
  v: View,
  w: number,
  h: number,
  focus: readonly string[],
): Label[] {
  const out: Label[] = [];
  const taken = new Set<string>();
  const place = (x: number, y: number, text: string, kind: Label['kind']): void => {
    if (out.length >= MAX_LABELS || x < -40 || y < -10 || x > w + 40 || y > h + 10) return;
    const half = Math.min(text.length * 3.4, 90);
    const cells: string[] = [];
    for (let cx = Math.floor((x - half) / 40); cx <= Math.floor((x + half) / 40); cx++) cells.push(`${cx},${Math.floor(y / 16)}`);
    if (kind !== 'focus' && cells.some((c) => taken.has(c))) return;
    for (const c of cells) taken.add(c);
    out.push({ x, y, text, kind });
  };
  const nodeLabel = (id: string) => nodes.get(id)?.label || id;
  for (const id of focus) {
    const p = layout.positions.get(id);
    const g = scene.groupOf.get(id);
    if (!p || !g || !open.has(g.id)) continue;
    const s = toScreen(v, p);
    place(s.x, s.y + NODE_R * v.k + 13, nodeLabel(id), 'focus');
  }
  const shown = scene.groups.filter((g) => visible(v, w, h, g.x, g.y, g.r));
  for (const g of shown) {
    const s = toScreen(v, { x: g.x, y: g.y });
    // Open groups are labelled above their disc, closed ones in the middle.
    place(s.x, open.has(g.id) ? s.y - g.r * v.k - 6 : s.y + 4, `${g.id} (${g.members.length})`, 'group');
  }
  const memberLabels = SPACING * v.k >= MEMBER_LABEL_PX;
  for (const g of shown) {
    if (!open.has(g.id)) continue;
    const count = memberLabels ? g.members.length : 1;
    for (let i = 0; i < count && out.length < MAX_LABELS; i++) {
      const id = g.members[i];
      const p = layout.positions.get(id);
      if (!p) continue;
      const s = toScreen(v, p);
      place(s.x, s.y + NODE_R * v.k + 13, nodeLabel(id), 'node');
    }
  }
  return out;
}
