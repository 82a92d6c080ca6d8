import { useState, type FormEvent } from 'react';
import { account } from '../api/account';
import type { SessionInfo } from '../api/types';
import { ErrorNote, useAction } from '../ui';

/** The second step of signing in with two-factor on: a code from the app, or a recovery code. */
export function SecondFactorForm({ challenge, onSignedIn }: { challenge: string; onSignedIn: (s: SessionInfo) => void }) {
  const [code, setCode] = useState('');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const s = await action.run(() => account.secondFactor(challenge, code.trim()));
    if (s) onSignedIn(s);
  };
  return (
    <form onSubmit={submit} className="form" aria-label="Two-factor code">
      <p>Type the 6-digit code your authenticator app shows now, or one of your recovery codes.</p>
      <label>
        Code
        <input inputMode="numeric" autoComplete="one-time-code" required autoFocus value={code} onChange={(e) => setCode(e.target.value)} />
      </label>
      <ErrorNote error={action.error} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Checking…' : 'Continue'}
      </button>
    </form>
  );
}
