import { useEffect, useState } from 'react';
import { account, linkSecret } from '../api/account';
import { Link } from '../router';
import { useSession } from '../session';
import { ErrorNote, Spinner } from '../ui';
import { AuthFrame } from './Auth';

/** /verify-email#secret: opens a mailed address link (verification or a change of address). */
export function VerifyEmailPage({ hash }: { hash: string }) {
  const secret = linkSecret(hash);
  const { session, refresh } = useSession();
  const [state, setState] = useState<{ email?: string; error?: string }>();
  useEffect(() => {
    if (!secret) return;
    let live = true;
    account
      .verifyEmail(secret)
      .then((r) => {
        if (!live) return;
        setState({ email: r.email });
        refresh().catch(() => undefined);
      })
      .catch((e: Error) => live && setState({ error: e.message }));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [secret]);
  return (
    <AuthFrame title="Confirm your email">
      {!secret && <ErrorNote error="This page needs the link from the mail we sent you." />}
      {secret && !state && <Spinner label="Confirming…" />}
      {state?.email && (
        <p data-testid="email-verified">
          Thank you: {state.email} is confirmed. {session ? <Link href="/account">Back to your account</Link> : <Link href="/login">Log in</Link>}
        </p>
      )}
      {state?.error && (
        <>
          <ErrorNote error={state.error} />
          <p className="muted">
            {session ? <Link href="/account">Send a new link from your account page</Link> : <Link href="/login">Log in to send a new link</Link>}
          </p>
        </>
      )}
    </AuthFrame>
  );
}
