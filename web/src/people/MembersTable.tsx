import { DownOutlined, UpOutlined } from '@ant-design/icons';
import { Button, Dropdown, Flex, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Resident } from '../../../src/modules/people/schema.ts';
import { ResponsiveList } from '../components/ResponsiveList';
import { ResidentHistory } from './ResidentHistory';
import { DemoTag, TagList } from './TagList';

/** The changes a member can go through from the household page. */
export type MemberAction = 'moved_out' | 'died' | 'moved';
export const MEMBER_ACTIONS: readonly MemberAction[] = ['moved_out', 'died', 'moved'];

const STATUS_COLORS = { active: 'green', moved_out: 'default', deceased: 'default' } as const;

interface MembersTableProps {
  members: Resident[];
  canEdit: boolean;
  canReveal: boolean;
  onReveal(resident: Resident): void;
  onAction(resident: Resident, action: MemberAction): void;
  /** Bumped when the household is reloaded, so open histories load again. */
  version?: number;
}

/** Members with masked numbers; each row (a card on a phone) opens onto its history of registry events. */
export function MembersTable({ members, canEdit, canReveal, onReveal, onAction, version = 0 }: MembersTableProps) {
  const { t } = useTranslation();
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
      render: (_, r) => <Tag color={STATUS_COLORS[r.status]}>{t(`people.status.${r.status}`)}</Tag>,
    },
  ];
  const actions = (r: Resident) => (
    <Space size={0} wrap>
      {canReveal && (r.idNumber || r.phone) && (
        <Button type="link" size="small" onClick={() => onReveal(r)} data-testid="member-reveal">
          {t('people.reveal.action')}
        </Button>
      )}
      {canEdit && r.status === 'active' && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: MEMBER_ACTIONS.map((a) => ({ key: a, label: t(`people.change.kind.${a}`), danger: a === 'died' })),
            onClick: ({ key }) => onAction(r, key as MemberAction),
          }}
        >
          <Button type="link" size="small" data-testid="member-change">
            {t('people.change.action')} <DownOutlined />
          </Button>
        </Dropdown>
      )}
    </Space>
  );
  if (canEdit || canReveal) columns.push({ key: 'actions', title: t('people.member.actions'), render: (_, r) => actions(r) });
  return (
    <ResponsiveList<Resident>
      rowKey="id"
      size="middle"
      pagination={false}
      columns={columns}
      dataSource={members}
      scroll={{ x: 'max-content' }}
      expandable={{ expandedRowRender: (r) => <ResidentHistory key={`${r.id}:${version}`} residentId={r.id} /> }}
      renderCard={(r) => <MemberCard member={r} actions={canEdit || canReveal ? actions(r) : null} version={version} />}
      data-testid="members-table"
    />
  );
}

/** One member on a phone: who they are in one line, the masked numbers, tags, actions, and the history on demand. */
function MemberCard({ member: r, actions, version }: { member: Resident; actions: ReactNode; version: number }) {
  const { t } = useTranslation();
  const [history, setHistory] = useState(false);
  const line = (label: string, value: ReactNode) => (
    <Flex gap={8} align="baseline" style={{ minWidth: 0 }}>
      <Typography.Text type="secondary" style={{ flex: 'none', fontSize: 12 }}>
        {label}
      </Typography.Text>
      <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{value}</div>
    </Flex>
  );
  return (
    <Flex vertical gap={4} data-testid="member-card" data-name={r.name}>
      <Flex wrap gap={6} align="center">
        <span style={{ fontWeight: 600 }}>{r.name}</span>
        <DemoTag synthetic={r.synthetic} />
        <Typography.Text type="secondary">
          {[t(`people.relation.${r.relation}`), t(`people.sex.${r.sex}`), t('people.member.ageValue', { age: r.age })].join(' · ')}
        </Typography.Text>
        <Tag color={STATUS_COLORS[r.status]} style={{ marginInlineEnd: 0 }}>
          {t(`people.status.${r.status}`)}
        </Tag>
      </Flex>
      {line(t('people.member.idNumber'), r.idNumber ?? t('common.empty'))}
      {line(t('people.member.phone'), r.phone ?? t('common.empty'))}
      {r.tags.length > 0 && <TagList tags={r.tags} />}
      <Flex wrap align="center" justify="space-between">
        {actions}
        <Button type="link" size="small" onClick={() => setHistory((h) => !h)} data-testid="member-history-toggle">
          {t('people.history.title')} {history ? <UpOutlined /> : <DownOutlined />}
        </Button>
      </Flex>
      {history && <ResidentHistory key={`${r.id}:${version}`} residentId={r.id} />}
    </Flex>
  );
}
