import { useEffect, useState } from 'react';
import { ApiError } from '../api/http';
import { portal } from '../api/portal';
import type { AuditEntry, OrgRef } from '../api/types';
import { formatDateTime } from '../format';
import { EmptyState, ErrorNote, Spinner } from '../ui';

export function AuditPage({ org }: { org: OrgRef }) {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<number | null | undefined>(undefined);
  const [error, setError] = useState<ApiError | Error>();
  const [loading, setLoading] = useState(true);

  const load = async (before?: number) => {
    setLoading(true);
    try {
      const page = await portal.audit(org.id, before);
      setEntries((e) => (before === undefined ? page.entries : [...e, ...page.entries]));
      setNext(page.next ?? null);
      setError(undefined);
    } catch (e) {
      setError(e as Error);
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [org.id]);

  const missing = error instanceof ApiError && (error.status === 404 || error.status === 405);
  return (
    <div className="page">
      <h1>Audit log</h1>
      <p className="lead">Every control run on this organisation's nodes: who, what, where, and how it went.</p>
      {missing ? (
        <EmptyState title="The audit log is not available on this service">
          <p className="muted">The control service that keeps it is not running here.</p>
        </EmptyState>
      ) : (
        <ErrorNote error={error} onRetry={() => void load(entries.length > 0 && next ? next : undefined)} />
      )}
      {loading && entries.length === 0 && <Spinner />}
      {!loading && !error && entries.length === 0 && <EmptyState title="No controls have been run yet" />}
      {entries.length > 0 && (
        <table className="grid-table" aria-label="Audit log">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>Control</th>
              <th>Node</th>
              <th>Outcome</th>
              <th>Time</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} className={e.outcome === 'ok' ? '' : 'failed'}>
                <td>{formatDateTime(e.at)}</td>
                <td>{e.actor}</td>
                <td>
                  <code>{e.control}</code>
                  {e.args && Object.keys(e.args).length > 0 && (
                    <span className="muted"> {Object.entries(e.args).map(([k, v]) => `${k}=${v}`).join(' ')}</span>
                  )}
                </td>
                <td>
                  <code title={`probe ${e.probeId}`}>{e.nodeId}</code>
                </td>
                <td>
                  {e.outcome}
                  {e.error && <div className="muted small">{e.error}</div>}
                </td>
                <td>{e.durationMs} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" className="secondary" disabled={loading} onClick={() => load(next)}>
          Older entries
        </button>
      )}
    </div>
  );
}
