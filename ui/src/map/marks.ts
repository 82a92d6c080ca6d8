// User Timing marks of a map's way to its first paint (socket open, first frame, frame parsed and
// applied, layout asked for and ready, first paint), for the browser e2e and DevTools' Performance panel to tell where the time goes.
export type MapMark = 'map:socket-open' | 'map:first-frame' | 'map:frame-applied' | 'map:layout-requested' | 'map:layout' | 'map:first-paint';

export function mark(name: MapMark): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(name);
}
