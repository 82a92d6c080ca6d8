// Changing saved views: who may, what to say when it fails, and the dialog that renames and
// (un)shares one. The map's "Update view" (map/CurrentView.tsx) uses the same rules.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/http';
import { portal } from '../api/portal';
import { atLeast, type OrgRef, type Role, type SavedView, type ViewSpec } from '../api/types';
import { ErrorNote, Modal, useAction } from '../ui';

/** A view's name and whether the team sees it: the fields of both the save and the edit dialogs. */
export function ViewFields(props: { name: string; onName: (name: string) => void; shared: boolean; onShared: (shared: boolean) => void }) {
  return (
    <>
      <label>
        Name
        <input required maxLength={200} value={props.name} onChange={(e) => props.onName(e.target.value)} autoFocus />
      </label>
      <label className="check">
        <input type="checkbox" checked={props.shared} onChange={(e) => props.onShared(e.target.checked)} />
        Share with the team
      </label>
    </>
  );
}

/** The server's rule (SharedViews.mayChange): a member who owns the view, or an admin or owner. */
export function mayChangeView(view: Pick<SavedView, 'mine'>, role: Role): boolean {
  return atLeast(role, 'member') && (view.mine || atLeast(role, 'admin'));
}

/** Turns a failed change into a sentence that says what happened and what to do next. */
export function viewProblem(e: unknown): string {
  if (!(e instanceof ApiError)) return (e as Error).message;
  switch (e.status) {
    case 403:
      return 'Only the view’s owner or an admin of the organisation can change it. Save your own copy with “Save view” on the map instead.';
    case 404:
      return 'This view no longer exists, or it is no longer shared with you. Reload the list of views.';
    case 409:
      return 'Someone else changed this view at the same time. Reload it and make your change again.';
    case 422:
      return `The view was not saved: ${e.message}`;
    default:
      return e.message;
  }
}

/** Runs a change to a view, rethrowing its failure as a sentence for the user. */
export function explained<T>(change: () => Promise<T>): () => Promise<T> {
  return () =>
    change().catch((e: unknown) => {
      throw new Error(viewProblem(e));
    });
}

/** The spec of a saved view as it is, ready for a PUT that changes only some of it. */
export function specOf(v: SavedView): ViewSpec {
  return {
    name: v.name,
    topology: v.topology,
    options: v.options,
    search: v.search ?? '',
    selectedNode: v.selectedNode ?? null,
    shared: v.shared,
  };
}

export function EditViewDialog({
  org,
  view,
  onClose,
  onSaved,
}: {
  org: OrgRef;
  view: SavedView;
  onClose: () => void;
  onSaved: (v: SavedView) => void;
}) {
  const [name, setName] = useState(view.name);
  const [shared, setShared] = useState(view.shared);
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await action.run(explained(() => portal.updateView(org.id, view.id, { ...specOf(view), name: name.trim(), shared })));
    if (saved) onSaved(saved);
  };
  return (
    <Modal title="Edit view" onClose={onClose}>
      <form className="form" onSubmit={submit} aria-label="Edit view">
        <ViewFields name={name} onName={setName} shared={shared} onShared={setShared} />
        {!view.mine && (
          <p className="hint">You are changing a view someone else saved, as an admin of {org.name}.</p>
        )}
        <ErrorNote error={action.error} />
        <div className="modal-actions">
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={action.busy || !name.trim()}>
            Save changes
          </button>
        </div>
      </form>
    </Modal>
  );
}
