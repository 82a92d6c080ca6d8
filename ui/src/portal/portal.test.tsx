import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { navigate } from '../router';
import { SessionProvider } from '../session';
import { mockFetch } from '../test/http';
import { installCommand, kubernetesCommands, launchCommand, OnboardingPage } from './Onboarding';

const session = { user: { id: 'u1', email: 'ada@example.com' }, csrfToken: 'csrf-1', orgs: [{ id: 'acme-42', name: 'Acme', role: 'owner' }] };

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});
afterEach(() => vi.unstubAllGlobals());

describe('onboarding', () => {
  it('creates the first token and shows the exact launch command, then waits for a probe', async () => {
    let probes: unknown[] = [];
    const fetch = mockFetch({
      'GET /api/orgs/acme-42/tokens': [],
      'POST /api/orgs/acme-42/tokens': { id: 't1', name: 'default', prefix: 'scp_abc', createdAt: '2026-01-01T00:00:00Z', token: 'scp_abcdef123' },
      '/api/orgs/acme-42/probes': () => probes,
    });
    render(<OnboardingPage org={{ id: 'acme-42', name: 'Acme', role: 'owner' }} />);
    const command = await screen.findByTestId('launch-command');
    expect(command.textContent).toBe(`scope launch --service-token=scp_abcdef123 --service-url=${window.location.origin}`);
    expect(screen.getByTestId('install-command').textContent).toBe(
      `curl -fsSL ${window.location.origin}/install.sh | sudo sh -s -- --service-token=scp_abcdef123`,
    );
    expect(fetch.mock.calls.filter(([, i]) => (i as RequestInit | undefined)?.method === 'POST')).toHaveLength(1);
    expect(screen.getByTestId('waiting-for-probe')).toBeTruthy();
    probes = [{ id: 'p1', hostname: 'vm', version: '1.13', firstSeen: new Date().toISOString(), lastSeen: new Date().toISOString(), connected: true }];
    expect(await screen.findByTestId('probe-connected', {}, { timeout: 4000 })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open the map' }).getAttribute('href')).toBe('/app/acme-42/map');
  });

  it('offers a cluster its two commands: the token into a Secret, then the manifests from this service', async () => {
    mockFetch({
      'GET /api/orgs/acme-42/tokens': [],
      'POST /api/orgs/acme-42/tokens': { id: 't1', name: 'default', prefix: 'scp_abc', createdAt: '2026-01-01T00:00:00Z', token: 'scp_abcdef123' },
      '/api/orgs/acme-42/probes': [],
    });
    render(<OnboardingPage org={{ id: 'acme-42', name: 'Acme', role: 'owner' }} />);
    fireEvent.click(await screen.findByRole('tab', { name: 'Kubernetes' }));

    expect(screen.getByTestId('kubernetes-secret-command').textContent).toBe(
      'kubectl create namespace scope-cloud && kubectl -n scope-cloud create secret generic scope-cloud-probe-token --from-literal=token=scp_abcdef123',
    );
    const apply = screen.getByTestId('kubernetes-apply-command').textContent ?? '';
    expect(apply).toBe(`kubectl apply -f ${window.location.origin}/install/kubernetes.yaml`);
    expect(apply).not.toContain('scp_');
    expect(screen.queryByTestId('install-command')).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: 'Linux host' }));
    expect(screen.getByTestId('install-command')).toBeTruthy();
  });

  it('tells non-admins to ask an admin', async () => {
    mockFetch({ '/api/orgs/acme-42/probes': [] });
    render(<OnboardingPage org={{ id: 'acme-42', name: 'Acme', role: 'viewer' }} />);
    expect(await screen.findByText(/managed by your organisation's admins/)).toBeTruthy();
  });

  it('builds the commands from the token and this service', () => {
    expect(kubernetesCommands('tok', 'https://scope.example.com')[1]).toBe(
      'kubectl apply -f https://scope.example.com/install/kubernetes.yaml',
    );
    expect(launchCommand('tok', 'https://scope.example.com')).toBe('scope launch --service-token=tok --service-url=https://scope.example.com');
    expect(installCommand('tok', 'https://scope.example.com')).toBe(
      'curl -fsSL https://scope.example.com/install.sh | sudo sh -s -- --service-token=tok',
    );
  });
});

describe('app', () => {
  it('sends signed-out people to log in, and back where they were going', async () => {
    mockFetch({ '/api/session': { status: 401, body: { code: 401, message: 'sign in first' } } });
    act(() => navigate('/app/acme-42/team'));
    render(
      <SessionProvider>
        <App />
      </SessionProvider>,
    );
    expect(await screen.findByRole('form', { name: 'Log in' })).toBeTruthy();
    expect(window.location.pathname).toBe('/login');
    expect(new URLSearchParams(window.location.search).get('next')).toBe('/app/acme-42/team');
  });

  it('signs up with an org and goes to its set-up page, sending the CSRF token afterwards', async () => {
    const fetch = mockFetch({
      'GET /api/session': { status: 401, body: { code: 401, message: 'sign in first' } },
      'POST /api/signup': session,
      'POST /api/logout': undefined,
      'GET /api/orgs/acme-42/tokens': [{ id: 't1', name: 'default', prefix: 'scp_x', createdAt: '2026-01-01T00:00:00Z' }],
      '/api/orgs/acme-42/probes': [],
    });
    act(() => navigate('/signup'));
    render(
      <SessionProvider>
        <App />
      </SessionProvider>,
    );
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'ada@example.com' } });
    fireEvent.change(screen.getByLabelText(/Password/), { target: { value: 'correct horse battery' } });
    fireEvent.change(screen.getByLabelText(/Organisation name/), { target: { value: 'Acme' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign up' }));
    await waitFor(() => expect(window.location.pathname).toBe('/app/acme-42/setup'));
    const signup = fetch.mock.calls.find(([u]) => u === '/api/signup')!;
    expect(JSON.parse((signup[1] as RequestInit).body as string)).toEqual({ email: 'ada@example.com', password: 'correct horse battery', orgName: 'Acme' });
    expect(await screen.findByText(/Tokens are shown only once/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    await waitFor(() => expect(fetch.mock.calls.some(([u]) => u === '/api/logout')).toBe(true));
    const logout = fetch.mock.calls.find(([u]) => u === '/api/logout')!;
    expect(((logout[1] as RequestInit).headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-1');
  });

  it('says so when an org is not yours', async () => {
    mockFetch({ '/api/session': session });
    act(() => navigate('/app/someone-elses/map'));
    render(
      <SessionProvider>
        <App />
      </SessionProvider>,
    );
    expect(await screen.findByTestId('org-not-found')).toBeTruthy();
  });
});
