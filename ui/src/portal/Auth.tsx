import { useState, type FormEvent } from 'react';
import { account, isChallenge } from '../api/account';
import { portal } from '../api/portal';
import type { SessionInfo } from '../api/types';
import { Link, navigate, useLocation } from '../router';
import { useSession } from '../session';
import { ErrorNote, useAction } from '../ui';
import { SecondFactorForm } from './SecondFactor';

function AuthFrame({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="auth-page">
      <div className="auth-card">
        <div className="brand big">
          <span className="logo" aria-hidden="true" />
          Scope Cloud
        </div>
        <h1>{title}</h1>
        {children}
      </div>
    </div>
  );
}

export function LoginPage({ next, embedded }: { next?: string; embedded?: boolean }) {
  const { setSession } = useSession();
  const { query } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<string>();
  const action = useAction();
  const target = next ?? query.get('next') ?? '/';
  const signedIn = (s: SessionInfo) => {
    setSession(s);
    navigate(target, { replace: true });
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const s = await action.run(() => account.logIn(email, password));
    if (s && isChallenge(s)) setChallenge(s.challenge);
    else if (s) signedIn(s);
  };
  const form = challenge ? (
    <SecondFactorForm challenge={challenge} onSignedIn={signedIn} />
  ) : (
    <form onSubmit={submit} className="form" aria-label="Log in">
      <label>
        Email
        <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        Password
        <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <ErrorNote error={action.error} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Logging in…' : 'Log in'}
      </button>
      <p className="muted">
        <Link href="/forgot-password">Forgot your password?</Link>
      </p>
      <p className="muted">
        New here? <Link href={`/signup${target !== '/' ? `?next=${encodeURIComponent(target)}` : ''}`}>Create an account</Link>
      </p>
    </form>
  );
  return embedded ? form : <AuthFrame title="Log in">{form}</AuthFrame>;
}

export function SignupPage({ next, embedded, askOrg = true }: { next?: string; embedded?: boolean; askOrg?: boolean }) {
  const { setSession } = useSession();
  const { query } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [orgName, setOrgName] = useState('');
  const action = useAction();
  const target = next ?? query.get('next');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const s = await action.run(() => portal.signUp(email, password, askOrg && !target ? orgName : undefined));
    if (s) {
      setSession(s);
      if (target) navigate(target, { replace: true });
      else if (s.orgs.length > 0) navigate(`/app/${encodeURIComponent(s.orgs[0].id)}/setup`, { replace: true });
      else navigate('/', { replace: true });
    }
  };
  const form = (
    <form onSubmit={submit} className="form" aria-label="Sign up">
      <label>
        Email
        <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        Password
        <input
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <span className="hint">At least 10 characters.</span>
      </label>
      {askOrg && !target && (
        <label>
          Organisation name
          <input required value={orgName} placeholder="Acme production" onChange={(e) => setOrgName(e.target.value)} />
          <span className="hint">Your team's space: its probes, map and views.</span>
        </label>
      )}
      <ErrorNote error={action.error} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Creating your account…' : 'Sign up'}
      </button>
      <p className="muted">
        Have an account? <Link href={`/login${target ? `?next=${encodeURIComponent(target)}` : ''}`}>Log in</Link>
      </p>
    </form>
  );
  return embedded ? form : <AuthFrame title="Create your account">{form}</AuthFrame>;
}

export { AuthFrame };
