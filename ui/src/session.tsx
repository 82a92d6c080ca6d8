import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, setCsrfToken } from './api/http';
import { portal } from './api/portal';
import type { OrgRef, SessionInfo } from './api/types';

interface SessionState {
  /** undefined while loading, null when signed out. */
  session: SessionInfo | null | undefined;
  setSession: (s: SessionInfo | null) => void;
  refresh: () => Promise<SessionInfo | null>;
  logOut: () => Promise<void>;
  org: (id: string) => OrgRef | undefined;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setState] = useState<SessionInfo | null | undefined>(undefined);

  const setSession = useCallback((s: SessionInfo | null) => {
    setCsrfToken(s?.csrfToken ?? null);
    setState(s);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const s = await portal.session();
      setSession(s);
      return s;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        setSession(null);
        return null;
      }
      throw e;
    }
  }, [setSession]);

  useEffect(() => {
    refresh().catch(() => setSession(null));
  }, [refresh, setSession]);

  const logOut = useCallback(async () => {
    try {
      await portal.logOut();
    } finally {
      setSession(null);
    }
  }, [setSession]);

  const org = useCallback((id: string) => session?.orgs.find((o) => o.id.toLowerCase() === id.toLowerCase()), [session]);

  return (
    <SessionContext.Provider value={{ session, setSession, refresh, logOut, org }}>{children}</SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

const LAST_ORG = 'scope-cloud.lastOrg';

export function rememberOrg(id: string): void {
  try {
    localStorage.setItem(LAST_ORG, id);
  } catch {
    // private mode
  }
}

export function lastOrg(orgs: OrgRef[]): OrgRef | undefined {
  let id: string | null = null;
  try {
    id = localStorage.getItem(LAST_ORG);
  } catch {
    id = null;
  }
  return orgs.find((o) => o.id === id) ?? orgs[0];
}
