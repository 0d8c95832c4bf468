import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { PageSpinner } from './components/PageSpinner';
import LoginPage from './pages/LoginPage';
import NotFoundPage from './pages/NotFoundPage';
import { OptionalLayout, RequireAuth, RequirePermission } from './route-guards';

// Everything behind the login is loaded on demand, so the login page stays light.
const AppLayout = lazy(() => import('./layout/AppLayout'));
const HomePage = lazy(() => import('./pages/HomePage'));
const RegionsPage = lazy(() => import('./regions/RegionsPage'));
const UsersPage = lazy(() => import('./platform/UsersPage'));
const AuditPage = lazy(() => import('./platform/AuditPage'));

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageSpinner />}>{children}</Suspense>;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <Lazy>
              <AppLayout />
            </Lazy>
          </RequireAuth>
        }
      >
        <Route index element={<HomePage />} />
        <Route
          path="regions/:code?"
          element={
            <RequirePermission anyOf={['regions.read']}>
              <RegionsPage />
            </RequirePermission>
          }
        />
        <Route
          path="users"
          element={
            <RequirePermission anyOf={['users.manage', 'users.security']}>
              <UsersPage />
            </RequirePermission>
          }
        />
        <Route
          path="audit"
          element={
            <RequirePermission anyOf={['audit.read']}>
              <AuditPage />
            </RequirePermission>
          }
        />
      </Route>
      <Route
        element={
          <OptionalLayout
            layout={
              <Lazy>
                <AppLayout />
              </Lazy>
            }
          />
        }
      >
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
