import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import type { NodeSummary } from '../api/types';
import { reconcile, TopologyFeed, type FeedState, type SocketLike } from './feed';

class FakeSocket implements SocketLike {
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  closed = false;
  close() {
    this.closed = true;
  }
  open() {
    this.onopen?.({});
  }
  send(frame: object) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop() {
    this.onclose?.({});
  }
}

const n = (id: string, label = id): NodeSummary => ({ id, label, labelMinor: '', rank: '' });

describe('TopologyFeed', () => {
  let sockets: FakeSocket[];
  let states: FeedState[];
  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    states = [];
  });
  afterEach(() => vi.useRealTimers());

  const feed = (fetchNodes = vi.fn(async () => ({}) as Record<string, NodeSummary>)) => {
    const f = new TopologyFeed({
      openSocket: () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      },
      fetchNodes,
      pollMs: 1000,
    });
    f.subscribe((s) => states.push(s));
    f.start();
    return f;
  };

  it('goes live and applies diffs', () => {
    const f = feed();
    expect(f.current.status).toBe('connecting');
    sockets[0].open();
    sockets[0].send({ add: [n('a'), n('b')], reset: true });
    sockets[0].send({ update: [n('a', 'A')], remove: ['b'] });
    expect(f.current.status).toBe('live');
    expect(f.current.loaded).toBe(true);
    expect([...f.current.nodes.keys()]).toEqual(['a']);
    expect(f.current.nodes.get('a')!.label).toBe('A');
    f.stop();
  });

  it('marks when the socket opened and when the first frame arrived and was applied, once', () => {
    vi.useRealTimers(); // fake timers replace performance too
    performance.clearMarks();
    const count = (name: string) => performance.getEntriesByName(name, 'mark').length;
    const f = feed();
    sockets[0].open();
    expect(count('map:socket-open')).toBe(1);
    expect(count('map:first-frame')).toBe(0);
    sockets[0].send({ add: [n('a')], reset: true });
    sockets[0].send({ update: [n('a', 'A')] });
    expect(count('map:first-frame')).toBe(1);
    expect(count('map:frame-applied')).toBe(1);
    const [frame] = performance.getEntriesByName('map:first-frame', 'mark');
    const [applied] = performance.getEntriesByName('map:frame-applied', 'mark');
    expect(applied.startTime).toBeGreaterThanOrEqual(frame.startTime);
    f.stop();
  });

  it('shows a lost connection, keeps the nodes, and reconnects with backoff', () => {
    const f = feed();
    sockets[0].open();
    sockets[0].send({ add: [n('a')], reset: true });
    sockets[0].drop();
    expect(f.current.status).toBe('lost');
    expect(f.current.nodes.size).toBe(1);
    expect(f.current.retryAt).toBeGreaterThan(Date.now());
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(2);
    sockets[1].open();
    sockets[1].send({ add: [n('b')], reset: true });
    expect(f.current.status).toBe('live');
    expect([...f.current.nodes.keys()]).toEqual(['b']);
    f.stop();
  });

  it('retries at once when asked', () => {
    const f = feed();
    sockets[0].open();
    sockets[0].drop();
    f.retry();
    expect(sockets).toHaveLength(2);
    f.stop();
  });

  it('falls back to polling when the websocket never opens', async () => {
    const fetchNodes = vi.fn(async () => ({ x: n('x') }));
    const f = feed(fetchNodes);
    sockets[0].drop();
    vi.advanceTimersByTime(1000);
    sockets[1].drop();
    await vi.waitFor(() => expect(f.current.status).toBe('polling'));
    expect([...f.current.nodes.keys()]).toEqual(['x']);
    const before = f.current.nodes;
    await vi.advanceTimersByTimeAsync(1000);
    expect(fetchNodes).toHaveBeenCalledTimes(2);
    expect(f.current.nodes).toBe(before); // unchanged answers keep the same map
    f.stop();
  });

  it('says when a topology is not available', async () => {
    const f = feed(vi.fn(async () => Promise.reject(new ApiError(404, 'no topology pods'))));
    sockets[0].drop();
    vi.advanceTimersByTime(1000);
    sockets[1].drop();
    await vi.waitFor(() => expect(f.current.status).toBe('unavailable'));
    expect(f.current.message).toBe('no topology pods');
    f.stop();
  });

  it('reuses unchanged nodes when reconciling', () => {
    const a = n('a');
    const prev = new Map([['a', a], ['b', n('b')]]);
    const next = reconcile(prev, new Map([['a', n('a')], ['b', n('b', 'B')]]));
    expect(next.get('a')).toBe(a);
    expect(next.get('b')!.label).toBe('B');
    expect(reconcile(prev, new Map([['a', n('a')], ['b', n('b')]]))).toBe(prev);
  });
});
