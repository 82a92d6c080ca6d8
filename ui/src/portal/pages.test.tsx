import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { navigate } from '../router';
import { SessionProvider } from '../session';
import { mockFetch } from '../test/http';
import { AuditPage } from './Audit';
import { OnboardingPage } from './Onboarding';
import { ProbesPage } from './Probes';
import { TeamPage } from './Team';
import { TokensPage } from './Tokens';

const owner = { id: 'acme-42', name: 'Acme', role: 'owner' as const };
const session = {
  user: { id: 'u1', email: 'ada@example.com' },
  csrfToken: 'csrf-1',
  orgs: [owner, { id: 'beta-7', name: 'Beta', role: 'viewer' }],
};

beforeEach(() => vi.spyOn(window, 'confirm').mockReturnValue(true));
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('tokens page', () => {
  it('shows a new token once, with its launch command, and revokes tokens', async () => {
    const fetch = mockFetch({
      'GET /api/orgs/acme-42/tokens': [{ id: 't1', name: 'default', prefix: 'scp_abc', createdAt: '2026-01-01T00:00:00Z', lastUsedAt: null }],
      'POST /api/orgs/acme-42/tokens': { id: 't2', name: 'ci', prefix: 'scp_def', createdAt: '2026-01-02T00:00:00Z', token: 'scp_defsecret' },
      'DELETE /api/orgs/acme-42/tokens/t1': undefined,
    });
    render(<TokensPage org={owner} />);
    await screen.findByText('default');
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'ci' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect((await screen.findByTestId('fresh-token-value')).textContent).toBe('scp_defsecret');
    expect(screen.getByText(/scope launch --service-token=scp_defsecret/)).toBeTruthy();
    expect(screen.getByText(`curl -fsSL ${window.location.origin}/install.sh | sudo sh -s -- --service-token=scp_defsecret`)).toBeTruthy();
    fireEvent.click(within(screen.getByRole('table', { name: 'Tokens' })).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(fetch.mock.calls.some(([u, i]) => u === '/api/orgs/acme-42/tokens/t1' && (i as RequestInit).method === 'DELETE')).toBe(true));
  });
});

describe('team page', () => {
  it('lists members, changes a role and creates an invitation link', async () => {
    const fetch = mockFetch({
      'GET /api/orgs/acme-42/members': [
        { userId: 'u1', email: 'ada@example.com', role: 'owner', joinedAt: '2026-01-01T00:00:00Z' },
        { userId: 'u2', email: 'bob@example.com', role: 'member', joinedAt: '2026-01-02T00:00:00Z' },
      ],
      'GET /api/orgs/acme-42/invites': [],
      'PATCH /api/orgs/acme-42/members/u2': undefined,
      'POST /api/orgs/acme-42/invites': { id: 'i1', role: 'viewer', expiresAt: '2026-01-09T00:00:00Z', link: 'http://localhost:4040/invite/s3cret', mailed: false },
      '/api/session': session,
    });
    render(
      <SessionProvider>
        <TeamPage org={owner} />
      </SessionProvider>,
    );
    fireEvent.change(await screen.findByLabelText('Role of bob@example.com'), { target: { value: 'admin' } });
    await waitFor(() => expect(fetch.mock.calls.some(([u]) => u === '/api/orgs/acme-42/members/u2')).toBe(true));
    const patch = fetch.mock.calls.find(([u]) => u === '/api/orgs/acme-42/members/u2')!;
    expect(JSON.parse((patch[1] as RequestInit).body as string)).toEqual({ role: 'admin' });
    const form = screen.getByRole('form', { name: 'Invite' });
    fireEvent.change(within(form).getByLabelText('Role'), { target: { value: 'viewer' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create invitation' }));
    expect((await screen.findByTestId('invite-link')).textContent).toBe('http://localhost:4040/invite/s3cret');
  });
});

describe('organisation settings (issue 16, defect 7)', () => {
  it('renames the organisation, and its owner deletes it after confirming', async () => {
    const fetch = mockFetch({
      'GET /api/orgs/acme-42/members': [{ userId: 'u1', email: 'ada@example.com', role: 'owner', joinedAt: '2026-01-01T00:00:00Z' }],
      'GET /api/orgs/acme-42/invites': [],
      'PATCH /api/orgs/acme-42': { id: 'acme-42', name: 'Acme Labs', role: 'owner' },
      'DELETE /api/orgs/acme-42': undefined,
      '/api/session': session,
    });
    window.history.replaceState(null, '', '/app/acme-42/team');
    render(
      <SessionProvider>
        <TeamPage org={owner} />
      </SessionProvider>,
    );
    const form = await screen.findByRole('form', { name: 'Rename the organisation' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Acme Labs' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Rename' }));
    await waitFor(() => expect(fetch.mock.calls.some(([u, i]) => u === '/api/orgs/acme-42' && (i as RequestInit).method === 'PATCH')).toBe(true));
    const patch = fetch.mock.calls.find(([u, i]) => u === '/api/orgs/acme-42' && (i as RequestInit).method === 'PATCH')!;
    expect(JSON.parse((patch[1] as RequestInit).body as string)).toEqual({ name: 'Acme Labs' });
    // Buttons wait while the rename (and the session's refresh) is under way.
    const del = screen.getByRole('button', { name: 'Delete Acme' }) as HTMLButtonElement;
    await waitFor(() => expect(del.disabled).toBe(false), { timeout: 5000 });
    fireEvent.click(del);
    expect(window.confirm).toHaveBeenCalled();
    await waitFor(() => expect(fetch.mock.calls.some(([u, i]) => u === '/api/orgs/acme-42' && (i as RequestInit).method === 'DELETE')).toBe(true), { timeout: 5000 });
    await waitFor(() => expect(window.location.pathname).toBe('/'), { timeout: 5000 });
  });

  it('offers an admin the rename but not the deletion', async () => {
    mockFetch({ 'GET /api/orgs/acme-42/members': [], 'GET /api/orgs/acme-42/invites': [], '/api/session': session });
    render(
      <SessionProvider>
        <TeamPage org={{ ...owner, role: 'admin' }} />
      </SessionProvider>,
    );
    expect(await screen.findByRole('form', { name: 'Rename the organisation' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Delete / })).toBeNull();
  });
});

describe('audit page', () => {
  it('lists entries and pages back', async () => {
    const entry = (id: number, control: string) => ({
      id, at: '2026-01-01T00:00:00Z', actor: 'user:u1', probeId: 'p', nodeId: 'vm;<host>', control, outcome: 'ok', durationMs: 12,
    });
    mockFetch({
      '/api/app/acme-42/api/control/audit?limit=100&before=2': { entries: [entry(1, 'host_exec')], next: null },
      '/api/app/acme-42/api/control/audit?limit=100': { entries: [entry(3, 'iowait~switchToIOWait'), entry(2, 'docker_stop_container')], next: 2 },
    });
    render(<AuditPage org={owner} />);
    expect(await screen.findByText('iowait~switchToIOWait')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Older entries' }));
    expect(await screen.findByText('host_exec')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Older entries' })).toBeNull();
  });

  it('says when the service keeps no audit log', async () => {
    mockFetch({ '/api/app/acme-42/api/control/audit': { status: 404, body: { code: 404, message: 'HTTP 404 Not Found' } } });
    render(<AuditPage org={owner} />);
    expect(await screen.findByText('The audit log is not available on this service')).toBeTruthy();
  });
});

describe('organisation switcher', () => {
  it('lists my orgs and switches to another', async () => {
    mockFetch({
      '/api/session': session,
      '/api/orgs/acme-42/probes': [],
      'GET /api/orgs/acme-42/tokens': [],
      'POST /api/orgs/acme-42/tokens': { id: 't', name: 'default', prefix: 'p', createdAt: '2026-01-01T00:00:00Z', token: 'x' },
      '/api/orgs/beta-7/probes': [],
      '/api/orgs/beta-7/members': [],
    });
    act(() => navigate('/app/acme-42/setup'));
    render(
      <SessionProvider>
        <App />
      </SessionProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: /Acme/ }));
    fireEvent.click(screen.getByRole('menuitem', { name: /Beta/ }));
    await waitFor(() => expect(window.location.pathname).toBe('/app/beta-7/map'));
    act(() => navigate('/app/beta-7/team'));
    // Viewers see no tokens or audit log in the navigation.
    const nav = await screen.findByRole('navigation', { name: 'Organisation' });
    expect(within(nav).queryByRole('link', { name: 'Tokens' })).toBeNull();
    expect(within(nav).queryByRole('link', { name: 'Audit log' })).toBeNull();
    expect(within(nav).getByRole('link', { name: 'Team' })).toBeTruthy();
  });
});

describe('lifecycle (issue 16, defect 7)', () => {
  it('ticks the first onboarding step once a command is copied, not when the token is made', async () => {
    sessionStorage.clear();
    mockFetch({
      'GET /api/orgs/acme-42/tokens': [],
      'POST /api/orgs/acme-42/tokens': { id: 't2', name: 'default', prefix: 'scp_def', createdAt: '2026-01-02T00:00:00Z', token: 'scp_defsecret' },
      'GET /api/orgs/acme-42/probes': [],
    });
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: vi.fn(async () => undefined) } });
    render(<OnboardingPage org={owner} />);
    await screen.findByTestId('install-command');
    expect(screen.getByTestId('step-copy').className).not.toContain('done');
    fireEvent.click(screen.getByRole('button', { name: 'Copy install command' }));
    await waitFor(() => expect(screen.getByTestId('step-copy').className).toContain('done'));
  });

  it('lets an admin remove a gone probe, not one that reports', async () => {
    const gone = { id: 'p1', hostname: 'web-1', version: '0.1.0', firstSeen: '2026-01-01T00:00:00Z', lastSeen: '2026-01-01T01:00:00Z', connected: false, controlConnected: false };
    const live = { ...gone, id: 'p2', hostname: 'web-2', lastSeen: new Date().toISOString(), connected: true, controlConnected: true };
    const fetch = mockFetch({ 'GET /api/orgs/acme-42/probes': [gone, live], 'DELETE /api/orgs/acme-42/probes/p1': undefined });
    render(<ProbesPage org={owner} />);

    fireEvent.click(await screen.findByRole('button', { name: 'Remove web-1' }));

    await waitFor(() => expect(screen.queryByText('web-1')).toBeNull());
    expect(screen.getByText('web-2')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Remove web-2' })).toBeNull();
    expect(fetch.mock.calls.some(([u, i]) => String(u).endsWith('/probes/p1') && (i as RequestInit).method === 'DELETE')).toBe(true);
  });

  it('offers viewers no way to remove probes', async () => {
    mockFetch({ 'GET /api/orgs/acme-42/probes': [{ id: 'p1', hostname: 'web-1', version: '0.1.0', firstSeen: '2026-01-01T00:00:00Z', lastSeen: '2026-01-01T01:00:00Z', connected: false, controlConnected: false }] });
    render(<ProbesPage org={{ ...owner, role: 'viewer' }} />);
    await screen.findByText('web-1');
    expect(screen.queryByRole('button', { name: /Remove/ })).toBeNull();
  });

  it("tells Java-probe users how to check a gone probe, not only docker ps", async () => {
    mockFetch({ 'GET /api/orgs/acme-42/probes': [{ id: 'p1', hostname: 'web-1', version: '0.1.0', firstSeen: '2026-01-01T00:00:00Z', lastSeen: '2026-01-01T01:00:00Z', connected: false, controlConnected: false }] });
    render(<ProbesPage org={owner} />);
    const hint = await screen.findByTestId('gone-hint');
    expect(hint.textContent).toContain('systemctl status scope-cloud-probe');
    expect(hint.textContent).toContain('docker ps');
  });
});
