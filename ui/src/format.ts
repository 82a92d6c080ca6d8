// How values read in the UI: metrics by their `format`, metadata by their `dataType`.

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

export function formatBytes(n: number): string {
  let v = Math.abs(n);
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  const digits = v >= 100 || u === 0 ? 0 : v >= 10 ? 1 : 2;
  return `${n < 0 ? '-' : ''}${v.toFixed(digits)} ${UNITS[u]}`;
}

export function formatMetric(value: number, format?: string): string {
  if (!Number.isFinite(value)) return '–';
  switch (format) {
    case 'percent':
      return `${value >= 10 ? value.toFixed(1) : value.toFixed(2)}%`;
    case 'filesize':
      return formatBytes(value);
    case 'integer':
      return Math.round(value).toLocaleString('en');
    default:
      return Math.abs(value) >= 100 ? value.toFixed(0) : Number(value.toFixed(2)).toString();
  }
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  const s = Math.floor(seconds);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s % 60}s`;
  return `${s}s`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
}

export function formatAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return iso;
  const s = Math.round((now - t) / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86400)}d ago`;
}

/** A metadata value as Scope's UI shows it, by data type. */
export function formatMetadata(value: string, dataType?: string): string {
  switch (dataType) {
    case 'duration': {
      const n = Number(value);
      return Number.isFinite(n) ? formatDuration(n) : value;
    }
    case 'datetime':
      return formatDateTime(value);
    case 'number': {
      const n = Number(value);
      return Number.isFinite(n) ? n.toLocaleString('en') : value;
    }
    default:
      return value;
  }
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
