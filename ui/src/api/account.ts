// The account lifecycle's API (issue 21): forgotten passwords, email links, the account page,
// sessions, two-factor sign-in. Described in the portal's OpenAPI document.
import { del, get, post, put } from './http';
import type { SessionInfo } from './types';

export interface Account {
  id: string;
  email: string;
  emailVerified: boolean;
  verificationRequired: boolean;
  createdAt: string;
}

export interface SessionRow {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  address: string | null;
  browser: string | null;
  current: boolean;
}

export interface SecondFactorChallenge {
  secondFactor: 'totp';
  challenge: string;
}

export interface Enrolment {
  secret: string;
  otpauthUri: string;
  qrCode: string;
}

export function isChallenge(x: SessionInfo | SecondFactorChallenge): x is SecondFactorChallenge {
  return (x as SecondFactorChallenge).challenge !== undefined;
}

/** The secret of a mailed link: the part after '#', which never reaches a server's logs. */
export function linkSecret(hash: string): string {
  return decodeURIComponent(hash.replace(/^#/, '')).trim();
}

export const account = {
  logIn: (email: string, password: string) =>
    post<SessionInfo | SecondFactorChallenge>('/api/login', { email, password }),
  secondFactor: (challenge: string, code: string) =>
    post<SessionInfo>('/api/login/second-factor', { challenge, code }),
  forgot: (email: string) => post<{ message: string }>('/api/password/forgot', { email }),
  reset: (secret: string, password: string) => post<void>('/api/password/reset', { secret, password }),
  verifyEmail: (secret: string) => post<{ email: string }>('/api/email/verify', { secret }),
  get: () => get<Account>('/api/account'),
  resendVerification: () => post<{ message: string }>('/api/account/verification'),
  changePassword: (currentPassword: string, newPassword: string) =>
    post<void>('/api/session/password', { currentPassword, newPassword }),
  changeEmail: (newEmail: string, currentPassword: string) =>
    post<{ message: string }>('/api/account/email', { newEmail, currentPassword }),
  sessions: () => get<SessionRow[]>('/api/account/sessions'),
  endSession: (id: string) => del<void>(`/api/account/sessions/${encodeURIComponent(id)}`),
  endOtherSessions: () => del<void>('/api/account/sessions'),
  deleteAccount: (currentPassword: string) => post<void>('/api/account/delete', { currentPassword }),
  twoFactor: () => get<{ enabled: boolean; recoveryCodesLeft: number }>('/api/account/two-factor'),
  beginTwoFactor: () => post<Enrolment>('/api/account/two-factor'),
  confirmTwoFactor: (code: string) => post<{ recoveryCodes: string[] }>('/api/account/two-factor/confirm', { code }),
  disableTwoFactor: (currentPassword: string) => post<void>('/api/account/two-factor/disable', { currentPassword }),
  orgTwoFactor: (org: string) => get<{ required: boolean }>(`/api/orgs/${encodeURIComponent(org)}/two-factor`),
  setOrgTwoFactor: (org: string, required: boolean) =>
    put<{ required: boolean }>(`/api/orgs/${encodeURIComponent(org)}/two-factor`, { required }),
};
