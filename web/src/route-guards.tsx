import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Permission } from '../../src/platform/accounts/schema.ts';
import { hasAnyPermission, useAuth, useMe } from './auth';
import { PageSpinner } from './components/PageSpinner';
import { ChangePasswordPage } from './pages/ChangePasswordPage';

/** Where the login page should send the user back to. */
export interface LoginRedirectState {
  from?: string;
}

/** Renders its children only for a logged-in user; everyone else goes to /login and comes back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <PageSpinner />;
  if (state.status === 'anonymous') {
    if (state.loggedOut) return <Navigate to="/login" replace />;
    const from = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to="/login" replace state={{ from } satisfies LoginRedirectState} />;
  }
  // The server refuses everything else until a password set by an admin is changed.
  if (state.me.mustChangePassword) return <ChangePasswordPage />;
  return <>{children}</>;
}

/** Renders its children only if the user holds one of the permissions; otherwise a 403 page. */
export function RequirePermission({ anyOf, children }: { anyOf: readonly Permission[]; children: ReactNode }) {
  const me = useMe();
  const { t } = useTranslation();
  if (!hasAnyPermission(me, anyOf)) {
    return <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.subtitle')} />;
  }
  return <>{children}</>;
}

/** For pages anyone may see (404): inside the app frame when logged in, bare otherwise. */
export function OptionalLayout({ layout }: { layout: ReactNode }) {
  const { state } = useAuth();
  if (state.status === 'loading') return <PageSpinner />;
  return state.status === 'authenticated' ? <>{layout}</> : <Outlet />;
}
