import { useState } from 'react';
import { portal } from '../api/portal';
import { atLeast, type OrgRef } from '../api/types';
import { formatAgo, formatDateTime } from '../format';
import { Link } from '../router';
import { EmptyState, ErrorNote, Spinner, useAction } from '../ui';
import { useProbes } from './Onboarding';

export function ProbesPage({ org }: { org: OrgRef }) {
  const { probes: heard, error } = useProbes(org.id, 5000);
  const admin = atLeast(org.role, 'admin');
  const remove = useAction();
  // Hidden at once, before the next poll: a forgotten probe that reports again is listed again.
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const probes = heard?.filter((p) => !removed.has(p.id));
  const forget = (id: string) =>
    remove.run(async () => {
      await portal.forgetProbe(org.id, id);
      setRemoved((r) => new Set(r).add(id));
    });
  return (
    <div className="page">
      <h1>Probes</h1>
      <ErrorNote error={error && `${error} Trying again every few seconds.`} />
      <ErrorNote error={remove.error} />
      {!probes && !error && <Spinner label="Loading probes…" />}
      {probes && probes.length === 0 && (
        <EmptyState title="No probes yet">
          <p>
            <Link href={`/app/${encodeURIComponent(org.id)}/setup`}>Set up your first probe</Link> to see your hosts here.
          </p>
        </EmptyState>
      )}
      {probes && probes.length > 0 && (
        <table className="grid-table" aria-label="Probes">
          <thead>
            <tr>
              <th>State</th>
              <th>Host</th>
              <th>Probe id</th>
              <th>Controls</th>
              <th>Version</th>
              <th>First seen</th>
              <th>Last report</th>
              {admin && <th aria-label="Actions" />}
            </tr>
          </thead>
          <tbody>
            {probes.map((p) => (
              <tr key={p.id}>
                <td>
                  <span className={p.connected ? 'ok-dot' : 'off-dot'} aria-hidden="true" />
                  {p.connected ? 'connected' : 'gone'}
                </td>
                <td>{p.hostname || '–'}</td>
                <td>
                  <code>{p.id}</code>
                </td>
                <td>{p.controlConnected ? 'ready' : p.connected ? 'not connected' : '–'}</td>
                <td>{p.version || '–'}</td>
                <td>{formatDateTime(p.firstSeen)}</td>
                <td>{formatAgo(p.lastSeen)}</td>
                {admin && (
                  <td>
                    {!p.connected && !p.controlConnected && (
                      <button type="button" disabled={remove.busy} onClick={() => forget(p.id)} aria-label={`Remove ${p.hostname || p.id}`}>
                        Remove
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {probes?.some((p) => !p.connected) && (
        <p className="hint" data-testid="gone-hint">
          A probe is “gone” when it has not reported for a while. Check that it still runs on its host: for the probe
          this service installs, <code>systemctl status scope-cloud-probe</code> (installed with <code>--systemd</code>)
          or <code>pgrep -f scope-probe</code>; for Scope's own container, <code>docker ps</code> shows a{' '}
          <code>weavescope</code> container. The host must reach {window.location.origin}.
          {admin && ' A probe you stopped for good can be removed from this list; if it reports again, it comes back.'}
        </p>
      )}
      {probes?.some((p) => p.connected && !p.controlConnected) && (
        <p className="hint" data-testid="controls-hint">
          A probe that reports but whose controls are “not connected” cannot be reached for controls and shells: it
          was started with <code>--probe.no-controls</code>, or something between it and this service closes
          websockets (a proxy that does not pass <code>Upgrade</code> headers).
        </p>
      )}
    </div>
  );
}
