import { useState, type FormEvent } from 'react';
import { portal } from '../api/portal';
import { atLeast, type Invite, type OrgRef, type Role } from '../api/types';
import { formatDateTime } from '../format';
import { navigate } from '../router';
import { useSession } from '../session';
import { CopyField, ErrorNote, Spinner, useAction, useAsync } from '../ui';
import { OrgTwoFactorCard } from './OrgTwoFactor';

const ROLES: Role[] = ['viewer', 'member', 'admin', 'owner'];
const ROLE_HELP: Record<Role, string> = {
  viewer: 'sees the map',
  member: 'also runs controls and saves views',
  admin: 'also opens shells, manages the team and tokens',
  owner: 'also deletes the organisation',
};

export function TeamPage({ org }: { org: OrgRef }) {
  const { session, refresh } = useSession();
  const admin = atLeast(org.role, 'admin');
  const members = useAsync(() => portal.members(org.id), [org.id]);
  const invites = useAsync(() => (admin ? portal.invites(org.id) : Promise.resolve([] as Invite[])), [org.id, admin]);
  const action = useAction();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [issued, setIssued] = useState<Invite | null>(null);

  const invite = async (e: FormEvent) => {
    e.preventDefault();
    const i = await action.run(() => portal.invite(org.id, role, email));
    if (i) {
      setIssued(i);
      setEmail('');
      invites.reload();
    }
  };

  return (
    <div className="page">
      <h1>Team</h1>
      <ErrorNote error={action.error} />
      <ErrorNote error={members.error} onRetry={members.reload} />
      <ErrorNote error={invites.error && `Could not load the open invitations: ${invites.error.message}`} onRetry={invites.reload} />
      {members.loading && !members.data && <Spinner />}
      <table className="grid-table" aria-label="Members">
        <thead>
          <tr>
            <th>Email</th>
            <th>Role</th>
            <th>Joined</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {members.data?.map((m) => {
            const me = m.userId === session?.user.id;
            return (
              <tr key={m.userId}>
                <td>
                  {m.email} {me && <span className="muted">(you)</span>}
                </td>
                <td>
                  {admin && !me ? (
                    <select
                      aria-label={`Role of ${m.email}`}
                      value={m.role}
                      disabled={action.busy}
                      onChange={async (e) => {
                        await action.run(() => portal.changeRole(org.id, m.userId, e.target.value as Role));
                        members.reload();
                      }}
                    >
                      {ROLES.filter((r) => r !== 'owner' || org.role === 'owner' || m.role === 'owner').map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <span className="role-badge">{m.role}</span>
                  )}
                </td>
                <td>{formatDateTime(m.joinedAt)}</td>
                <td className="actions">
                  {me ? (
                    <button
                      type="button"
                      className="link danger"
                      onClick={async () => {
                        if (!window.confirm(`Leave ${org.name}? You will lose access to its map.`)) return;
                        const ok = await action.run(async () => (await portal.removeMember(org.id, m.userId), true));
                        if (ok) {
                          await refresh();
                          navigate('/');
                        }
                      }}
                    >
                      Leave
                    </button>
                  ) : (
                    admin && (
                      <button
                        type="button"
                        className="link danger"
                        onClick={async () => {
                          if (!window.confirm(`Remove ${m.email} from ${org.name}?`)) return;
                          await action.run(() => portal.removeMember(org.id, m.userId));
                          members.reload();
                        }}
                      >
                        Remove
                      </button>
                    )
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      {admin && (
        <section className="card">
          <h2>Invite someone</h2>
          <form className="form inline" onSubmit={invite} aria-label="Invite">
            <label>
              Email (optional)
              <input type="email" value={email} placeholder="name@example.com" onChange={(e) => setEmail(e.target.value)} />
            </label>
            <label>
              Role
              <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {ROLES.filter((r) => r !== 'owner').map((r) => (
                  <option key={r} value={r}>
                    {r} — {ROLE_HELP[r]}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" disabled={action.busy}>
              Create invitation
            </button>
          </form>
          {issued?.link && (
            <div className="issued" data-testid="invite-issued">
              <p>
                Send this link to {issued.email || 'the person you invite'}
                {issued.mailed ? ' (we emailed it too)' : ''}. It works once, until {formatDateTime(issued.expiresAt)}.
              </p>
              <CopyField value={issued.link} label="invitation link" testId="invite-link" />
            </div>
          )}
          {invites.data && invites.data.length > 0 && (
            <>
              <h3>Open invitations</h3>
              <table className="grid-table" aria-label="Open invitations">
                <tbody>
                  {invites.data.map((i) => (
                    <tr key={i.id}>
                      <td>{i.email || <span className="muted">link only</span>}</td>
                      <td>
                        <span className="role-badge">{i.role}</span>
                      </td>
                      <td>expires {formatDateTime(i.expiresAt)}</td>
                      <td className="actions">
                        <button
                          type="button"
                          className="link danger"
                          onClick={async () => {
                            await action.run(() => portal.revokeInvite(org.id, i.id));
                            invites.reload();
                          }}
                        >
                          Revoke
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      )}
      {admin && <OrgSettings org={org} />}
      <OrgTwoFactorCard org={org} />
      <section className="card">
        <h2>Roles</h2>
        <ul className="plain">
          {ROLES.map((r) => (
            <li key={r}>
              <span className="role-badge">{r}</span> {ROLE_HELP[r]}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

/** Renaming the organisation (admins) and deleting it with everything in it (owners). */
function OrgSettings({ org }: { org: OrgRef }) {
  const { refresh } = useSession();
  const action = useAction();
  const [name, setName] = useState(org.name);
  const owner = atLeast(org.role, 'owner');
  const rename = async (e: FormEvent) => {
    e.preventDefault();
    const done = await action.run(async () => {
      await portal.renameOrg(org.id, name.trim());
      return true;
    });
    if (done) await refresh();
  };
  const remove = async () => {
    if (!window.confirm(`Delete ${org.name} with its tokens, views, team and map? This cannot be undone.`)) return;
    const done = await action.run(async () => {
      await portal.deleteOrg(org.id);
      return true;
    });
    if (done) {
      await refresh();
      navigate('/');
    }
  };
  return (
    <section className="card" aria-label="Organisation">
      <h2>Organisation</h2>
      <ErrorNote error={action.error} />
      <form className="form inline" onSubmit={rename} aria-label="Rename the organisation">
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />
        </label>
        <button type="submit" disabled={action.busy || name.trim() === '' || name.trim() === org.name}>
          Rename
        </button>
      </form>
      {owner && (
        <p>
          <button type="button" className="danger" onClick={remove} disabled={action.busy}>
            Delete {org.name}
          </button>{' '}
          <span className="muted">Deletes its tokens, views, team and map for everyone.</span>
        </p>
      )}
    </section>
  );
}
