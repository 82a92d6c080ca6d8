import { account } from '../api/account';
import type { OrgRef } from '../api/types';
import { Link } from '../router';
import { ErrorNote, Spinner, useAction, useAsync } from '../ui';

/** The team page's two-factor card: whether the org requires it, and (owners) changing that. */
export function OrgTwoFactorCard({ org }: { org: OrgRef }) {
  const setting = useAsync(() => account.orgTwoFactor(org.id), [org.id]);
  const action = useAction();
  // Not an alert of its own: the page's main list says when the service cannot be reached.
  if (setting.error) return <p className="muted">The two-factor setting could not be loaded: {setting.error.message}</p>;
  if (!setting.data) return <Spinner />;
  const required = setting.data.required;
  const toggle = async () => {
    if (await action.run(() => account.setOrgTwoFactor(org.id, !required))) setting.reload();
  };
  return (
    <section className="card" aria-label="Two-factor sign-in">
      <h2>Two-factor sign-in</h2>
      <p data-testid="org-two-factor">
        {required
          ? 'Required: members without two-factor sign-in cannot use this organisation (its map, shells and pages) until they turn it on.'
          : 'Not required. Members choose for themselves.'}{' '}
        <Link href="/account">Yours is on your account page.</Link>
      </p>
      <ErrorNote error={action.error} />
      {org.role === 'owner' && (
        <button type="button" disabled={action.busy} onClick={toggle}>
          {required ? 'Stop requiring two-factor sign-in' : 'Require two-factor sign-in of every member'}
        </button>
      )}
    </section>
  );
}
