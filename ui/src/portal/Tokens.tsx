import { useState, type FormEvent } from 'react';
import { portal } from '../api/portal';
import type { OrgRef, ProbeToken } from '../api/types';
import { formatAgo, formatDateTime } from '../format';
import { CopyField, EmptyState, ErrorNote, Spinner, useAction, useAsync } from '../ui';
import { installCommand, launchCommand } from './Onboarding';

export function TokensPage({ org }: { org: OrgRef }) {
  const tokens = useAsync(() => portal.tokens(org.id), [org.id]);
  const action = useAction();
  const [name, setName] = useState('');
  const [fresh, setFresh] = useState<ProbeToken | null>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const t = await action.run(() => portal.createToken(org.id, name || 'probe token'));
    if (t) {
      setFresh(t);
      setName('');
      tokens.reload();
    }
  };

  return (
    <div className="page">
      <h1>Probe tokens</h1>
      <p className="lead">
        Probes authenticate with a token. Each one is shown once, when it is created or rotated; revoking one stops its
        probes within seconds.
      </p>
      <ErrorNote error={action.error} />
      <ErrorNote error={tokens.error} onRetry={tokens.reload} />
      {fresh?.token && (
        <div className="card highlight" data-testid="fresh-token">
          <h2>New token “{fresh.name}”</h2>
          <CopyField value={fresh.token} label="token" testId="fresh-token-value" />
          <p>Install and start a probe with it on a Linux host:</p>
          <CopyField value={installCommand(fresh.token)} label="install command" />
          <p>or, where the scope script is already installed:</p>
          <CopyField value={launchCommand(fresh.token)} label="launch command" />
        </div>
      )}
      <form className="form inline" onSubmit={create} aria-label="New token">
        <label>
          Name
          <input value={name} placeholder="production hosts" maxLength={100} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" disabled={action.busy}>
          Create token
        </button>
      </form>
      {tokens.loading && !tokens.data && <Spinner />}
      {tokens.data?.length === 0 && (
        <EmptyState title="No probe tokens yet">
          <p>Create one above: a probe needs a token to send its reports here.</p>
        </EmptyState>
      )}
      {!!tokens.data?.length && (
        <table className="grid-table" aria-label="Tokens">
          <thead>
            <tr>
              <th>Name</th>
              <th>Token</th>
              <th>Created</th>
              <th>Last used</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.data?.map((t) => (
              <tr key={t.id} className={t.revokedAt ? 'revoked' : ''}>
                <td>{t.name}</td>
                <td>
                  <code>{t.prefix}…</code>
                </td>
                <td>{formatDateTime(t.createdAt)}</td>
                <td>{formatAgo(t.lastUsedAt)}</td>
                <td>{t.revokedAt ? `revoked ${formatAgo(t.revokedAt)}` : 'active'}</td>
                <td className="actions">
                  {!t.revokedAt && (
                    <>
                      <button
                        type="button"
                        className="link"
                        onClick={async () => {
                          if (!window.confirm(`Rotate “${t.name}”? Probes using the old token stop until they get the new one.`)) return;
                          const r = await action.run(() => portal.rotateToken(org.id, t.id));
                          if (r) setFresh(r);
                          tokens.reload();
                        }}
                      >
                        Rotate
                      </button>
                      <button
                        type="button"
                        className="link danger"
                        onClick={async () => {
                          if (!window.confirm(`Revoke “${t.name}”? Its probes will be refused.`)) return;
                          await action.run(() => portal.revokeToken(org.id, t.id));
                          tokens.reload();
                        }}
                      >
                        Revoke
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
