import { HistoryOutlined } from '@ant-design/icons';
import { Divider, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RecentPlace } from './region-search';

interface RecentPlacesBarProps {
  places: RecentPlace[];
  onPick(place: RecentPlace): void;
}

/**
 * The user's last picked places as tags above a region picker's tree (region-search's recent
 * list); nothing when there are none. A tag is picked with one click without closing the popup first.
 */
export function RecentPlacesBar({ places, onPick }: RecentPlacesBarProps) {
  const { t } = useTranslation();
  if (places.length === 0) return null;
  return (
    <div style={{ padding: '4px 8px 0' }} data-testid="region-recent">
      <Flex wrap gap={4} align="center">
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <HistoryOutlined /> {t('people.region.recent')}
        </Typography.Text>
        {places.map((r) => (
          <Tag key={r.code} color="blue" style={{ cursor: 'pointer', marginInlineEnd: 0 }} onMouseDown={(e) => e.preventDefault()} onClick={() => onPick(r)}>
            {r.name}
          </Tag>
        ))}
      </Flex>
      <Divider style={{ margin: '6px 0' }} />
    </div>
  );
}
