// Runs layouts off the main thread, so zooming, panning and live updates stay smooth while a
// big graph is being laid out.
import { nextLayout, type Layout, type LayoutInput } from './layout';

interface Request {
  id: number;
  prev: Layout | null;
  input: LayoutInput;
}

self.onmessage = (e: MessageEvent<Request>) => {
  const { id, prev, input } = e.data;
  const layout = nextLayout(prev, input);
  (self as unknown as Worker).postMessage({ id, layout });
};
