// Loading, empty and error states of the portal pages: each error says what to do next.
import { fireEvent, render, screen, within } from '@testing-library/react';
import { lazy } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorMessage } from '../api/http';
import type { OrgRef } from '../api/types';
import { LazyBoundary } from '../lazy';
import { SessionProvider } from '../session';
import { mockFetch } from '../test/http';
import { AuditPage } from './Audit';
import { ProbesPage } from './Probes';
import { TeamPage } from './Team';
import { TokensPage } from './Tokens';

const org = (role: OrgRef['role']): OrgRef => ({ id: 'acme-42', name: 'Acme', role });
const down = { status: 503, body: '' };
const session = { user: { id: 'u1', email: 'ada@example.com' }, csrfToken: 'c', orgs: [org('viewer')] };

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('error messages without words from the server', () => {
  it('say what to do', () => {
    expect(errorMessage(401, '')).toBe('Your session has ended. Sign in again.');
    expect(errorMessage(403, '')).toMatch(/Ask one of its admins/);
    expect(errorMessage(503, '<html>bad gateway</html>')).toBe('Scope Cloud could not do that just now (HTTP 503). Try again in a moment.');
    expect(errorMessage(409, '{"code":409,"message":"the name is taken"}')).toBe('the name is taken');
  });
});

describe('tokens page', () => {
  it('says there are no tokens and what one is for', async () => {
    mockFetch({ 'GET /api/orgs/acme-42/tokens': [] });
    render(<TokensPage org={org('admin')} />);
    expect(await screen.findByText('No probe tokens yet')).toBeTruthy();
    expect(screen.getByText(/a probe needs a token/)).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Tokens' })).toBeNull();
  });

  it('offers to try again when the list cannot be loaded', async () => {
    let answer: unknown = down;
    mockFetch({ 'GET /api/orgs/acme-42/tokens': () => answer });
    render(<TokensPage org={org('admin')} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/HTTP 503\)\. Try again in a moment\./);
    answer = [{ id: 't1', name: 'default', prefix: 'scp_abc', createdAt: '2026-01-01T00:00:00Z' }];
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('table', { name: 'Tokens' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the server’s reason when creating a token fails', async () => {
    mockFetch({
      'GET /api/orgs/acme-42/tokens': [],
      'POST /api/orgs/acme-42/tokens': { status: 403, body: { code: 403, message: 'only admins manage probe tokens' } },
    });
    render(<TokensPage org={org('admin')} />);
    await screen.findByText('No probe tokens yet');
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect((await screen.findByRole('alert')).textContent).toBe('only admins manage probe tokens');
  });
});

describe('team page', () => {
  it('shows a viewer the team without controls to change it', async () => {
    mockFetch({
      '/api/session': session,
      'GET /api/orgs/acme-42/members': [{ userId: 'u2', email: 'bob@example.com', role: 'owner', joinedAt: '2026-01-01T00:00:00Z' }],
    });
    render(
      <SessionProvider>
        <TeamPage org={org('viewer')} />
      </SessionProvider>,
    );
    expect(await screen.findByText('bob@example.com')).toBeTruthy();
    expect(screen.queryByLabelText('Role of bob@example.com')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Invite' })).toBeNull();
  });

  it('offers to try again when the members cannot be loaded', async () => {
    let answer: unknown = down;
    mockFetch({ '/api/session': session, 'GET /api/orgs/acme-42/members': () => answer });
    render(
      <SessionProvider>
        <TeamPage org={org('viewer')} />
      </SessionProvider>,
    );
    const alert = await screen.findByRole('alert');
    answer = [{ userId: 'u2', email: 'bob@example.com', role: 'owner', joinedAt: '2026-01-01T00:00:00Z' }];
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('bob@example.com')).toBeTruthy();
  });
});

describe('probes page', () => {
  it('says there are no probes yet and links to the set-up', async () => {
    mockFetch({ '/api/orgs/acme-42/probes': [] });
    render(<ProbesPage org={org('member')} />);
    expect(await screen.findByText('No probes yet')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Set up your first probe' }).getAttribute('href')).toBe('/app/acme-42/setup');
  });

  it('tells connected probes from gone ones, and what to check for those', async () => {
    const now = new Date().toISOString();
    mockFetch({
      '/api/orgs/acme-42/probes': [
        { id: 'p1', hostname: 'web-1', version: '1.13.2', firstSeen: now, lastSeen: now, connected: true },
        { id: 'p2', hostname: 'db-1', version: '1.13.2', firstSeen: '2026-01-01T00:00:00Z', lastSeen: '2026-01-01T00:00:00Z', connected: false },
      ],
    });
    render(<ProbesPage org={org('member')} />);
    const table = await screen.findByRole('table', { name: 'Probes' });
    expect(within(within(table).getByText('web-1').closest('tr')!).getByText('connected')).toBeTruthy();
    expect(within(within(table).getByText('db-1').closest('tr')!).getByText('gone')).toBeTruthy();
    expect(screen.getByTestId('gone-hint').textContent).toMatch(/still runs on its host/);
  });

  it('says which reporting probes cannot be reached for controls, and why that may be', async () => {
    const now = new Date().toISOString();
    mockFetch({
      '/api/orgs/acme-42/probes': [
        { id: 'p1', hostname: 'web-1', firstSeen: now, lastSeen: now, connected: true, controlConnected: true },
        { id: 'p2', hostname: 'web-2', firstSeen: now, lastSeen: now, connected: true, controlConnected: false },
      ],
    });
    render(<ProbesPage org={org('member')} />);
    const table = await screen.findByRole('table', { name: 'Probes' });
    expect(within(within(table).getByText('web-1').closest('tr')!).getByText('ready')).toBeTruthy();
    expect(within(within(table).getByText('web-2').closest('tr')!).getByText('not connected')).toBeTruthy();
    expect(screen.getByTestId('controls-hint').textContent).toMatch(/--probe.no-controls/);
  });

  it('says it keeps trying when the probes cannot be loaded', async () => {
    mockFetch({ '/api/orgs/acme-42/probes': down });
    render(<ProbesPage org={org('member')} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/Trying again every few seconds\.$/);
  });
});

describe('audit page', () => {
  it('offers to try again after a failure', async () => {
    let answer: unknown = down;
    mockFetch({ '/api/app/acme-42/api/control/audit': () => answer });
    render(<AuditPage org={org('admin')} />);
    const alert = await screen.findByRole('alert');
    answer = { entries: [], next: null };
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No controls have been run yet')).toBeTruthy();
  });
});

describe('lazily loaded parts', () => {
  it('offer a reload when their code cannot be fetched (say, after a deploy)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const Broken = lazy(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    render(
      <LazyBoundary what="the map">
        <Broken />
      </LazyBoundary>,
    );
    const note = await screen.findByTestId('lazy-failed');
    expect(note.textContent).toMatch(/^Could not load the map: .* Scope Cloud was updated/);
    expect(within(note).getByRole('button', { name: 'Reload the page' })).toBeTruthy();
  });
});
