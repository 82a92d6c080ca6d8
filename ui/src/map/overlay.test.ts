import { describe, expect, it } from 'vitest';
import { fillSegment } from './overlay';

describe('the metric fill of a round node', () => {
  it('reaches from the bottom up to the fraction of its height', () => {
    const r = 10;
    expect(fillSegment(r, 0.5).level).toBeCloseTo(0);
    expect(fillSegment(r, 0.25).level).toBeCloseTo(5);
    expect(fillSegment(r, 1).level).toBeCloseTo(-10);
    // The arc runs clockwise from where the level meets the circle on the right, through the bottom.
    const quarter = fillSegment(r, 0.25);
    expect(Math.cos(quarter.from) * r).toBeCloseTo(Math.sqrt(r * r - 25));
    expect(Math.sin(quarter.from) * r).toBeCloseTo(5);
    expect(quarter.to).toBeCloseTo(Math.PI - quarter.from);
    expect(quarter.from).toBeLessThan(Math.PI / 2);
    expect(quarter.to).toBeGreaterThan(Math.PI / 2);
  });
  it('is empty at 0 and the whole circle at 1, and clamps what is outside', () => {
    expect(fillSegment(10, 0).from).toBeCloseTo(Math.PI / 2);
    expect(fillSegment(10, 0).to).toBeCloseTo(Math.PI / 2);
    expect(fillSegment(10, 1).from).toBeCloseTo(-Math.PI / 2);
    expect(fillSegment(10, 1).to).toBeCloseTo((3 * Math.PI) / 2);
    expect(fillSegment(10, 7)).toEqual(fillSegment(10, 1));
  });
});
