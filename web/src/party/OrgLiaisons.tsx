import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Liaison, LiaisonPage } from '../../../src/modules/party/schema.ts';
import { listOrgLiaisons } from './party-api';
import { usePaged } from './use-paged';

const EMPTY: LiaisonPage = { items: [], total: 0 };

/** Current liaison links (党员联户 / 十联户) of an organization's members. */
export function OrgLiaisons({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const { data, loading, pagination } = usePaged((p) => listOrgLiaisons(orgId, p), orgId, EMPTY);
  const columns: ColumnsType<Liaison> = [
    { key: 'liaison', title: t('party.liaison.liaison'), dataIndex: 'liaisonName' },
    {
      key: 'kind',
      title: t('party.liaison.kind'),
      render: (_, l) => <Tag color={l.kind === 'ten_household' ? 'blue' : 'red'}>{t(`party.liaisonKind.${l.kind}`)}</Tag>,
    },
    { key: 'household', title: t('party.liaison.household'), dataIndex: 'householdAddress' },
    { key: 'head', title: t('party.liaison.head'), render: (_, l) => l.householdHeadName ?? t('common.empty') },
    { key: 'started', title: t('party.liaison.startedOn'), dataIndex: 'startedOn' },
  ];
  return (
    <div data-testid="party-liaisons">
      <Table<Liaison>
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
