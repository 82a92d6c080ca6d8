import { useEffect, useRef, useState, type ReactNode } from 'react';
import { atLeast, type OrgRef } from '../api/types';
import { Link, navigate, useLocation } from '../router';
import { rememberOrg, useSession } from '../session';

function OrgSwitcher({ current }: { current: OrgRef }) {
  const { session } = useSession();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  return (
    <div className="org-switcher" ref={ref}>
      <button type="button" className="org-button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="org-name">{current.name}</span>
        <span className="role-badge">{current.role}</span>
        <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="menu" role="menu">
          {session?.orgs.map((o) => (
            <button
              key={o.id}
              role="menuitem"
              type="button"
              className={o.id === current.id ? 'active' : ''}
              onClick={() => {
                setOpen(false);
                rememberOrg(o.id);
                navigate(`/app/${encodeURIComponent(o.id)}/map`);
              }}
            >
              {o.name} <span className="muted">{o.id}</span>
            </button>
          ))}
          <button role="menuitem" type="button" onClick={() => (setOpen(false), navigate('/orgs/new'))}>
            + New organisation
          </button>
        </div>
      )}
    </div>
  );
}

export function Shell({ org, children, wide }: { org?: OrgRef; children: ReactNode; wide?: boolean }) {
  const { session, logOut } = useSession();
  const { path } = useLocation();
  const base = org ? `/app/${encodeURIComponent(org.id)}` : '';
  const nav: [string, string, boolean][] = org
    ? [
        ['Map', `${base}/map`, true],
        ['Views', `${base}/views`, true],
        ['Probes', `${base}/probes`, true],
        ['Team', `${base}/team`, true],
        ['Tokens', `${base}/tokens`, atLeast(org.role, 'admin')],
        ['Audit log', `${base}/audit`, atLeast(org.role, 'admin')],
        ['Set up', `${base}/setup`, true],
      ]
    : [];
  return (
    <div className={`shell${wide ? ' wide' : ''}`}>
      <header className="topbar">
        <Link href="/" className="brand">
          <span className="logo" aria-hidden="true" />
          Scope Cloud
        </Link>
        {org && <OrgSwitcher current={org} />}
        <nav aria-label="Organisation">
          {nav
            .filter(([, , shown]) => shown)
            .map(([label, href]) => (
              <Link key={href} href={href} className={path.startsWith(href) ? 'active' : ''}>
                {label}
              </Link>
            ))}
        </nav>
        <div className="spacer" />
        {session && (
          <div className="user">
            <Link href="/account" className="muted" data-testid="user-email" title="Your account">
              {session.user.email}
            </Link>
            <button
              type="button"
              className="link"
              onClick={async () => {
                await logOut().catch(() => undefined);
                navigate('/login');
              }}
            >
              Log out
            </button>
          </div>
        )}
      </header>
      <main className={wide ? 'main wide' : 'main'}>{children}</main>
    </div>
  );
}
