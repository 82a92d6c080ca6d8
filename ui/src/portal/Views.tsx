import { useState } from 'react';
import { ApiError } from '../api/http';
import { portal } from '../api/portal';
import type { OrgRef, SavedView } from '../api/types';
import { formatAgo } from '../format';
import { mapUrl } from '../map/url';
import { Link, Redirect } from '../router';
import { CopyField, EmptyState, ErrorNote, Spinner, useAction, useAsync } from '../ui';
import { EditViewDialog, explained, mayChangeView } from './viewEditing';

export const viewLink = (org: string, id: string) => `${window.location.origin}/app/${encodeURIComponent(org)}/views/${id}`;

export function ViewsPage({ org }: { org: OrgRef }) {
  const views = useAsync(() => portal.views(org.id), [org.id]);
  const action = useAction();
  const [editing, setEditing] = useState<SavedView | null>(null);
  const [done, setDone] = useState<string>();
  const remove = async (v: SavedView) => {
    if (!window.confirm(`Delete the view “${v.name}”? Its link stops working for everyone.`)) return;
    setDone(undefined);
    // A failure reloads too: a 404 means the view is gone, and the list should say so.
    const ok = await action.run(explained(() => portal.deleteView(org.id, v.id).then(() => true)));
    if (ok) setDone(`Deleted “${v.name}”.`);
    views.reload();
  };
  return (
    <div className="page">
      <h1>Views</h1>
      <p className="lead">Saved ways of looking at the map: a topology, its options, a search and a selected node.</p>
      <ErrorNote error={action.error} />
      <ErrorNote error={views.error} onRetry={views.reload} />
      {done && !action.error && (
        <div className="ok-note" role="status" data-testid="views-done">
          {done}
        </div>
      )}
      {views.loading && !views.data && <Spinner />}
      {views.data && views.data.length === 0 && (
        <EmptyState title="No saved views yet">
          <p>
            Open the <Link href={`/app/${encodeURIComponent(org.id)}/map`}>map</Link>, set it up the way you like and press
            “Save view”.
          </p>
        </EmptyState>
      )}
      {views.data && views.data.length > 0 && (
        <table className="grid-table" aria-label="Views">
          <thead>
            <tr>
              <th>Name</th>
              <th>Topology</th>
              <th>Search</th>
              <th>Shared</th>
              <th>Updated</th>
              <th>Link</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {views.data.map((v) => (
              <tr key={v.id}>
                <td>
                  <Link href={`/app/${encodeURIComponent(org.id)}/views/${v.id}`}>{v.name}</Link>
                  {v.mine && <span className="muted"> (yours)</span>}
                </td>
                <td>{v.topology}</td>
                <td>{v.search || <span className="muted">–</span>}</td>
                <td>{v.shared ? 'team' : 'only you'}</td>
                <td>{formatAgo(v.updatedAt)}</td>
                <td className="link-cell">
                  <CopyField value={viewLink(org.id, v.id)} label={`link to ${v.name}`} />
                </td>
                <td className="actions">
                  {mayChangeView(v, org.role) && (
                    <>
                      <button type="button" className="link" aria-label={`Edit ${v.name}`} onClick={() => {
                          action.clear();
                          setEditing(v);
                        }}>
                        Edit
                      </button>
                      <button type="button" className="link danger" aria-label={`Delete ${v.name}`} onClick={() => void remove(v)}>
                        Delete
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <EditViewDialog
          org={org}
          view={editing}
          onClose={() => setEditing(null)}
          onSaved={(v) => {
            setEditing(null);
            setDone(`Saved “${v.name}”.`);
            views.reload();
          }}
        />
      )}
    </div>
  );
}

/** /app/<org>/views/<id>: opens a saved view as the map it describes. */
export function OpenViewPage({ org, id }: { org: OrgRef; id: string }) {
  const view = useAsync(() => portal.view(org.id, id), [org.id, id]);
  if (view.error) {
    return (
      <div className="page">
        <EmptyState title="This view cannot be opened">
          <p data-testid="view-error">
            {view.error instanceof ApiError && view.error.status === 404
              ? 'It was deleted, or its owner has not shared it with the team. Ask them to share it, or pick another view.'
              : view.error.message}
          </p>
          <p>
            <Link href={`/app/${encodeURIComponent(org.id)}/views`}>See the views you can open</Link>
          </p>
        </EmptyState>
      </div>
    );
  }
  if (!view.data) return <Spinner label="Opening the view…" />;
  const v = view.data;
  return (
    <Redirect
      to={mapUrl(org.id, {
        topology: v.topology,
        options: v.options,
        search: v.search ?? '',
        node: v.selectedNode ?? null,
        view: v.id,
      })}
    />
  );
}
