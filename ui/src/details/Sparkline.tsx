import type { MetricSample } from '../api/types';

/** A small line of a metric's recent samples, with its latest value marked. */
export function Sparkline({
  samples,
  width = 120,
  height = 24,
  min,
  max,
}: {
  samples: MetricSample[] | null | undefined;
  width?: number;
  height?: number;
  min?: number;
  max?: number;
}) {
  const pts = (samples ?? []).filter((s) => Number.isFinite(s.value));
  if (pts.length < 2) return <svg className="sparkline empty" width={width} height={height} aria-hidden="true" />;
  const times = pts.map((s) => new Date(s.date).getTime());
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const values = pts.map((s) => s.value);
  // Scale to the samples, but never finer than a tenth of the metric's own range, so noise stays flat.
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  const span = (max ?? hi) - (min ?? lo);
  if (hi - lo < span / 10) {
    const mid = (hi + lo) / 2;
    lo = mid - span / 20;
    hi = mid + span / 20;
  }
  if (hi === lo) {
    hi += 1;
    lo -= 1;
  }
  const x = (t: number) => (t1 === t0 ? width : ((t - t0) / (t1 - t0)) * (width - 4) + 2);
  const y = (v: number) => height - 2 - ((v - lo) / (hi - lo)) * (height - 4);
  const d = pts.map((s, i) => `${i === 0 ? 'M' : 'L'}${x(times[i]).toFixed(1)},${y(s.value).toFixed(1)}`).join('');
  const last = pts[pts.length - 1];
  return (
    <svg className="sparkline" width={width} height={height} role="img" aria-label={`${pts.length} samples`}>
      <path d={d} fill="none" />
      <circle cx={x(times[times.length - 1])} cy={y(last.value)} r={2} />
    </svg>
  );
}
