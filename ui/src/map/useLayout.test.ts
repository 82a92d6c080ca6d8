import { describe, expect, it } from 'vitest';
import type { NodeSummary } from '../api/types';
import { applyDiff } from './model';
import { BIG_WEIGHT, isBig, jobFor, LayoutRunner } from './useLayout';

/** A worker that never answers until told to: stands for a layout that takes minutes. */
class SlowWorker {
  static made: SlowWorker[] = [];
  onmessage: ((e: MessageEvent) => void) | null = null;
  posted: { id: number; kind: string }[] = [];
  terminated = false;
  constructor() {
    SlowWorker.made.push(this);
  }
  postMessage(m: { id: number; kind: string }) {
    this.posted.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  answer(layout: object) {
    const last = this.posted[this.posted.length - 1];
    this.onmessage?.({ data: { id: last.id, layout } } as MessageEvent);
  }
}

const job = (key: string) => ({ kind: 'grouped' as const, input: { nodes: [], edges: [], key } });

describe('layout runner', () => {
  it('terminates a layout still under way when another is asked for, and runs that one at once', async () => {
    SlowWorker.made = [];
    const r = new LayoutRunner(() => new SlowWorker() as unknown as Worker);
    const first = r.run(null, job('processes'));
    expect(r.busy).toBe(true);
    const second = r.run(null, job('hosts'));
    expect(await first).toBeNull();
    expect(SlowWorker.made).toHaveLength(2);
    expect(SlowWorker.made[0].terminated).toBe(true);
    expect(SlowWorker.made[1].posted).toHaveLength(1);
    const hosts = { key: 'hosts' };
    SlowWorker.made[1].answer(hosts);
    expect(await second).toBe(hosts);
    expect(r.busy).toBe(false);
  });

  it('starts its worker before the first layout when warmed, and lays out on that one', async () => {
    SlowWorker.made = [];
    const r = new LayoutRunner(() => new SlowWorker() as unknown as Worker);
    r.warm();
    r.warm();
    expect(SlowWorker.made).toHaveLength(1);
    const l = r.run(null, job('processes'));
    expect(SlowWorker.made).toHaveLength(1);
    expect(SlowWorker.made[0].posted).toHaveLength(1);
    const done = { key: 'processes' };
    SlowWorker.made[0].answer(done);
    expect(await l).toBe(done);
  });

  it('lays out without a worker where there is none', async () => {
    const r = new LayoutRunner(null);
    const l = await r.run(null, { kind: 'grouped', input: { nodes: [{ id: 'a', group: 'h' }], edges: [], key: 'k' } });
    expect(l?.groups?.[0].members).toEqual(['a']);
  });

  it("uses Scope's guard for what is big: nodes + 2 × edges over 1,000", () => {
    expect(BIG_WEIGHT).toBe(1000);
    expect(isBig(400, 300)).toBe(false);
    expect(isBig(400, 301)).toBe(true);
    expect(isBig(1001, 0)).toBe(true);
  });
});

describe('layout jobs', () => {
  const nodes = new Map<string, NodeSummary>();
  for (let i = 0; i < 600; i++) nodes.set(`n${i}`, { id: `n${i}`, label: `n${i}`, labelMinor: `h${i % 5}`, rank: 'p', adjacency: [`n${(i + 1) % 600}`] });
  it('keeps the job of a live update that only brings metrics', () => {
    const first = jobFor(nodes, 'host', false, null);
    expect(first.job.kind).toBe('grouped');
    const update = applyDiff(nodes, { update: [{ ...nodes.get('n3')!, metrics: [] }] });
    const next = jobFor(update, 'host', false, first);
    expect(next.job).toBe(first.job);
    expect(next.nodes).toBe(update);
  });
  it('makes a new job when a connection or the grouping changes', () => {
    const first = jobFor(nodes, 'host', false, null);
    const moved = applyDiff(nodes, { update: [{ ...nodes.get('n3')!, adjacency: ['n9'] }] });
    expect(jobFor(moved, 'host', false, first).job.input.key).not.toBe(first.job.input.key);
    expect(jobFor(nodes, 'name', false, first).job.input.key).not.toBe(first.job.input.key);
  });
});
