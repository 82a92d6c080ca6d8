import { useState, type FormEvent } from 'react';
import { account, type Enrolment } from '../api/account';
import { formatDateTime } from '../format';
import { navigate } from '../router';
import { useSession } from '../session';
import { ErrorNote, Spinner, useAction, useAsync } from '../ui';

/** /account: the person's address, password, sessions, two-factor sign-in, and leaving. */
export function AccountPage() {
  return (
    <div className="page" data-testid="account-page">
      <h1>Your account</h1>
      <EmailSection />
      <PasswordSection />
      <TwoFactorSection />
      <SessionsSection />
      <DeleteSection />
    </div>
  );
}

function EmailSection() {
  const me = useAsync(() => account.get(), []);
  const [newEmail, setNewEmail] = useState('');
  const [password, setPassword] = useState('');
  const [note, setNote] = useState<string>();
  const change = useAction();
  const resend = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await change.run(() => account.changeEmail(newEmail, password));
    if (r) {
      setNote(r.message);
      setPassword('');
    }
  };
  if (me.error) return <ErrorNote error={me.error} onRetry={me.reload} />;
  if (!me.data) return <Spinner />;
  return (
    <section aria-label="Email">
      <h2>Email</h2>
      <p>
        <strong data-testid="account-email">{me.data.email}</strong>{' '}
        {me.data.emailVerified ? (
          <span className="muted">confirmed</span>
        ) : (
          <span data-testid="email-unverified">
            not confirmed yet
            {me.data.verificationRequired && ': you cannot join other organisations or reset your password until you open the link we mailed you'}
            .{' '}
            <button type="button" className="link" disabled={resend.busy} onClick={async () => {
              const r = await resend.run(() => account.resendVerification());
              if (r) setNote(r.message);
            }}>
              Send a new link
            </button>
          </span>
        )}
      </p>
      <ErrorNote error={resend.error} />
      <form onSubmit={submit} className="form" aria-label="Change email">
        <label>
          New email
          <input type="email" required value={newEmail} onChange={(e) => setNewEmail(e.target.value)} />
        </label>
        <label>
          Current password
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <ErrorNote error={change.error} />
        {note && <p data-testid="email-note">{note}</p>}
        <button type="submit" disabled={change.busy}>Change email</button>
      </form>
    </section>
  );
}

function PasswordSection() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const ok = await action.run(async () => {
      await account.changePassword(current, next);
      return true;
    });
    if (ok) {
      setDone(true);
      setCurrent('');
      setNext('');
    }
  };
  return (
    <section aria-label="Password">
      <h2>Password</h2>
      <form onSubmit={submit} className="form" aria-label="Change password">
        <label>
          Current password
          <input type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
        </label>
        <label>
          New password
          <input type="password" autoComplete="new-password" required minLength={10} value={next} onChange={(e) => setNext(e.target.value)} />
        </label>
        <ErrorNote error={action.error} />
        {done && <p data-testid="password-changed">Password changed. Your other browsers were signed out.</p>}
        <button type="submit" disabled={action.busy}>Change password</button>
      </form>
    </section>
  );
}

function TwoFactorSection() {
  const status = useAsync(() => account.twoFactor(), []);
  const [enrolment, setEnrolment] = useState<Enrolment>();
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[]>();
  const [password, setPassword] = useState('');
  const action = useAction();
  if (status.error) return <ErrorNote error={status.error} onRetry={status.reload} />;
  if (!status.data) return <Spinner />;
  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    const r = await action.run(() => account.confirmTwoFactor(code));
    if (r) {
      setCodes(r.recoveryCodes);
      setEnrolment(undefined);
      status.reload();
    }
  };
  const disable = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await action.run(async () => {
      await account.disableTwoFactor(password);
      return true;
    });
    if (ok) {
      setPassword('');
      setCodes(undefined);
      status.reload();
    }
  };
  return (
    <section aria-label="Two-factor sign-in">
      <h2>Two-factor sign-in</h2>
      {codes && (
        <div className="callout" data-testid="recovery-codes">
          <p>
            <strong>Recovery codes, shown this once.</strong> Keep them somewhere safe: each signs you in once if you lose your
            authenticator app.
          </p>
          <pre>{codes.join('\n')}</pre>
        </div>
      )}
      {status.data.enabled ? (
        <form onSubmit={disable} className="form" aria-label="Turn off two-factor">
          <p data-testid="two-factor-on">
            On. {status.data.recoveryCodesLeft} recovery codes left.
          </p>
          <label>
            Current password
            <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          <ErrorNote error={action.error} />
          <button type="submit" className="danger" disabled={action.busy}>Turn off two-factor sign-in</button>
        </form>
      ) : enrolment ? (
        <form onSubmit={confirm} className="form" aria-label="Confirm two-factor">
          <p>Scan this code with an authenticator app, or type the key, then type the 6-digit code it shows.</p>
          <img src={enrolment.qrCode} alt="QR code for your authenticator app" width={200} height={200} />
          <p>
            Key: <code data-testid="totp-secret">{enrolment.secret}</code>
          </p>
          <label>
            Code from the app
            <input inputMode="numeric" autoComplete="one-time-code" required value={code} onChange={(e) => setCode(e.target.value)} />
          </label>
          <ErrorNote error={action.error} />
          <button type="submit" disabled={action.busy}>Turn on</button>
        </form>
      ) : (
        <div className="form">
          <p className="muted">Off. With it on, signing in also needs a code from an app on your phone.</p>
          <ErrorNote error={action.error} />
          <button type="button" disabled={action.busy} onClick={async () => {
            const e = await action.run(() => account.beginTwoFactor());
            if (e) setEnrolment(e);
          }}>
            Set up two-factor sign-in
          </button>
        </div>
      )}
    </section>
  );
}

function SessionsSection() {
  const list = useAsync(() => account.sessions(), []);
  const action = useAction();
  const end = async (fn: () => Promise<void>) => {
    await action.run(fn);
    list.reload();
  };
  if (list.error) return <ErrorNote error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Spinner />;
  return (
    <section aria-label="Sessions">
      <h2>Where you are signed in</h2>
      <table aria-label="Sessions">
        <thead>
          <tr>
            <th>Signed in</th>
            <th>Last used</th>
            <th>Address</th>
            <th>Browser</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.data.map((s) => (
            <tr key={s.id}>
              <td>{formatDateTime(s.createdAt)}</td>
              <td>{formatDateTime(s.lastSeenAt)}</td>
              <td>{s.address || 'unknown'}</td>
              <td title={s.browser ?? ''}>{s.browser || 'unknown'}</td>
              <td>
                {s.current ? (
                  <span className="muted">this browser</span>
                ) : (
                  <button type="button" className="link" onClick={() => end(() => account.endSession(s.id))}>
                    Sign out
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorNote error={action.error} />
      <button type="button" disabled={action.busy || list.data.length < 2} onClick={() => end(() => account.endOtherSessions())}>
        Sign out everywhere else
      </button>
    </section>
  );
}

function DeleteSection() {
  const { setSession } = useSession();
  const [password, setPassword] = useState('');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!window.confirm('Delete your account for good? Your memberships go with it.')) return;
    const ok = await action.run(async () => {
      await account.deleteAccount(password);
      return true;
    });
    if (ok) {
      setSession(null);
      navigate('/login', { replace: true });
    }
  };
  return (
    <section aria-label="Delete account">
      <h2>Delete your account</h2>
      <form onSubmit={submit} className="form" aria-label="Delete account">
        <p className="muted">
          Your memberships and sessions end; audit entries of what you did stay, shown as a deleted account. If you are the only
          owner of an organisation, make someone else its owner or delete it first.
        </p>
        <label>
          Current password
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <ErrorNote error={action.error} />
        <button type="submit" className="danger" disabled={action.busy}>Delete my account</button>
      </form>
    </section>
  );
}
