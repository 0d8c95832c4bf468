import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { LoginBody, Me, Permission } from '../../src/platform/accounts/schema.ts';
import { ApiError, apiGet, apiPost, setUnauthorizedHandler } from './api';

type AuthState =
  | { status: 'loading' }
  /** `loggedOut`: the user left on purpose, so the next login starts at home, not where they were. */
  | { status: 'anonymous'; loggedOut: boolean }
  | { status: 'authenticated'; me: Me };

interface AuthContextValue {
  state: AuthState;
  /** Logs in; throws ApiError (e.g. TOTP_REQUIRED) for the login page to show. */
  login(body: LoginBody): Promise<Me>;
  logout(): Promise<void>;
  /** After the user changed a password an admin had set. */
  passwordChanged(): void;
}

const AuthContext = createContext<AuthContextValue | undefined>(undefined);

/** Holds the current user; asks the server once on start whether a session exists. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    apiGet<{ user: Me }>('/auth/me')
      .then(({ user }) => !cancelled && setState({ status: 'authenticated', me: user }))
      .catch((err: unknown) => {
        // A 401 means "not logged in"; a network failure also lands on the login page, which says so.
        if (!cancelled) setState({ status: 'anonymous', loggedOut: false });
        if (!(err instanceof ApiError)) console.error(err);
      });
    setUnauthorizedHandler(() => setState({ status: 'anonymous', loggedOut: false }));
    return () => {
      cancelled = true;
      setUnauthorizedHandler(undefined);
    };
  }, []);

  const login = useCallback(async (body: LoginBody) => {
    const { user } = await apiPost<{ user: Me }>('/auth/login', body);
    setState({ status: 'authenticated', me: user });
    return user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await apiPost<void>('/auth/logout');
    } finally {
      // Even if the call failed the user asked to leave; the server session expires on its own.
      setState({ status: 'anonymous', loggedOut: true });
    }
  }, []);

  const passwordChanged = useCallback(() => {
    setState((s) => (s.status === 'authenticated' ? { ...s, me: { ...s.me, mustChangePassword: false } } : s));
  }, []);

  const value = useMemo(() => ({ state, login, logout, passwordChanged }), [state, login, logout, passwordChanged]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}

/** The logged-in user; only for components rendered behind <RequireAuth>. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== 'authenticated') throw new Error('useMe used without a logged-in user');
  return state.me;
}

/** Whether the user holds any of the given permissions. */
export function hasAnyPermission(me: Me, permissions: readonly Permission[]): boolean {
  return permissions.some((p) => me.permissions.includes(p));
}
