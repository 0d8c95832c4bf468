import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Space, Switch, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartyMember, PartyMemberPage, PartyOrgDetail, PartyOrgNode } from '../../../src/modules/party/schema.ts';
import { ResponsiveList } from '../components/ResponsiveList';
import { AddPartyMemberModal } from './AddPartyMemberModal';
import { EndMemberModal } from './EndMemberModal';
import { LinkHouseholdsModal } from './LinkHouseholdsModal';
import { MemberActions, type MemberDialog } from './MemberActions';
import { transferTargets } from './org-tree';
import { listOrgMembers, orgMembersXlsxUrl } from './party-api';
import { TransferMemberModal } from './TransferMemberModal';
import { usePaged } from './use-paged';

const EMPTY: PartyMemberPage = { items: [], total: 0 };

interface OrgMembersProps {
  org: PartyOrgDetail;
  canEdit: boolean;
  roots: PartyOrgNode[];
  /** Changes elsewhere on the panel (a liaison link) that alter the list. */
  version: number;
  onChanged(): void;
}

/**
 * Members of an organization (optionally with those of the organizations below, or those who left),
 * as cards on a phone. Names only: no ID numbers here.
 */
export function OrgMembers({ org, canEdit, roots, version, onChanged }: OrgMembersProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [withSubOrgs, setWithSubOrgs] = useState(false);
  const [showEnded, setShowEnded] = useState(false);
  const [adding, setAdding] = useState(false);
  const [dialog, setDialog] = useState<{ kind: MemberDialog; member: PartyMember } | null>(null);
  const { data, loading, pagination } = usePaged(
    (p) => listOrgMembers(org.id, p, { includeSubOrgs: withSubOrgs, includeEnded: showEnded }),
    `${org.id}:${withSubOrgs}:${showEnded}`,
    EMPTY,
    20,
    version,
  );
  const open = (kind: MemberDialog, member: PartyMember) => setDialog({ kind, member });
  const done = (text: string) => {
    setDialog(null);
    setAdding(false);
    void message.success(text);
    onChanged();
  };

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
      render: (_, m) =>
        m.endedOn ? (
          <Tag data-testid="member-ended" title={m.endNote ?? undefined}>
            {t('party.memberAction.ended', { reason: m.endReason ? t(`party.endReason.${m.endReason}`) : '', on: m.endedOn })}
          </Tag>
        ) : (
          <Tag color={m.status === 'formal' ? 'red' : 'gold'}>{t(`party.status.${m.status}`)}</Tag>
        ),
    },
    {
      key: 'central',
      title: t('party.member.central'),
      render: (_, m) =>
        m.centralHousehold ? (
          <Tag color="volcano" data-testid="member-central-tag">
            {t('party.member.centralTag')}
          </Tag>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { key: 'liaisons', title: t('party.member.liaisonCount'), render: (_, m) => <span data-testid="member-liaison-count">{m.liaisonCount}</span> },
    {
      key: 'joined',
      title: t('party.member.joinedOn'),
      width: 110,
      render: (_, m) => <span style={{ whiteSpace: 'nowrap' }}>{m.joinedOn}</span>,
    },
    ...(withSubOrgs ? [{ key: 'org', title: t('party.member.org'), dataIndex: 'orgName' }] : []),
    ...(canEdit
      ? [
          {
            key: 'actions',
            fixed: 'right' as const,
            // A fixed column needs its own width, or it is laid over the columns before it (入党日期).
            width: 300,
            title: t('party.memberAction.actions'),
            render: (_: unknown, m: PartyMember) => (m.endedOn ? null : <MemberActions member={m} onOpen={open} onChanged={onChanged} />),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="party-members">
      <Space style={{ marginBottom: 12 }} wrap>
        {canEdit && (
          <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="member-add-open">
            {t('party.memberAction.add')}
          </Button>
        )}
        {org.childCount > 0 && (
          <Space size={4}>
            <Switch size="small" checked={withSubOrgs} onChange={setWithSubOrgs} />
            {t('party.member.includeSubOrgs')}
          </Space>
        )}
        <Space size={4}>
          <Switch size="small" checked={showEnded} onChange={setShowEnded} data-testid="members-show-ended" />
          {t('party.memberAction.showEnded')}
        </Space>
        <Button
          size="small"
          icon={<DownloadOutlined />}
          href={orgMembersXlsxUrl(org.id, { includeSubOrgs: withSubOrgs, includeEnded: showEnded })}
          data-testid="party-members-xlsx"
        >
          {t('common.exportXlsx')}
        </Button>
      </Space>
      <ResponsiveList<PartyMember>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data.items}
        pagination={pagination}
        scroll={{ x: 'max-content' }}
        onRow={(m) => ({ 'data-testid': 'member-row', 'data-name': m.name }) as HTMLAttributes<HTMLElement>}
      />
      {canEdit && (
        <>
          <AddPartyMemberModal open={adding} org={org} onClose={() => setAdding(false)} onAdded={(m) => done(t('party.memberForm.added', { name: m.name }))} />
          <LinkHouseholdsModal
            open={dialog?.kind === 'link'}
            orgId={org.id}
            member={dialog?.member}
            onClose={() => setDialog(null)}
            onLinked={(links) => done(t('party.liaisonForm.saved', { count: links.length }))}
          />
          <TransferMemberModal
            member={dialog?.kind === 'transfer' ? dialog.member : null}
            targets={transferTargets(roots, dialog?.member.orgId ?? org.id)}
            onClose={() => setDialog(null)}
            onDone={(m) => done(t('party.transfer.done', { name: m.name, org: m.orgName }))}
          />
          <EndMemberModal
            member={dialog?.kind === 'end' ? dialog.member : null}
            onClose={() => setDialog(null)}
            onDone={(m) => done(t('party.end.done', { name: m.name }))}
          />
        </>
      )}
    </div>
  );
}
