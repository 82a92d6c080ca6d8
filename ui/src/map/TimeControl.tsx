// Time travel: pause the map at an instant and move that instant back, as Weave Scope's own UI
// does: a date and time to the second, a timeline of the last hours to drag, and jumps of a
// minute or an hour. The instant goes to the service as `timestamp=<RFC 3339>` (scope-contract §4).
import { useEffect, useRef, useState } from 'react';
import { rfc3339 } from './url';

const pad = (n: number) => String(n).padStart(2, '0');

/** How far back the timeline reaches. */
export const TIMELINE_HOURS = 6;
/** A drag asks for the map once it rests this long, not at every pixel. */
const SETTLE_MS = 250;

/** An instant as the local "YYYY-MM-DDTHH:mm:ss" a datetime-local input with seconds shows. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A datetime-local value (local time) as RFC 3339, never later than now; null if incomplete. */
export function fromLocalInput(value: string, now = Date.now()): string | null {
  const ms = new Date(value).getTime();
  if (!value || Number.isNaN(ms)) return null;
  return rfc3339(Math.min(ms, now));
}

/** `at` moved by `seconds`, never later than now. */
export function shift(at: string, seconds: number, now = Date.now()): string {
  return rfc3339(Math.min(Date.parse(at) + seconds * 1000, now));
}

export function TimeControl({ at, onChange }: { at: string | null; onChange: (at: string | null) => void }) {
  const [dragging, setDragging] = useState<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  if (!at) {
    return (
      <button type="button" className="secondary" title="Stop live updates and look at an earlier time" onClick={() => onChange(rfc3339(Date.now()))}>
        Pause
      </button>
    );
  }
  const now = Date.now();
  const start = now - TIMELINE_HOURS * 3600_000;
  const atMs = Date.parse(at);
  const secondsBack = Math.round((now - (dragging ?? atMs)) / 1000);
  const jump = (seconds: number) => onChange(shift(at, seconds));
  return (
    <span className="time-control" data-testid="time-control">
      <button type="button" className="secondary" title="An hour earlier" onClick={() => jump(-3600)}>
        −1 h
      </button>
      <button type="button" className="secondary" title="A minute earlier" onClick={() => jump(-60)}>
        −1 min
      </button>
      <input
        type="range"
        className="timeline"
        aria-label="Timeline"
        title={`${TIMELINE_HOURS} hours ago to now`}
        min={-TIMELINE_HOURS * 3600}
        max={0}
        step={1}
        value={-Math.min(secondsBack, TIMELINE_HOURS * 3600)}
        onChange={(e) => {
          const ms = Math.max(start, now + Number(e.target.value) * 1000);
          setDragging(ms);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => {
            setDragging(null);
            onChange(rfc3339(ms));
          }, SETTLE_MS);
        }}
      />
      <button type="button" className="secondary" title="A minute later" disabled={atMs >= now - 1000} onClick={() => jump(60)}>
        +1 min
      </button>
      <button type="button" className="secondary" title="An hour later" disabled={atMs >= now - 1000} onClick={() => jump(3600)}>
        +1 h
      </button>
      <input
        type="datetime-local"
        step={1}
        aria-label="Show the map at"
        value={toLocalInput(dragging !== null ? new Date(dragging).toISOString() : at)}
        max={toLocalInput(new Date(now).toISOString())}
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
