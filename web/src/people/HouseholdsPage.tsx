import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Input, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { HouseholdListItem, HouseholdPage } from '../../../src/modules/people/schema.ts';
import { errorMessage } from '../api';
import { useMe } from '../auth';
import { ResponsiveList } from '../components/ResponsiveList';
import { usePhone } from '../components/use-phone';
import { MatchedMembers } from './MatchedMembers';
import { exportUrl, listHouseholds } from './people-api';
import { PeopleSection } from './PeopleSection';
import { RegionPicker } from './RegionPicker';
import { DemoTag, TagList } from './TagList';

/**
 * 户列表: households of a region, searchable by name, address or a number's tail; a household
 * found through a member says which. The filters live in the address bar, so
 * coming back from a household's page finds the list as it was left.
 */
export default function HouseholdsPage() {
  const me = useMe();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const regionCode = params.get('regionCode') ?? me.regionCode;
  const q = params.get('q') ?? '';
  const buildingId = params.get('buildingId') ?? undefined;
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('pageSize')) || 20;
  const canEdit = me.permissions.includes('people.edit');
  const phone = usePhone();

  const [data, setData] = useState<HouseholdPage>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);
  const [search, setSearch] = useState(q);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    listHouseholds({ regionCode, buildingId, q: q || undefined, page, pageSize })
      .then((result) => !cancelled && setData(result))
      .catch((err: unknown) => !cancelled && void message.error(errorMessage(err)))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [regionCode, buildingId, q, page, pageSize, message]);

  /** Changes filters; any change but paging starts again at page 1. */
  const update = (next: Record<string, string | number | undefined>) => {
    const merged = new URLSearchParams(params);
    if (!('page' in next)) merged.delete('page');
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || v === '') merged.delete(k);
      else merged.set(k, String(v));
    }
    setParams(merged, { replace: true });
  };

  const columns: ColumnsType<HouseholdListItem> = [
    {
      key: 'address',
      title: t('people.household.address'),
      render: (_, h) => (
        <>
          <Link to={`/people/households/${h.id}`}>{h.address}</Link>
          <DemoTag synthetic={h.synthetic} />
          <MatchedMembers members={h.matchedMembers} />
        </>
      ),
    },
    { key: 'village', dataIndex: 'villageName', title: t('people.household.village') },
    { key: 'grid', title: t('people.household.grid'), render: (_, h) => h.gridCode ?? t('common.empty') },
    { key: 'group', title: t('people.household.group'), render: (_, h) => h.groupName ?? t('common.empty') },
    { key: 'building', title: t('people.household.building'), render: (_, h) => h.buildingName ?? t('common.empty') },
    {
      key: 'head',
      title: t('people.household.head'),
      render: (_, h) => h.headName ?? <Typography.Text type="secondary">{t('people.household.noHead')}</Typography.Text>,
    },
    { key: 'members', dataIndex: 'memberCount', title: t('people.household.memberCount'), align: 'right' },
    { key: 'tags', title: t('people.household.tags'), render: (_, h) => <TagList tags={h.tags} /> },
  ];

  return (
    <PeopleSection
      extra={
        <Space>
          {canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/people/households/new')} data-testid="household-create">
              {t('people.households.create')}
            </Button>
          )}
          {canEdit && (
            <Button icon={<UploadOutlined />} onClick={() => navigate('/people/import')}>
              {t('people.households.import')}
            </Button>
          )}
          <Button icon={<DownloadOutlined />} href={exportUrl(regionCode)} download data-testid="households-export">
            {t('people.households.export')}
          </Button>
        </Space>
      }
    >
      <Space wrap orientation={phone ? 'vertical' : 'horizontal'} style={{ marginBottom: 16, width: phone ? '100%' : undefined }}>
        <RegionPicker
          withGroups
          value={regionCode}
          onChange={(code) => update({ regionCode: code && code !== me.regionCode ? code : undefined })}
          style={{ width: phone ? '100%' : 280 }}
          data-testid="households-region"
        />
        <Input.Search
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(value) => update({ q: value.trim() })}
          placeholder={t('people.households.searchAddress')}
          style={{ width: phone ? '100%' : 280 }}
          data-testid="households-search"
        />
        {buildingId && (
          <Tag closable onClose={() => update({ buildingId: undefined })} data-testid="households-building-filter">
            {t('people.households.buildingFilter', { name: data.items[0]?.buildingName ?? '' })}
          </Tag>
        )}
      </Space>
      <div data-testid="households-table">
        <ResponsiveList<HouseholdListItem>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data.items}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize,
            total: data.total,
            showSizeChanger: true,
            showTotal: (total) => t('people.households.total', { total }),
            onChange: (p, s) => update({ page: s === pageSize ? p : 1, pageSize: s }),
          }}
        />
      </div>
    </PeopleSection>
  );
}
