import { Navigate } from 'react-router';
import { useMe } from '../auth';

/** Where /duties opens: the burden dashboard for county staff, the work items for everyone else. */
export default function DutiesHome() {
  const me = useMe();
  return <Navigate to={me.role === 'county_staff' ? '/duties/dashboard' : '/duties/work-items'} replace />;
}
