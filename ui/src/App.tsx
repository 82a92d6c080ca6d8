import { lazy, useEffect } from 'react';
import { LazyBoundary } from './lazy';
import { AuditPage } from './portal/Audit';
import { AccountPage } from './portal/Account';
import { LoginPage, SignupPage } from './portal/Auth';
import { ForgotPasswordPage, ResetPasswordPage } from './portal/Password';
import { VerifyEmailPage } from './portal/VerifyEmail';
import { InvitePage } from './portal/Invite';
import { NewOrgPage } from './portal/NewOrg';
import { OnboardingPage } from './portal/Onboarding';
import { ProbesPage } from './portal/Probes';
import { Shell } from './portal/Shell';
import { TeamPage } from './portal/Team';
import { TokensPage } from './portal/Tokens';
import { OpenViewPage, ViewsPage } from './portal/Views';
import { match, Redirect, useLocation } from './router';
import { lastOrg, rememberOrg, useSession } from './session';
import { EmptyState, Spinner } from './ui';
import { atLeast } from './api/types';

const MapPage = lazy(() => import('./map/MapPage').then((m) => ({ default: m.MapPage })));

function OrgRoutes({ orgId, rest }: { orgId: string; rest: string }) {
  const { org } = useSession();
  const o = org(orgId);
  useEffect(() => {
    if (o) rememberOrg(o.id);
  }, [o]);
  if (!o) {
    return (
      <Shell>
        <div className="page">
          <EmptyState title="Organisation not found">
            <p data-testid="org-not-found">
              There is no organisation “{orgId}”, or you are not a member of it.
            </p>
          </EmptyState>
        </div>
      </Shell>
    );
  }
  const parts = rest.split('/').filter(Boolean);
  const page = parts[0] ?? 'map';
  switch (page) {
    case 'map':
      return (
        <Shell org={o} wide>
          <LazyBoundary what="the map">
            <MapPage org={o} topology={parts[1] ? decodeURIComponent(parts[1]) : undefined} />
          </LazyBoundary>
        </Shell>
      );
    case 'setup':
      return <Shell org={o}><OnboardingPage org={o} /></Shell>;
    case 'team':
      return <Shell org={o}><TeamPage org={o} /></Shell>;
    case 'tokens':
      return <Shell org={o}>{atLeast(o.role, 'admin') ? <TokensPage org={o} /> : <EmptyState title="Only admins manage probe tokens" />}</Shell>;
    case 'probes':
      return <Shell org={o}><ProbesPage org={o} /></Shell>;
    case 'audit':
      return <Shell org={o}>{atLeast(o.role, 'admin') ? <AuditPage org={o} /> : <EmptyState title="Only admins see the audit log" />}</Shell>;
    case 'views':
      return <Shell org={o}>{parts[1] ? <OpenViewPage org={o} id={parts[1]} /> : <ViewsPage org={o} />}</Shell>;
    default:
      return <Redirect to={`/app/${encodeURIComponent(o.id)}/map`} />;
  }
}

export function App() {
  const { session } = useSession();
  const { path, href } = useLocation();

  const invite = match('/invite/:secret', path);
  if (invite) return <InvitePage secret={invite.secret} />;
  if (path === '/reset-password') return <ResetPasswordPage hash={window.location.hash} />;
  if (path === '/verify-email') return <VerifyEmailPage hash={window.location.hash} />;
  if (session === undefined) {
    return (
      <div className="boot">
        <Spinner label="Loading…" />
      </div>
    );
  }
  if (path === '/signup') return session ? <Redirect to="/" /> : <SignupPage />;
  if (path === '/login') return session ? <Redirect to="/" /> : <LoginPage />;
  if (path === '/forgot-password') return session ? <Redirect to="/account" /> : <ForgotPasswordPage />;
  if (!session) return <Redirect to={path === '/' ? '/login' : `/login?next=${encodeURIComponent(href)}`} />;

  if (path === '/orgs/new') return <Shell><NewOrgPage /></Shell>;
  if (path === '/account') return <Shell><AccountPage /></Shell>;
  const app = /^\/app\/([^/]+)(\/.*)?$/.exec(path);
  if (app) return <OrgRoutes orgId={decodeURIComponent(app[1])} rest={app[2] ?? ''} />;
  if (path === '/' || path === '/app') {
    const o = lastOrg(session.orgs);
    if (!o) return <Shell><NewOrgPage first /></Shell>;
    return <Redirect to={`/app/${encodeURIComponent(o.id)}/map`} />;
  }
  return (
    <Shell>
      <div className="page">
        <EmptyState title="Page not found" />
      </div>
    </Shell>
  );
}
