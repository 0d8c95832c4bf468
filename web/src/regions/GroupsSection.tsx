import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Region } from '../../../src/modules/regions/schema.ts';
import { errorMessage } from '../api';
import { kindLabel } from '../labels';
import { GroupModal } from './GroupModal';
import { deleteGroup } from './regions-api';

interface GroupsSectionProps {
  village: Region;
  groups: Region[] | undefined;
  loading: boolean;
  canEdit: boolean;
  onSelect(code: string): void;
  /** After a group was added, changed or removed: the village and its children are fetched again. */
  onChanged(): Promise<void>;
}

/** A village's 村民小组 / 小区 / 自治单元 with what each holds, and (for editors) add, change, delete. */
export function GroupsSection({ village, groups, loading, canEdit, onSelect, onChanged }: GroupsSectionProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Region | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const remove = async (group: Region) => {
    setError(null);
    try {
      await deleteGroup(group.code);
      void message.success(t('region.group.deleted', { name: group.name }));
      await onChanged();
    } catch (err) {
      // The server says what still points at the group (households, buildings, party organizations…).
      setError(errorMessage(err));
    }
  };

  const columns: ColumnsType<Region> = [
    {
      key: 'name',
      title: t('region.group.name'),
      render: (_, g) => (
        <a onClick={() => onSelect(g.code)} data-testid="group-link" data-name={g.name}>
          {g.name}
        </a>
      ),
    },
    { key: 'kind', title: t('region.group.kind'), render: (_, g) => <Tag>{kindLabel(t, g.kind)}</Tag> },
    {
      key: 'households',
      title: t('region.field.households'),
      align: 'right',
      render: (_, g) => <Link to={`/people?regionCode=${g.code}`}>{g.counts.households}</Link>,
    },
    { key: 'residents', title: t('region.field.residents'), align: 'right', render: (_, g) => g.counts.residents },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      title: t('region.group.actions'),
      render: (_, g) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(g)} data-testid="group-edit">
            {t('region.group.edit')}
          </Button>
          <Popconfirm
            title={t('region.group.deleteConfirm', { name: g.name })}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() => remove(g)}
          >
            <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="group-delete">
              {t('region.group.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <Card
      title={t('region.group.title')}
      data-testid="groups-section"
      extra={
        canEdit && (
          <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="group-add">
            {t('region.group.add')}
          </Button>
        )
      }
    >
      {error && (
        <Alert type="error" showIcon closable={{ onClose: () => setError(null) }} title={error} style={{ marginBottom: 12 }} data-testid="group-error" />
      )}
      <Table<Region>
        rowKey="code"
        size="small"
        loading={loading}
        dataSource={(groups ?? []).filter((g) => g.level === 'group')}
        columns={columns}
        locale={{ emptyText: t('region.group.empty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      />
      {editing && (
        <GroupModal
          villageCode={village.code}
          group={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(g) => {
            setEditing(null);
            setError(null);
            void message.success(t(editing === 'new' ? 'region.group.created' : 'region.group.updated', { name: g.name }));
            onChanged().catch((err: unknown) => setError(errorMessage(err)));
          }}
        />
      )}
    </Card>
  );
}
