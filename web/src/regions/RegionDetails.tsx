import { TeamOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Region } from '../../../src/modules/regions/schema.ts';
import { useMe } from '../auth';
import { kindLabel } from '../labels';
import { BuildingsSection } from './BuildingsSection';
import { canEditGroups } from './group-policy';
import { GroupsSection } from './GroupsSection';
import { SubregionsTable } from './SubregionsTable';

interface RegionDetailsProps {
  region: Region;
  subregions: Region[] | undefined;
  loading: boolean;
  onSelect(code: string): void;
  /** Fetches a region and its children again after an edit below it. */
  onChanged(code: string): Promise<void>;
}

/**
 * One region's facts and what lies below it: townships and villages in a table; a village's
 * groups and buildings with their editors; a group's households and buildings.
 */
export function RegionDetails({ region, subregions, loading, onSelect, onChanged }: RegionDetailsProps) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const canEditPlaces = me.permissions.includes('people.edit');
  const canRead = me.permissions.includes('people.read');
  const { counts } = region;
  const groupsKey = subregions?.map((g) => `${g.code}:${g.name}`).join(',');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="region-details">
      <Card title={region.name}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'code', label: t('region.field.code'), children: <Typography.Text copyable>{region.code}</Typography.Text> },
            { key: 'level', label: t('region.field.level'), children: t(`region.level.${region.level}`) },
            { key: 'kind', label: t('region.field.kind'), children: kindLabel(t, region.kind) },
            { key: 'childCount', label: t('region.field.childCount'), children: region.childCount },
            { key: 'households', label: t('region.field.households'), children: <span data-testid="region-households">{counts.households}</span> },
            { key: 'residents', label: t('region.field.residents'), children: counts.residents },
            ...(counts.partyMembers === null ? [] : [{ key: 'partyMembers', label: t('region.field.partyMembers'), children: counts.partyMembers }]),
            ...(counts.grids === null ? [] : [{ key: 'grids', label: t('region.field.grids'), children: counts.grids }]),
          ]}
        />
        {region.level === 'group' && canRead && (
          <Button icon={<TeamOutlined />} onClick={() => navigate(`/people?regionCode=${region.code}`)} data-testid="group-households">
            {t('region.group.households')}
          </Button>
        )}
        {region.level !== 'village' && region.level !== 'group' && (
          <>
            <Typography.Title level={5}>{t('region.children')}</Typography.Title>
            <SubregionsTable parentCode={region.code} subregions={subregions} loading={loading} onSelect={onSelect} />
          </>
        )}
      </Card>
      {region.level === 'village' && (
        <GroupsSection
          village={region}
          groups={subregions}
          loading={loading}
          canEdit={canEditGroups(me)}
          onSelect={onSelect}
          onChanged={() => onChanged(region.code)}
        />
      )}
      {region.level === 'village' && canRead && <BuildingsSection villageCode={region.code} canEdit={canEditPlaces} refreshKey={groupsKey} />}
      {region.level === 'group' && region.parentCode && canRead && (
        <BuildingsSection villageCode={region.parentCode} groupCode={region.code} canEdit={canEditPlaces} />
      )}
    </Space>
  );
}
