import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Segmented, Space, Switch, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Liaison, LiaisonPage, PartyOrgDetail } from '../../../src/modules/party/schema.ts';
import { ResponsiveList } from '../components/ResponsiveList';
import { EndDateModal } from './EndDateModal';
import { LinkHouseholdsModal } from './LinkHouseholdsModal';
import { listLiaisons, removeLiaison } from './party-api';
import { usePaged } from './use-paged';

const EMPTY: LiaisonPage = { items: [], total: 0 };

interface OrgLiaisonsProps {
  org: PartyOrgDetail;
  canEdit: boolean;
  /** Changes elsewhere on the panel (a member linked or ended) that alter the list. */
  version: number;
  onChanged(): void;
}

/**
 * Liaison links (党员联户 / 十联户): those of the organization's members, or every link in its
 * region, where liaison heads who are not members show too; current ones, or all with end dates.
 */
export function OrgLiaisons({ org, canEdit, version, onChanged }: OrgLiaisonsProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [showEnded, setShowEnded] = useState(false);
  const [scope, setScope] = useState<'org' | 'region'>('org');
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<Liaison | null>(null);
  const { data, loading, pagination } = usePaged(
    (p) => listLiaisons(scope === 'org' ? { orgId: org.id } : { regionCode: org.regionCode }, p, showEnded),
    `${org.id}:${scope}:${showEnded}`,
    EMPTY,
    20,
    version,
  );

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
    ...(showEnded
      ? [
          {
            key: 'ended',
            title: t('party.liaisonAction.endedOn'),
            render: (_: unknown, l: Liaison) => <span data-testid="liaison-ended-on">{l.endedOn ?? t('common.empty')}</span>,
          },
        ]
      : []),
    ...(canEdit
      ? [
          {
            key: 'actions',
            fixed: 'right' as const,
            title: t('party.memberAction.actions'),
            render: (_: unknown, l: Liaison) =>
              !l.endedOn && (
                <Button type="link" size="small" danger onClick={() => setEnding(l)} data-testid="liaison-remove-open">
                  {t('party.liaisonAction.remove')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  const done = (text: string) => {
    setAdding(false);
    setEnding(null);
    void message.success(text);
    onChanged();
  };

  return (
    <div data-testid="party-liaisons">
      <Space style={{ marginBottom: 12 }} wrap>
        {canEdit && (
          <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="liaison-add-open">
            {t('party.liaisonAction.add')}
          </Button>
        )}
        <Segmented<'org' | 'region'>
          size="small"
          value={scope}
          onChange={setScope}
          options={[
            { value: 'org', label: t('party.liaisonAction.scopeOrg') },
            { value: 'region', label: t('party.liaisonAction.scopeRegion') },
          ]}
          data-testid="liaisons-scope"
        />
        <Space size={4}>
          <Switch size="small" checked={showEnded} onChange={setShowEnded} data-testid="liaisons-show-ended" />
          {t('party.liaisonAction.showEnded')}
        </Space>
      </Space>
      <ResponsiveList<Liaison>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data.items}
        pagination={pagination}
        scroll={{ x: 'max-content' }}
        onRow={(l) => ({ 'data-testid': 'liaison-row', 'data-liaison': l.liaisonName, 'data-household': l.householdId }) as HTMLAttributes<HTMLElement>}
      />
      {canEdit && (
        <>
          <LinkHouseholdsModal
            open={adding}
            orgId={org.id}
            onClose={() => setAdding(false)}
            onLinked={(links) => done(t('party.liaisonForm.saved', { count: links.length }))}
          />
          <EndDateModal
            open={ending !== null}
            title={t('party.liaisonAction.removeTitle', { name: ending?.liaisonName ?? '', address: ending?.householdAddress ?? '' })}
            dateLabel={t('party.liaisonAction.endedOn')}
            testId="liaison-remove"
            onClose={() => setEnding(null)}
            onSubmit={async (endedOn) => {
              if (ending) await removeLiaison(ending.id, endedOn);
              done(t('party.liaisonAction.removed'));
            }}
          />
        </>
      )}
    </div>
  );
}
