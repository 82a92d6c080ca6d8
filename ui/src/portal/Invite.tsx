import { useState } from 'react';
import { portal } from '../api/portal';
import { navigate } from '../router';
import { rememberOrg, useSession } from '../session';
import { EmptyState, ErrorNote, Spinner, useAction, useAsync } from '../ui';
import { AuthFrame, LoginPage, SignupPage } from './Auth';

export function InvitePage({ secret }: { secret: string }) {
  const { session, refresh } = useSession();
  const invitation = useAsync(() => portal.invitation(secret), [secret]);
  const action = useAction();
  const [mode, setMode] = useState<'signup' | 'login'>('signup');
  const here = `/invite/${encodeURIComponent(secret)}`;

  if (invitation.error) {
    return (
      <AuthFrame title="Invitation">
        <EmptyState title="This invitation cannot be used">
          <p>{invitation.error.message}</p>
        </EmptyState>
      </AuthFrame>
    );
  }
  if (!invitation.data) return <Spinner label="Opening the invitation…" />;
  const inv = invitation.data;
  return (
    <AuthFrame title={`Join ${inv.org}`}>
      <p>
        You are invited to <strong>{inv.org}</strong> as <span className="role-badge">{inv.role}</span>.
      </p>
      {session ? (
        <>
          <p className="muted">Signed in as {session.user.email}.</p>
          <ErrorNote error={action.error} />
          <button
            type="button"
            disabled={action.busy}
            onClick={async () => {
              const org = await action.run(() => portal.acceptInvitation(secret));
              if (org) {
                await refresh();
                rememberOrg(org.id);
                navigate(`/app/${encodeURIComponent(org.id)}/map`, { replace: true });
              }
            }}
          >
            Join {inv.org}
          </button>
        </>
      ) : (
        <>
          <div className="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={mode === 'signup'} onClick={() => setMode('signup')}>
              New account
            </button>
            <button type="button" role="tab" aria-selected={mode === 'login'} onClick={() => setMode('login')}>
              I have an account
            </button>
          </div>
          {mode === 'signup' ? <SignupPage embedded next={here} askOrg={false} /> : <LoginPage embedded next={here} />}
        </>
      )}
    </AuthFrame>
  );
}
