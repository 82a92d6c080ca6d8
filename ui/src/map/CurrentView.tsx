// The saved view a map was opened from (`?view=<id>`): its name, whether the map has moved away
// from it, and "Update view", which saves the map as it is now into that view.
import { useState } from 'react';
import { portal } from '../api/portal';
import type { OrgRef, SavedView } from '../api/types';
import { explained, mayChangeView, specOf } from '../portal/viewEditing';
import { Link } from '../router';
import { ErrorNote, useAction, useAsync } from '../ui';
import type { MapState } from './url';

const sortedJson = (o: Record<string, string>) => JSON.stringify(Object.keys(o).sort().map((k) => [k, o[k]]));

/** Whether the map shows what the view saved (the mode is not part of a view). */
export function showsView(v: SavedView, state: MapState, options: Record<string, string>): boolean {
  return (
    v.topology === state.topology &&
    sortedJson(v.options) === sortedJson(options) &&
    (v.search ?? '') === state.search &&
    (v.selectedNode ?? null) === state.node
  );
}

export function CurrentView({ org, viewId, state, options }: { org: OrgRef; viewId: string; state: MapState; options: Record<string, string> }) {
  const loaded = useAsync(() => portal.view(org.id, viewId), [org.id, viewId]);
  const [updated, setUpdated] = useState<SavedView | null>(null);
  const action = useAction();
  const view = updated?.id === viewId ? updated : loaded.data;
  if (loaded.error) {
    return (
      <span className="current-view muted" data-testid="current-view-gone">
        The saved view this map came from is gone.
      </span>
    );
  }
  if (!view) return null;
  const same = showsView(view, state, options);
  const update = async () => {
    const saved = await action.run(
      explained(() =>
        portal.updateView(org.id, view.id, {
          ...specOf(view),
          topology: state.topology,
          options,
          search: state.search,
          selectedNode: state.node,
        }),
      ),
    );
    if (saved) setUpdated(saved);
  };
  return (
    <>
      <span className="current-view" data-testid="current-view">
        View:{' '}
        <Link href={`/app/${encodeURIComponent(org.id)}/views`} title="All saved views">
          {view.name}
        </Link>
        {!same && <span className="muted"> (changed)</span>}
        {same && updated && (
          <span className="muted" role="status">
            {' '}
            · saved
          </span>
        )}
      </span>
      {mayChangeView(view, org.role) && (
        <button
          type="button"
          className="secondary"
          disabled={same || action.busy}
          title={same ? 'The map shows this view as it was saved' : `Save the map as it is now into “${view.name}”`}
          onClick={() => void update()}
        >
          Update view
        </button>
      )}
      <ErrorNote error={action.error} />
    </>
  );
}
