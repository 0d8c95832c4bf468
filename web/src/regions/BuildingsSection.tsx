import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Building } from '../../../src/modules/people/building-schema.ts';
import { errorMessage } from '../api';
import { deleteBuilding, listBuildings } from '../people/buildings-api';
import { BuildingModal } from './BuildingModal';

interface BuildingsSectionProps {
  villageCode: string;
  /** Only this group's buildings; new ones start in it. */
  groupCode?: string;
  canEdit: boolean;
  /** Changes when the village's groups do (a rename shows in the group column). */
  refreshKey?: string;
}

function floorsUnits(b: Building): string {
  return [b.floors, b.units].map((n) => n ?? '—').join(' / ');
}

/** The 楼栋 / 院落 of a village (or of one of its groups), with their households; editors add, change and delete. */
export function BuildingsSection({ villageCode, groupCode, canEdit, refreshKey }: BuildingsSectionProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [buildings, setBuildings] = useState<Building[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [editing, setEditing] = useState<Building | 'new' | null>(null);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    listBuildings({ villageCode, ...(groupCode ? { groupCode } : {}) })
      .then((list) => !cancelled && setBuildings(list.items))
      .catch((err: unknown) => !cancelled && setError(errorMessage(err)))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [villageCode, groupCode, tick, refreshKey]);

  const reload = () => setTick((n) => n + 1);

  const remove = async (b: Building) => {
    setError(null);
    try {
      await deleteBuilding(b.id);
      void message.success(t('people.building.deleted', { name: b.name }));
      reload();
    } catch (err) {
      setError(errorMessage(err)); // e.g. households still stand in it
    }
  };

  const columns: ColumnsType<Building> = [
    { key: 'name', dataIndex: 'name', title: t('people.building.field.name') },
    { key: 'kind', title: t('people.building.field.kind'), render: (_, b) => t(`people.building.kind.${b.kind}`) },
    { key: 'group', title: t('people.building.field.group'), render: (_, b) => b.groupName ?? t('common.empty') },
    { key: 'grid', title: t('people.building.field.grid'), render: (_, b) => b.gridName ?? b.gridCode ?? t('common.empty') },
    { key: 'floorsUnits', title: t('people.building.field.floorsUnits'), render: (_, b) => floorsUnits(b) },
    {
      key: 'households',
      title: t('people.building.field.households'),
      align: 'right',
      render: (_, b) => <Link to={`/people?regionCode=${b.villageCode}&buildingId=${b.id}`}>{b.householdCount}</Link>,
    },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      title: t('people.building.field.actions'),
      render: (_, b) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(b)} data-testid="building-edit">
            {t('people.building.edit')}
          </Button>
          <Popconfirm
            title={t('people.building.deleteConfirm', { name: b.name })}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() => remove(b)}
          >
            <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="building-delete">
              {t('people.building.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <Card
      title={t('people.building.title')}
      data-testid="buildings-section"
      extra={
        canEdit && (
          <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="building-add">
            {t('people.building.add')}
          </Button>
        )
      }
    >
      {error && (
        <Alert type="error" showIcon closable={{ onClose: () => setError(null) }} title={error} style={{ marginBottom: 12 }} data-testid="building-error" />
      )}
      <Table<Building>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={buildings}
        columns={columns}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('people.building.empty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      />
      {editing && (
        <BuildingModal
          villageCode={villageCode}
          building={editing === 'new' ? null : editing}
          defaultGroupCode={groupCode}
          onClose={() => setEditing(null)}
          onSaved={(b) => {
            setEditing(null);
            setError(null);
            void message.success(t(editing === 'new' ? 'people.building.created' : 'people.building.updated', { name: b.name }));
            reload();
          }}
        />
      )}
    </Card>
  );
}
