// The map at a past instant (time travel): one render fetched over HTTP with `timestamp=`, no
// websocket. The same FeedState as the live feed, with status `paused`, so the page shows both alike.
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/http';
import { scope } from '../api/scope';
import { reconcile, type FeedState } from './feed';
import { fromTopology } from './model';

const RETRY_MS = 5000;

export function useSnapshot(
  org: string,
  topology: string,
  options: Record<string, string>,
  at: string | null,
): { state: FeedState; retry: () => void } {
  const key = JSON.stringify(options);
  const [state, setState] = useState<FeedState>({ nodes: new Map(), status: 'connecting', loaded: false });
  const [attempt, setAttempt] = useState(0);
  const shown = useRef('');

  useEffect(() => {
    if (!at) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const what = `${topology}?${key}`;
    // Moving the instant keeps the nodes on screen until the new ones arrive, so the layout holds.
    setState((s) => (shown.current === what ? { ...s, status: 'connecting' } : { nodes: new Map(), status: 'connecting', loaded: false }));
    scope
      .topology(org, topology, { ...(JSON.parse(key) as Record<string, string>), timestamp: at })
      .then((r) => {
        if (!live) return;
        shown.current = what;
        setState((s) => ({ nodes: reconcile(s.nodes, fromTopology(r.nodes)), status: 'paused', loaded: true }));
      })
      .catch((e: Error) => {
        if (!live) return;
        if (e instanceof ApiError && (e.status === 404 || e.status === 400)) {
          setState({ nodes: new Map(), status: 'unavailable', loaded: true, message: e.message });
          return;
        }
        setState((s) => ({ ...s, status: 'lost', message: `Could not load the map at that time: ${e.message}`, retryAt: Date.now() + RETRY_MS }));
        timer = setTimeout(() => setAttempt((n) => n + 1), RETRY_MS);
      });
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [org, topology, key, at, attempt]);

  return { state, retry: () => setAttempt((n) => n + 1) };
}
