import { SearchOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Select, Space, Switch, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Resident, ResidentPage } from '../../../src/modules/people/schema.ts';
import { errorMessage } from '../api';
import { useMe } from '../auth';
import { listResidents, type ResidentFilter } from './people-api';
import { tagOptions } from './people-labels';
import { PeopleSection } from './PeopleSection';
import { RegionPicker } from './RegionPicker';
import { DemoTag, TagList } from './TagList';

interface SearchValues {
  regionCode?: string;
  q?: string;
  tag?: string;
  lookupBy: 'idNumber' | 'phone';
  lookup?: string;
  includeInactive?: boolean;
}

/**
 * 居民查询. A full ID or phone number is matched exactly on the server (by keyed digest); it is
 * kept out of the address bar so it does not end up in browser history.
 */
export default function ResidentsPage() {
  const me = useMe();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SearchValues>();
  const [filter, setFilter] = useState<ResidentFilter>({ regionCode: me.regionCode, page: 1, pageSize: 20 });
  const [data, setData] = useState<ResidentPage>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    listResidents(filter)
      .then((result) => !cancelled && setData(result))
      .catch((err: unknown) => !cancelled && void message.error(errorMessage(err)))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [filter, message]);

  const search = (v: SearchValues) => {
    const lookup = v.lookup?.replace(/\s/g, '').toUpperCase();
    setFilter({
      regionCode: v.regionCode ?? me.regionCode,
      q: v.q?.trim() || undefined,
      tag: v.tag,
      ...(lookup ? { [v.lookupBy]: lookup } : {}),
      includeInactive: v.includeInactive || undefined,
      page: 1,
      pageSize: filter.pageSize,
    });
  };

  const columns: ColumnsType<Resident> = [
    {
      key: 'name',
      title: t('people.member.name'),
      render: (_, r) => (
        <>
          {r.name}
          <DemoTag synthetic={r.synthetic} />
        </>
      ),
    },
    { key: 'relation', title: t('people.member.relation'), render: (_, r) => t(`people.relation.${r.relation}`) },
    { key: 'sex', title: t('people.member.sex'), render: (_, r) => t(`people.sex.${r.sex}`) },
    { key: 'age', title: t('people.member.age'), align: 'right', render: (_, r) => t('people.member.ageValue', { age: r.age }) },
    { key: 'idNumber', title: t('people.member.idNumber'), render: (_, r) => r.idNumber ?? t('common.empty') },
    { key: 'phone', title: t('people.member.phone'), render: (_, r) => r.phone ?? t('common.empty') },
    { key: 'tags', title: t('people.member.tags'), render: (_, r) => <TagList tags={r.tags} /> },
    {
      key: 'status',
      title: t('people.member.status'),
      render: (_, r) => <Tag color={r.status === 'active' ? 'green' : 'default'}>{t(`people.status.${r.status}`)}</Tag>,
    },
    {
      key: 'household',
      title: t('people.residents.household'),
      render: (_, r) => <Link to={`/people/households/${r.householdId}`}>{t('people.residents.openHousehold')}</Link>,
    },
  ];

  return (
    <PeopleSection>
      <Form<SearchValues>
        form={form}
        layout="inline"
        initialValues={{ regionCode: me.regionCode, lookupBy: 'idNumber' }}
        onFinish={search}
        style={{ marginBottom: 16, rowGap: 12 }}
      >
        <Form.Item name="regionCode">
          <RegionPicker style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="q">
          <Input allowClear placeholder={t('people.residents.name')} style={{ width: 140 }} data-testid="residents-name" />
        </Form.Item>
        <Form.Item name="tag">
          <Select allowClear placeholder={t('people.residents.tag')} options={tagOptions(t)} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item label={t('people.residents.lookup')} tooltip={t('people.residents.lookupHelp')}>
          <Space.Compact>
            <Form.Item name="lookupBy" noStyle>
              <Select
                style={{ width: 110 }}
                options={[
                  { value: 'idNumber', label: t('people.member.idNumber') },
                  { value: 'phone', label: t('people.member.phone') },
                ]}
              />
            </Form.Item>
            <Form.Item name="lookup" noStyle>
              <Input allowClear autoComplete="off" style={{ width: 200 }} data-testid="residents-lookup" />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item name="includeInactive" label={t('people.residents.includeInactive')} valuePropName="checked">
          <Switch size="small" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="residents-search">
            {t('people.residents.search')}
          </Button>
        </Form.Item>
      </Form>
      <div data-testid="residents-table">
        <Table<Resident>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data.items}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: filter.page,
            pageSize: filter.pageSize,
            total: data.total,
            showSizeChanger: true,
            showTotal: (total) => t('people.residents.total', { total }),
            onChange: (p, s) => setFilter((f) => ({ ...f, page: s === f.pageSize ? p : 1, pageSize: s })),
          }}
        />
      </div>
    </PeopleSection>
  );
}
