import { useState, type FormEvent } from 'react';
import { account, linkSecret } from '../api/account';
import { Link } from '../router';
import { ErrorNote, useAction } from '../ui';
import { AuthFrame } from './Auth';

/** /forgot-password: asks for a reset link by mail; says the same whatever the email. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string>();
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const answer = await action.run(() => account.forgot(email));
    if (answer) setSent(answer.message);
  };
  return (
    <AuthFrame title="Forgot your password?">
      {sent ? (
        <div className="form">
          <p data-testid="forgot-sent">Check your mail: {sent}.</p>
          <p className="muted">
            Nothing after a few minutes? Check the spam folder, or ask the operator of this Scope Cloud.{' '}
            <Link href="/login">Back to log in</Link>
          </p>
        </div>
      ) : (
        <form onSubmit={submit} className="form" aria-label="Forgot password">
          <p className="muted">Type your account's email: we mail it a link to choose a new password.</p>
          <label>
            Email
            <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </label>
          <ErrorNote error={action.error} />
          <button type="submit" disabled={action.busy}>
            {action.busy ? 'Sending…' : 'Send me a link'}
          </button>
          <p className="muted">
            <Link href="/login">Back to log in</Link>
          </p>
        </form>
      )}
    </AuthFrame>
  );
}

/** /reset-password#secret: the mailed link; sets a new password, which signs out every browser. */
export function ResetPasswordPage({ hash }: { hash: string }) {
  const secret = linkSecret(hash);
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [done, setDone] = useState(false);
  const [mismatch, setMismatch] = useState(false);
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMismatch(password !== again);
    if (password !== again) return;
    const ok = await action.run(async () => {
      await account.reset(secret, password);
      return true;
    });
    if (ok) setDone(true);
  };
  if (!secret) {
    return (
      <AuthFrame title="Choose a new password">
        <p data-testid="reset-no-link">
          This page needs the link from the reset mail. <Link href="/forgot-password">Ask for a new link</Link>.
        </p>
      </AuthFrame>
    );
  }
  return (
    <AuthFrame title="Choose a new password">
      {done ? (
        <p data-testid="reset-done">
          Your password is changed, and every browser signed in to your account was signed out.{' '}
          <Link href="/login">Log in with the new password</Link>
        </p>
      ) : (
        <form onSubmit={submit} className="form" aria-label="Reset password">
          <label>
            New password
            <input type="password" autoComplete="new-password" required minLength={10} value={password} onChange={(e) => setPassword(e.target.value)} />
            <span className="hint">At least 10 characters; a passphrase of uncommon words is best.</span>
          </label>
          <label>
            New password again
            <input type="password" autoComplete="new-password" required value={again} onChange={(e) => setAgain(e.target.value)} />
          </label>
          <ErrorNote error={mismatch ? 'The two passwords differ: type the same one twice.' : action.error} />
          {action.error?.includes('ask for a new one') && <Link href="/forgot-password">Ask for a new link</Link>}
          <button type="submit" disabled={action.busy}>
            {action.busy ? 'Saving…' : 'Set the new password'}
          </button>
        </form>
      )}
    </AuthFrame>
  );
}
