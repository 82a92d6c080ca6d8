// Runs layouts off the main thread, so zooming, panning and live updates stay smooth while a
// graph is being laid out. The page terminates this worker when the user moves on to another
// topology or options (useLayout.ts), so a long layout never holds up the next one.
import { groupedLayout, type GroupedInput } from './big/groupedLayout';
import { nextLayout, type Layout, type LayoutInput } from './layout';

export type LayoutRequest =
  | { id: number; kind: 'layered'; prev: Layout | null; input: LayoutInput }
  | { id: number; kind: 'grouped'; prev: Layout | null; input: GroupedInput };

self.onmessage = (e: MessageEvent<LayoutRequest>) => {
  const r = e.data;
  const layout = r.kind === 'grouped' ? groupedLayout(r.input, r.prev) : nextLayout(r.prev, r.input);
  (self as unknown as Worker).postMessage({ id: r.id, layout });
};
