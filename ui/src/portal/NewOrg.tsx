import { useState, type FormEvent } from 'react';
import { portal } from '../api/portal';
import { navigate } from '../router';
import { rememberOrg, useSession } from '../session';
import { ErrorNote, useAction } from '../ui';

export function NewOrgPage({ first }: { first?: boolean }) {
  const { refresh } = useSession();
  const [name, setName] = useState('');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const org = await action.run(() => portal.createOrg(name));
    if (org) {
      await refresh();
      rememberOrg(org.id);
      navigate(`/app/${encodeURIComponent(org.id)}/setup`);
    }
  };
  return (
    <div className="page narrow">
      <h1>{first ? 'Create your first organisation' : 'New organisation'}</h1>
      <p className="lead">An organisation holds a team's probes, map and saved views. You will be its owner.</p>
      <form className="form" onSubmit={submit} aria-label="New organisation">
        <label>
          Name
          <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <ErrorNote error={action.error} />
        <button type="submit" disabled={action.busy}>
          Create
        </button>
      </form>
    </div>
  );
}
