// Time travel: pause the map at an instant and move that instant back, as Weave Scope's own UI
// does. The instant goes to the service as `timestamp=<RFC 3339>` (scope-contract §4).
import { rfc3339 } from './url';

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the local "YYYY-MM-DDTHH:mm" a datetime-local input shows. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (local time) as RFC 3339, never later than now; null if incomplete. */
export function fromLocalInput(value: string, now = Date.now()): string | null {
  const ms = new Date(value).getTime();
  if (!value || Number.isNaN(ms)) return null;
  return rfc3339(Math.min(ms, now));
}

export function TimeControl({ at, onChange }: { at: string | null; onChange: (at: string | null) => void }) {
  if (!at) {
    return (
      <button type="button" className="secondary" title="Stop live updates and look at an earlier time" onClick={() => onChange(rfc3339(Date.now()))}>
        Pause
      </button>
    );
  }
  return (
    <span className="time-control">
      <input
        type="datetime-local"
        aria-label="Show the map at"
        value={toLocalInput(at)}
        max={toLocalInput(new Date().toISOString())}
        onChange={(e) => {
          const next = fromLocalInput(e.target.value);
          if (next) onChange(next);
        }}
      />
      <button type="button" onClick={() => onChange(null)}>
        Back to live
      </button>
    </span>
  );
}
