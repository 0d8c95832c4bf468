import { LeftOutlined } from '@ant-design/icons';
import { Breadcrumb } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Crumb } from './breadcrumbs';

/**
 * Where the page sits: 首页 / the menu entry / the page below it, every step but the last a link.
 * Not drawn on the home page (a trail of one). On a phone, one line: the step above as a link back,
 * then the page, cut with an ellipsis when it does not fit. Tests find it by data-testid="page-breadcrumb"
 * (the command map's own region trail is "map-breadcrumbs").
 */
export function PageBreadcrumb({ trail, phone }: { trail: Crumb[]; phone: boolean }) {
  const { t } = useTranslation();
  if (trail.length < 2) return null;
  const here = trail[trail.length - 1]!;
  const above = trail[trail.length - 2]!;

  if (phone) {
    return (
      <nav
        data-testid="page-breadcrumb"
        aria-label={t('nav.breadcrumb')}
        style={{ margin: '0 4px 8px', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', color: 'rgba(0, 0, 0, 0.45)' }}
      >
        <Link to={above.path} data-testid="page-crumb-up" style={{ color: 'inherit' }}>
          <LeftOutlined style={{ fontSize: 12 }} /> {t(above.label)}
        </Link>
        <span style={{ margin: '0 8px' }}>/</span>
        <span aria-current="page" style={{ color: 'rgba(0, 0, 0, 0.88)' }}>
          {t(here.label)}
        </span>
      </nav>
    );
  }

  return (
    <Breadcrumb
      data-testid="page-breadcrumb"
      aria-label={t('nav.breadcrumb')}
      style={{ marginBottom: 16 }}
      items={trail.map((c, i) => ({
        key: c.path,
        title:
          i < trail.length - 1 ? (
            <Link to={c.path} data-testid={`page-crumb-${i}`}>
              {t(c.label)}
            </Link>
          ) : (
            <span aria-current="page" data-testid={`page-crumb-${i}`}>
              {t(c.label)}
            </span>
          ),
      }))}
    />
  );
}
