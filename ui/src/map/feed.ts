// Keeps one topology's nodes live: Scope's topology websocket first (diffs every `t`), HTTP
// polling when the service cannot upgrade to a websocket, and reconnection with backoff when the
// connection drops. Listeners get every change of nodes and of connection state.
import { ApiError } from '../api/http';
import type { NodeSummary, TopologyDiff } from '../api/types';
import { mark } from './marks';
import { applyDiff, fromTopology, type NodeMap } from './model';

/** `paused`: a snapshot of a past instant (time travel), fetched once, with no live updates. */
export type FeedStatus = 'connecting' | 'live' | 'polling' | 'lost' | 'unavailable' | 'paused';

export interface FeedState {
  nodes: NodeMap;
  status: FeedStatus;
  /** Whether `nodes` has been filled once since this feed started. */
  loaded: boolean;
  message?: string;
  /** When the next reconnection attempt happens (ms since epoch), while lost. */
  retryAt?: number;
  /** When the last frame or poll arrived (ms since epoch). */
  updatedAt?: number;
}

export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  close(): void;
}

export interface FeedDeps {
  openSocket: () => SocketLike;
  fetchNodes: () => Promise<Record<string, NodeSummary> | null>;
  pollMs?: number;
}

const BACKOFF = [1000, 2000, 4000, 8000, 15000];

export class TopologyFeed {
  private state: FeedState = { nodes: new Map(), status: 'connecting', loaded: false };
  private socket: SocketLike | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private failures = 0;
  private everOpened = false;
  private polling = false;
  private readonly listeners = new Set<(s: FeedState) => void>();

  constructor(private readonly deps: FeedDeps) {}

  subscribe(l: (s: FeedState) => void): () => void {
    this.listeners.add(l);
    l(this.state);
    return () => this.listeners.delete(l);
  }

  get current(): FeedState {
    return this.state;
  }

  start(): void {
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.closeSocket();
    this.listeners.clear();
  }

  /** Reconnect now, skipping the rest of the backoff. */
  retry(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.polling) void this.poll();
    else this.connect();
  }

  private set(patch: Partial<FeedState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  private closeSocket(): void {
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onopen = s.onmessage = s.onclose = s.onerror = null;
      try {
        s.close();
      } catch {
        // already closed
      }
    }
  }

  private connect(): void {
    if (this.stopped) return;
    this.closeSocket();
    if (this.state.status !== 'lost') this.set({ status: 'connecting' });
    let socket: SocketLike;
    try {
      socket = this.deps.openSocket();
    } catch {
      this.onSocketClosed(false);
      return;
    }
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.everOpened = true;
      mark('map:socket-open');
    };
    // Live means frames arrive (Scope sends the first at once), not merely that the socket opened.
    socket.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return;
      if (!this.state.loaded) mark('map:first-frame');
      let diff: TopologyDiff;
      try {
        diff = JSON.parse(ev.data) as TopologyDiff;
      } catch {
        return;
      }
      const nodes = applyDiff(this.state.nodes, diff);
      if (!this.state.loaded) mark('map:frame-applied');
      const updatedAt = Date.now();
      if (this.state.status !== 'live') {
        this.failures = 0;
        this.set({ nodes, loaded: true, status: 'live', message: undefined, retryAt: undefined, updatedAt });
      } else if (nodes !== this.state.nodes || !this.state.loaded) {
        this.set({ nodes, loaded: true, updatedAt });
      } else {
        this.set({ updatedAt });
      }
    };
    socket.onerror = () => {
      // onclose follows
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.onSocketClosed(opened);
    };
  }

  private onSocketClosed(opened: boolean): void {
    if (this.stopped) return;
    this.failures++;
    if (!opened && !this.everOpened && this.failures >= 2) {
      // The websocket never worked here: fall back to polling the same render over HTTP.
      this.polling = true;
      void this.poll();
      return;
    }
    this.scheduleRetry(() => this.connect());
  }

  private scheduleRetry(fn: () => void, message = 'Lost the connection to Scope Cloud.'): void {
    const delay = BACKOFF[Math.min(this.failures - 1, BACKOFF.length - 1)] ?? BACKOFF[0];
    this.set({ status: 'lost', message, retryAt: Date.now() + delay });
    this.timer = setTimeout(() => {
      this.timer = null;
      fn();
    }, delay);
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    try {
      const nodes = fromTopology(await this.deps.fetchNodes());
      if (this.stopped) return;
      this.failures = 0;
      this.set({ nodes: reconcile(this.state.nodes, nodes), loaded: true, status: 'polling', message: undefined, retryAt: undefined, updatedAt: Date.now() });
      this.timer = setTimeout(() => void this.poll(), this.deps.pollMs ?? 3000);
    } catch (e) {
      if (this.stopped) return;
      if (e instanceof ApiError && (e.status === 404 || e.status === 400)) {
        this.set({ status: 'unavailable', message: e.message, loaded: true });
        return;
      }
      this.failures++;
      this.scheduleRetry(() => void this.poll(), e instanceof ApiError && e.status > 0 ? e.message : undefined);
    }
  }
}

/** `next`, reusing `prev`'s node objects where they did not change (so memoised nodes skip rendering). */
export function reconcile(prev: NodeMap, next: NodeMap): NodeMap {
  let changed = prev.size !== next.size;
  const out = new Map<string, NodeSummary>();
  for (const [id, n] of next) {
    const old = prev.get(id);
    if (old && JSON.stringify(old) === JSON.stringify(n)) out.set(id, old);
    else {
      out.set(id, n);
      changed = true;
    }
  }
  return changed ? out : prev;
}
