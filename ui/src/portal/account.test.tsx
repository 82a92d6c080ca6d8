import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionProvider } from '../session';
import { mockFetch } from '../test/http';
import { AccountPage } from './Account';
import { OrgTwoFactorCard } from './OrgTwoFactor';
import { LoginPage } from './Auth';
import { ForgotPasswordPage, ResetPasswordPage } from './Password';
import { VerifyEmailPage } from './VerifyEmail';

const session = { user: { id: 'u1', email: 'ada@example.com', emailVerified: false }, csrfToken: 'csrf-1', orgs: [] };

function body(fetch: ReturnType<typeof vi.fn>, method: string, url: string): unknown {
  const call = fetch.mock.calls.find(([u, i]) => u === url && (i as RequestInit | undefined)?.method === method);
  return call ? JSON.parse(String((call[1] as RequestInit).body)) : undefined;
}

beforeEach(() => vi.spyOn(window, 'confirm').mockReturnValue(true));
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('forgot password page', () => {
  it('asks for a link and says what the server said', async () => {
    const fetch = mockFetch({ 'POST /api/password/forgot': { status: 202, body: { message: 'if an account uses this email, we mailed it a link' } } });
    render(<ForgotPasswordPage />);
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ada@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send me a link' }));
    expect((await screen.findByTestId('forgot-sent')).textContent).toContain('we mailed it a link');
    expect(body(fetch, 'POST', '/api/password/forgot')).toEqual({ email: 'ada@example.com' });
  });

  it('says plainly when there were too many requests', async () => {
    mockFetch({ 'POST /api/password/forgot': { status: 429, body: { code: 429, message: 'too many attempts; try again in 10 minutes' } } });
    render(<ForgotPasswordPage />);
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ada@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send me a link' }));
    expect(await screen.findByText(/try again in 10 minutes/)).toBeTruthy();
  });
});

describe('reset password page', () => {
  it('sets the password with the secret from the link', async () => {
    const fetch = mockFetch({ 'POST /api/password/reset': undefined });
    render(<ResetPasswordPage hash="#rst_abc" />);
    fireEvent.change(screen.getByLabelText(/^New password(?! again)/), { target: { value: 'violet anchor meadow' } });
    fireEvent.change(screen.getByLabelText('New password again'), { target: { value: 'violet anchor meadow' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set the new password' }));
    expect(await screen.findByTestId('reset-done')).toBeTruthy();
    expect(body(fetch, 'POST', '/api/password/reset')).toEqual({ secret: 'rst_abc', password: 'violet anchor meadow' });
  });

  it('refuses two different passwords without asking the server, and shows a used link plainly', async () => {
    const fetch = mockFetch({
      'POST /api/password/reset': { status: 404, body: { code: 404, message: 'this reset link is unknown, used or expired: ask for a new one from the sign-in page' } },
    });
    render(<ResetPasswordPage hash="#rst_old" />);
    fireEvent.change(screen.getByLabelText(/^New password(?! again)/), { target: { value: 'violet anchor meadow' } });
    fireEvent.change(screen.getByLabelText('New password again'), { target: { value: 'violet anchor meadoww' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set the new password' }));
    expect(await screen.findByText(/The two passwords differ/)).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('New password again'), { target: { value: 'violet anchor meadow' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set the new password' }));
    expect(await screen.findByText(/unknown, used or expired/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toBeTruthy();
  });

  it('says what to do without a link', () => {
    render(<ResetPasswordPage hash="" />);
    expect(screen.getByTestId('reset-no-link').textContent).toContain('Ask for a new link');
  });
});

describe('verify email page', () => {
  it('confirms the address from the link', async () => {
    const fetch = mockFetch({ 'GET /api/session': session, 'POST /api/email/verify': { email: 'ada@example.com', emailVerified: true } });
    render(<SessionProvider><VerifyEmailPage hash="#vfy_123" /></SessionProvider>);
    expect((await screen.findByTestId('email-verified')).textContent).toContain('ada@example.com is confirmed');
    expect(body(fetch, 'POST', '/api/email/verify')).toEqual({ secret: 'vfy_123' });
  });

  it('says plainly when the link is used or expired', async () => {
    mockFetch({ 'GET /api/session': { status: 401, body: {} }, 'POST /api/email/verify': { status: 404, body: { code: 404, message: 'this link is unknown, used or expired: send a new one from your account page' } } });
    render(<SessionProvider><VerifyEmailPage hash="#vfy_old" /></SessionProvider>);
    expect(await screen.findByText(/unknown, used or expired/)).toBeTruthy();
  });
});

describe('log in with two-factor', () => {
  it('asks for the code after the password, then signs in', async () => {
    const fetch = mockFetch({
      'GET /api/session': { status: 401, body: {} },
      'POST /api/login/second-factor': session,
      'POST /api/login': { secondFactor: 'totp', challenge: 'sgn_1' },
    });
    render(<SessionProvider><LoginPage embedded /></SessionProvider>);
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ada@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    fireEvent.change(await screen.findByLabelText('Code'), { target: { value: ' 123456 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(body(fetch, 'POST', '/api/login/second-factor')).toEqual({ challenge: 'sgn_1', code: '123456' }));
  });

  it('says plainly that a code is wrong', async () => {
    mockFetch({
      'GET /api/session': { status: 401, body: {} },
      'POST /api/login/second-factor': { status: 401, body: { code: 401, message: 'that code is not right, or was used already' } },
      'POST /api/login': { secondFactor: 'totp', challenge: 'sgn_1' },
    });
    render(<SessionProvider><LoginPage embedded /></SessionProvider>);
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ada@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    fireEvent.change(await screen.findByLabelText('Code'), { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText(/not right, or was used already/)).toBeTruthy();
  });
});

describe('account page', () => {
  const routes = {
    'GET /api/session': session,
    'GET /api/account/two-factor': { enabled: false, recoveryCodesLeft: 0 },
    'GET /api/account/sessions': [
      { id: 's1', createdAt: '2026-01-01T00:00:00Z', lastSeenAt: '2026-01-02T00:00:00Z', address: '127.0.0.1', browser: 'Laptop/1.0', current: true },
      { id: 's2', createdAt: '2026-01-01T00:00:00Z', lastSeenAt: '2026-01-02T00:00:00Z', address: '10.0.0.9', browser: 'Phone/2.0', current: false },
    ],
    'GET /api/account': { id: 'u1', email: 'ada@example.com', emailVerified: false, verificationRequired: true, createdAt: '2026-01-01T00:00:00Z' },
  };

  it('shows the unconfirmed address, changes it and resends the link', async () => {
    const fetch = mockFetch({
      ...routes,
      'POST /api/account/verification': { status: 202, body: { message: 'we mailed a new link to ada@example.com' } },
      'POST /api/account/email': { status: 202, body: { message: 'we mailed a link to new@example.com: your address changes when you open it' } },
    });
    render(<SessionProvider><AccountPage /></SessionProvider>);
    expect((await screen.findByTestId('email-unverified')).textContent).toContain('cannot join other organisations');
    fireEvent.click(screen.getByRole('button', { name: 'Send a new link' }));
    expect((await screen.findByTestId('email-note')).textContent).toContain('new link');
    const form = screen.getByRole('form', { name: 'Change email' });
    fireEvent.change(within(form).getByLabelText('New email'), { target: { value: 'new@example.com' } });
    fireEvent.change(within(form).getByLabelText('Current password'), { target: { value: 'correct horse battery' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Change email' }));
    await waitFor(() => expect(screen.getByTestId('email-note').textContent).toContain('your address changes when you open it'));
    expect(body(fetch, 'POST', '/api/account/email')).toEqual({ newEmail: 'new@example.com', currentPassword: 'correct horse battery' });
  });

  it('says plainly that the current password is wrong', async () => {
    mockFetch({ ...routes, 'POST /api/session/password': { status: 403, body: { code: 403, message: 'the current password is not right' } } });
    render(<SessionProvider><AccountPage /></SessionProvider>);
    const form = await screen.findByRole('form', { name: 'Change password' });
    fireEvent.change(within(form).getByLabelText('Current password'), { target: { value: 'wrong one here' } });
    fireEvent.change(within(form).getByLabelText('New password'), { target: { value: 'violet anchor meadow' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(await within(form).findByText('the current password is not right')).toBeTruthy();
  });

  it('lists sessions and signs one out, or all others', async () => {
    const fetch = mockFetch({ ...routes, 'DELETE /api/account/sessions': undefined });
    render(<SessionProvider><AccountPage /></SessionProvider>);
    const table = await screen.findByRole('table', { name: 'Sessions' });
    expect(within(table).getByText('Phone/2.0')).toBeTruthy();
    expect(within(table).getByText('this browser')).toBeTruthy();
    fireEvent.click(within(table).getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(fetch.mock.calls.some(([u, i]) => u === '/api/account/sessions/s2' && (i as RequestInit).method === 'DELETE')).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'Sign out everywhere else' }));
    await waitFor(() => expect(fetch.mock.calls.some(([u, i]) => u === '/api/account/sessions' && (i as RequestInit).method === 'DELETE')).toBe(true));
  });

  it('enrols two-factor with a QR code and shows the recovery codes once', async () => {
    const fetch = mockFetch({
      ...routes,
      'POST /api/account/two-factor/confirm': { recoveryCodes: ['aaaa-bbbb-cccc-dddd', 'eeee-ffff-gggg-hhhh'] },
      'POST /api/account/two-factor': { secret: 'JBSWY3DPEHPK3PXP', otpauthUri: 'otpauth://totp/x', qrCode: 'data:image/png;base64,AAAA' },
    });
    render(<SessionProvider><AccountPage /></SessionProvider>);
    fireEvent.click(await screen.findByRole('button', { name: 'Set up two-factor sign-in' }));
    expect((await screen.findByAltText('QR code for your authenticator app')).getAttribute('src')).toBe('data:image/png;base64,AAAA');
    expect(screen.getByTestId('totp-secret').textContent).toBe('JBSWY3DPEHPK3PXP');
    fireEvent.change(screen.getByLabelText('Code from the app'), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Turn on' }));
    expect((await screen.findByTestId('recovery-codes')).textContent).toContain('eeee-ffff-gggg-hhhh');
    expect(body(fetch, 'POST', '/api/account/two-factor/confirm')).toEqual({ code: '123456' });
  });

  it('says why an only owner cannot delete their account', async () => {
    mockFetch({
      ...routes,
      'POST /api/account/delete': { status: 409, body: { code: 409, message: 'you are the only owner of Acme (acme-42): make another member owner there (Team page), or delete the org, then delete your account' } },
    });
    render(<SessionProvider><AccountPage /></SessionProvider>);
    const form = await screen.findByRole('form', { name: 'Delete account' });
    fireEvent.change(within(form).getByLabelText('Current password'), { target: { value: 'correct horse battery' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Delete my account' }));
    expect(await within(form).findByText(/only owner of Acme/)).toBeTruthy();
  });
});

describe('org two-factor card', () => {
  it('lets an owner require two-factor sign-in and says plainly why it was refused', async () => {
    const fetch = mockFetch({
      'GET /api/orgs/acme-42/two-factor': { required: false },
      'PUT /api/orgs/acme-42/two-factor': { status: 409, body: { code: 409, message: 'turn on two-factor sign-in for yourself first (account page), then require it of the org' } },
    });
    render(<OrgTwoFactorCard org={{ id: 'acme-42', name: 'Acme', role: 'owner' }} />);
    expect((await screen.findByTestId('org-two-factor')).textContent).toContain('Not required');
    fireEvent.click(screen.getByRole('button', { name: 'Require two-factor sign-in of every member' }));
    expect(await screen.findByText(/turn on two-factor sign-in for yourself first/)).toBeTruthy();
    expect(body(fetch, 'PUT', '/api/orgs/acme-42/two-factor')).toEqual({ required: true });
  });

  it('shows members the requirement without the switch', async () => {
    mockFetch({ 'GET /api/orgs/acme-42/two-factor': { required: true } });
    render(<OrgTwoFactorCard org={{ id: 'acme-42', name: 'Acme', role: 'member' }} />);
    expect((await screen.findByTestId('org-two-factor')).textContent).toContain('Required');
    expect(screen.queryByRole('button')).toBeNull();
  });
});
