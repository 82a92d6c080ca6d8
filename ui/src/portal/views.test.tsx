import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import type { OrgRef, SavedView } from '../api/types';
import { CurrentView } from '../map/CurrentView';
import { parseMapQuery } from '../map/url';
import { mockFetch } from '../test/http';
import { ViewsPage } from './Views';
import { mayChangeView, viewProblem } from './viewEditing';

const org = (role: OrgRef['role']): OrgRef => ({ id: 'acme-42', name: 'Acme', role });
const view = (id: string, name: string, mine: boolean, extra: Partial<SavedView> = {}): SavedView => ({
  id,
  name,
  mine,
  topology: 'hosts',
  options: {},
  search: '',
  selectedNode: null,
  shared: true,
  updatedAt: '2026-01-01T00:00:00Z',
  ...extra,
});
const mine = view('v1', 'My hosts', true, { search: 'vm', selectedNode: 'vm;<host>' });
const theirs = view('v2', 'Their containers', false, { topology: 'containers' });

const calls = (fetch: ReturnType<typeof mockFetch>, method: string) =>
  fetch.mock.calls.filter(([, i]) => ((i as RequestInit | undefined)?.method ?? 'GET') === method);
const body = (call: unknown[]) => JSON.parse((call[1] as RequestInit).body as string) as Record<string, unknown>;

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('who may change a view', () => {
  it('is its owner if a member or more, or any admin or owner of the org', () => {
    expect(mayChangeView({ mine: true }, 'member')).toBe(true);
    expect(mayChangeView({ mine: false }, 'member')).toBe(false);
    expect(mayChangeView({ mine: false }, 'admin')).toBe(true);
    expect(mayChangeView({ mine: false }, 'owner')).toBe(true);
    // A member demoted to viewer keeps the view but may no longer change it (the server says 403).
    expect(mayChangeView({ mine: true }, 'viewer')).toBe(false);
  });

  it('shows Edit and Delete only on the views the user may change', async () => {
    mockFetch({ 'GET /api/orgs/acme-42/views': [mine, theirs] });
    render(<ViewsPage org={org('member')} />);
    const table = await screen.findByRole('table', { name: 'Views' });
    expect(within(table).getByRole('button', { name: 'Edit My hosts' })).toBeTruthy();
    expect(within(table).getByRole('button', { name: 'Delete My hosts' })).toBeTruthy();
    expect(within(table).queryByRole('button', { name: 'Edit Their containers' })).toBeNull();
    expect(within(table).queryByRole('button', { name: 'Delete Their containers' })).toBeNull();
  });

  it('lets an admin change anyone’s view, and a viewer none', async () => {
    mockFetch({ 'GET /api/orgs/acme-42/views': [mine, theirs] });
    const { unmount } = render(<ViewsPage org={org('admin')} />);
    expect(await screen.findByRole('button', { name: 'Edit Their containers' })).toBeTruthy();
    unmount();
    render(<ViewsPage org={org('viewer')} />);
    await screen.findByRole('table', { name: 'Views' });
    expect(screen.queryByRole('button', { name: /^(Edit|Delete) / })).toBeNull();
  });
});

describe('views page', () => {
  it('renames a view and stops sharing it, keeping what it shows', async () => {
    let list = [mine, theirs];
    const fetch = mockFetch({
      'GET /api/orgs/acme-42/views': () => list,
      'PUT /api/orgs/acme-42/views/v1': (_: string, init: RequestInit) => {
        const changed = { ...mine, ...(JSON.parse(init.body as string) as Partial<SavedView>) };
        list = [changed, theirs];
        return changed;
      },
    });
    render(<ViewsPage org={org('member')} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit My hosts' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit view' });
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: '  Web hosts ' } });
    fireEvent.click(within(dialog).getByLabelText('Share with the team'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));

    expect((await screen.findByTestId('views-done')).textContent).toBe('Saved “Web hosts”.');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(body(calls(fetch, 'PUT')[0])).toEqual({
      name: 'Web hosts',
      topology: 'hosts',
      options: {},
      search: 'vm',
      selectedNode: 'vm;<host>',
      shared: false,
    });
    const row = (await screen.findByRole('link', { name: 'Web hosts' })).closest('tr')!;
    expect(within(row).getByText('only you')).toBeTruthy();
  });

  it('says who may change a view when the server refuses (403)', async () => {
    mockFetch({
      'GET /api/orgs/acme-42/views': [mine],
      'PUT /api/orgs/acme-42/views/v1': { status: 403, body: { code: 403, message: "only the view's owner or an admin can change it" } },
    });
    render(<ViewsPage org={org('member')} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit My hosts' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit view' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/Only the view’s owner or an admin .* Save your own copy/);
  });

  it('deletes a view only after confirmation', async () => {
    let list = [mine, theirs];
    const fetch = mockFetch({
      'GET /api/orgs/acme-42/views': () => list,
      'DELETE /api/orgs/acme-42/views/v1': () => {
        list = [theirs];
        return undefined;
      },
    });
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    render(<ViewsPage org={org('member')} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete My hosts' }));
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('Delete the view “My hosts”?'));
    expect(calls(fetch, 'DELETE')).toHaveLength(0);

    confirm.mockReturnValue(true);
    fireEvent.click(screen.getByRole('button', { name: 'Delete My hosts' }));
    expect((await screen.findByTestId('views-done')).textContent).toBe('Deleted “My hosts”.');
    await waitFor(() => expect(screen.queryByRole('link', { name: 'My hosts' })).toBeNull());
    expect(calls(fetch, 'DELETE')).toHaveLength(1);
  });

  it('explains a view that is already gone (404) and refreshes the list', async () => {
    let list = [mine];
    mockFetch({
      'GET /api/orgs/acme-42/views': () => list,
      'DELETE /api/orgs/acme-42/views/v1': () => {
        list = [];
        return { status: 404, body: { code: 404, message: 'no view v1' } };
      },
    });
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    render(<ViewsPage org={org('member')} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete My hosts' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/no longer exists.*Reload/);
    expect(await screen.findByText('No saved views yet')).toBeTruthy();
  });

  it('says what to do on a conflicting change (409)', () => {
    expect(viewProblem(new ApiError(409, 'conflict'))).toMatch(/changed this view at the same time\. Reload/);
    expect(viewProblem(new ApiError(0, 'Cannot reach Scope Cloud. Check your connection.'))).toBe(
      'Cannot reach Scope Cloud. Check your connection.',
    );
  });
});

describe('the map opened from a view', () => {
  const state = (query: string) => parseMapQuery('containers', new URLSearchParams(query));

  it('marks the map as changed and updates the view to what the map shows', async () => {
    const fetch = mockFetch({
      'GET /api/orgs/acme-42/views/v1': mine,
      'PUT /api/orgs/acme-42/views/v1': (_: string, init: RequestInit) => ({ ...mine, ...(JSON.parse(init.body as string) as object) }),
    });
    const s = state('o.stopped=running&q=web&node=c1&view=v1');
    render(<CurrentView org={org('member')} viewId="v1" state={s} options={{ stopped: 'running' }} />);
    expect((await screen.findByTestId('current-view')).textContent).toBe('View: My hosts (changed)');
    fireEvent.click(screen.getByRole('button', { name: 'Update view' }));
    expect(await screen.findByText(/saved/)).toBeTruthy();
    expect(body(calls(fetch, 'PUT')[0])).toEqual({
      name: 'My hosts',
      topology: 'containers',
      options: { stopped: 'running' },
      search: 'web',
      selectedNode: 'c1',
      shared: true,
    });
    expect(screen.getByTestId('current-view').textContent).not.toContain('(changed)');
    expect((screen.getByRole('button', { name: 'Update view' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('offers no update to someone who may not change the view', async () => {
    mockFetch({ 'GET /api/orgs/acme-42/views/v2': theirs });
    render(<CurrentView org={org('member')} viewId="v2" state={state('view=v2')} options={{}} />);
    expect((await screen.findByTestId('current-view')).textContent).toBe('View: Their containers');
    expect(screen.queryByRole('button', { name: 'Update view' })).toBeNull();
  });

  it('explains a refused update', async () => {
    mockFetch({
      'GET /api/orgs/acme-42/views/v1': mine,
      'PUT /api/orgs/acme-42/views/v1': { status: 403, body: { code: 403, message: 'forbidden' } },
    });
    render(<CurrentView org={org('member')} viewId="v1" state={state('view=v1')} options={{}} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Update view' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Only the view’s owner or an admin/);
  });
});
