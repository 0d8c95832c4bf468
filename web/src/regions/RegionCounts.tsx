import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Region } from '../../../src/modules/regions/schema.ts';

const ORDER = ['households', 'residents', 'partyMembers', 'grids'] as const;

/** What a region holds in one short line: "12 户 · 34 人 · 党员 5 · 网格 3"; uncounted figures (a group's) are left out. */
export function RegionCounts({ region }: { region: Region }) {
  const { t } = useTranslation();
  const parts = ORDER.flatMap((key) => {
    const n = region.counts[key];
    return n === null ? [] : [t(`region.countShort.${key}`, { n })];
  });
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`region-counts-${region.code}`}>
      {parts.join(' · ')}
    </Typography.Text>
  );
}
