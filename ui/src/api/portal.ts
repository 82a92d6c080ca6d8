import { del, get, patch, post, put } from './http';
import type {
  AuditPage,
  Invitation,
  Invite,
  Member,
  OrgRef,
  Probe,
  ProbeToken,
  Role,
  SavedView,
  SessionInfo,
  ViewSpec,
} from './types';

const org = (id: string) => `/api/orgs/${encodeURIComponent(id)}`;

export const portal = {
  session: () => get<SessionInfo>('/api/session'),
  signUp: (email: string, password: string, orgName?: string) =>
    post<SessionInfo>('/api/signup', { email, password, orgName: orgName || undefined }),
  logIn: (email: string, password: string) => post<SessionInfo>('/api/login', { email, password }),
  logOut: () => post<void>('/api/logout'),

  createOrg: (name: string) => post<OrgRef>('/api/orgs', { name }),
  renameOrg: (id: string, name: string) => patch<OrgRef>(org(id), { name }),
  deleteOrg: (id: string) => del<void>(org(id)),

  members: (id: string) => get<Member[]>(`${org(id)}/members`),
  changeRole: (id: string, userId: string, role: Role) =>
    patch<void>(`${org(id)}/members/${userId}`, { role }),
  removeMember: (id: string, userId: string) => del<void>(`${org(id)}/members/${userId}`),

  invites: (id: string) => get<Invite[]>(`${org(id)}/invites`),
  invite: (id: string, role: Role, email?: string) =>
    post<Invite>(`${org(id)}/invites`, { role, email: email || undefined }),
  revokeInvite: (id: string, inviteId: string) => del<void>(`${org(id)}/invites/${inviteId}`),
  invitation: (secret: string) => get<Invitation>(`/api/invites/${encodeURIComponent(secret)}`),
  acceptInvitation: (secret: string) =>
    post<OrgRef>(`/api/invites/${encodeURIComponent(secret)}/accept`),

  tokens: (id: string) => get<ProbeToken[]>(`${org(id)}/tokens`),
  createToken: (id: string, name: string) => post<ProbeToken>(`${org(id)}/tokens`, { name }),
  rotateToken: (id: string, tokenId: string) =>
    post<ProbeToken>(`${org(id)}/tokens/${tokenId}/rotate`),
  revokeToken: (id: string, tokenId: string) => del<void>(`${org(id)}/tokens/${tokenId}`),

  probes: (id: string) => get<Probe[]>(`${org(id)}/probes`),
  forgetProbe: (id: string, probeId: string) => del<void>(`${org(id)}/probes/${encodeURIComponent(probeId)}`),

  views: (id: string) => get<SavedView[]>(`${org(id)}/views`),
  view: (id: string, viewId: string) => get<SavedView>(`${org(id)}/views/${viewId}`),
  saveView: (id: string, spec: ViewSpec) => post<SavedView>(`${org(id)}/views`, spec),
  updateView: (id: string, viewId: string, spec: ViewSpec) =>
    put<SavedView>(`${org(id)}/views/${viewId}`, spec),
  deleteView: (id: string, viewId: string) => del<void>(`${org(id)}/views/${viewId}`),

  /** The control audit log (service-control). */
  audit: (id: string, before?: number) =>
    get<AuditPage>(
      `/api/app/${encodeURIComponent(id)}/api/control/audit?limit=100` +
        (before !== undefined ? `&before=${before}` : ''),
    ),
};
