import { Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartyMember, PartyMemberPage } from '../../../src/modules/party/schema.ts';
import { listOrgMembers } from './party-api';
import { usePaged } from './use-paged';

const EMPTY: PartyMemberPage = { items: [], total: 0 };

/** Members of an organization (optionally with those of the organizations below it). Names only: no ID numbers here. */
export function OrgMembers({ orgId, hasChildren }: { orgId: string; hasChildren: boolean }) {
  const { t } = useTranslation();
  const [withSubOrgs, setWithSubOrgs] = useState(false);
  const { data, loading, pagination } = usePaged((p) => listOrgMembers(orgId, p, withSubOrgs), `${orgId}:${withSubOrgs}`, EMPTY);

  const columns: ColumnsType<PartyMember> = [
    {
      key: 'name',
      title: t('party.member.name'),
      render: (_, m) => (
        <Space size={4}>
          {m.name}
          {m.synthetic && <Tag color="orange">{t('app.demoData')}</Tag>}
        </Space>
      ),
    },
    { key: 'sex', title: t('party.member.sex'), render: (_, m) => t(`party.sex.${m.sex}`) },
    {
      key: 'status',
      title: t('party.member.status'),
      render: (_, m) => <Tag color={m.status === 'formal' ? 'red' : 'gold'}>{t(`party.status.${m.status}`)}</Tag>,
    },
    {
      key: 'central',
      title: t('party.member.central'),
      render: (_, m) =>
        m.centralHousehold ? <Tag color="volcano">{t('party.member.centralTag')}</Tag> : <Typography.Text type="secondary">—</Typography.Text>,
    },
    { key: 'liaisons', title: t('party.member.liaisonCount'), dataIndex: 'liaisonCount' },
    { key: 'joined', title: t('party.member.joinedOn'), dataIndex: 'joinedOn' },
    ...(withSubOrgs ? [{ key: 'org', title: t('party.member.org'), dataIndex: 'orgName' }] : []),
  ];

  return (
    <div data-testid="party-members">
      {hasChildren && (
        <Space style={{ marginBottom: 12 }}>
          <Switch size="small" checked={withSubOrgs} onChange={setWithSubOrgs} />
          {t('party.member.includeSubOrgs')}
        </Space>
      )}
      <Table<PartyMember>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data.items}
        pagination={pagination}
        scroll={{ x: 'max-content' }}
      />
    </div>
  );
}
