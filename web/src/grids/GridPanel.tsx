import { CloseOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, List, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Household, HouseholdPage } from '../../../src/modules/people/schema.ts';
import { errorMessage } from '../api';
import { TagList } from '../people/TagList';
import { GridEditActions, type GridEditActionsProps } from './GridEditActions';
import { gridHouseholds } from './grids-api';
import { gridKindLabel, gridTagLabel } from './grid-labels';

const PAGE_SIZE = 50;

type HouseholdState = { status: 'loading' } | { status: 'ok'; page: HouseholdPage } | { status: 'error'; message: string };

type GridPanelProps = GridEditActionsProps & { onClose(): void };

/**
 * The selected grid: its facts, its grid workers and its households (from the people registry);
 * for those who may, the actions that edit it, add a grid beside it or draw its village's boundary.
 */
export function GridPanel({ grid, onClose, onGridSaved, onVillageSaved }: GridPanelProps) {
  const { t } = useTranslation();
  const [households, setHouseholds] = useState<HouseholdState>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    setHouseholds({ status: 'loading' });
    gridHouseholds(grid.code, PAGE_SIZE)
      .then((page) => !cancelled && setHouseholds({ status: 'ok', page }))
      // The registry may be unavailable or not open to this role: the rest of the panel still works.
      .catch((err: unknown) => !cancelled && setHouseholds({ status: 'error', message: errorMessage(err) }));
    return () => {
      cancelled = true;
    };
  }, [grid.code]);

  return (
    <Card
      data-testid="grid-panel"
      title={
        <Space>
          {grid.name}
          {grid.synthetic && <Tag color="orange">{t('app.demoData')}</Tag>}
        </Space>
      }
      extra={<Button type="text" icon={<CloseOutlined />} aria-label={t('grid.close')} onClick={onClose} />}
    >
      <GridEditActions grid={grid} onGridSaved={onGridSaved} onVillageSaved={onVillageSaved} />
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'code', label: t('grid.field.code'), children: <Typography.Text copyable>{grid.code}</Typography.Text> },
          { key: 'village', label: t('grid.field.village'), children: `${grid.villageName}（${grid.villageCode}）` },
          { key: 'township', label: t('grid.field.township'), children: grid.townshipName },
          { key: 'kind', label: t('grid.field.kind'), children: gridKindLabel(t, grid.kind) },
          {
            key: 'tags',
            label: t('grid.field.tags'),
            children: grid.tags.length ? grid.tags.map((tag) => <Tag key={tag}>{gridTagLabel(t, tag)}</Tag>) : t('common.empty'),
          },
          { key: 'area', label: t('grid.field.area'), children: t('grid.areaValue', { value: grid.areaKm2.toFixed(2) }) },
        ]}
      />
      <Typography.Title level={5}>{t('grid.field.workers')}</Typography.Title>
      <List
        data-testid="grid-workers"
        size="small"
        dataSource={grid.workers}
        locale={{ emptyText: t('grid.noWorkers') }}
        renderItem={(w) => (
          <List.Item>
            <Space wrap>
              {w.name}
              <Tag>{t(`grid.employment.${w.employment}`)}</Tag>
              {w.phoneMasked && <Typography.Text type="secondary">{w.phoneMasked}</Typography.Text>}
              {w.synthetic && <Tag color="orange">{t('app.demoData')}</Tag>}
            </Space>
          </List.Item>
        )}
      />
      <Typography.Title level={5}>
        {t('grid.field.households')}
        {households.status === 'ok' && (
          <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal', marginInlineStart: 8 }}>
            {households.page.total > households.page.items.length
              ? t('grid.households.firstOf', { count: households.page.items.length, total: households.page.total })
              : t('grid.households.total', { total: households.page.total })}
          </Typography.Text>
        )}
      </Typography.Title>
      {households.status === 'error' ? (
        <Alert data-testid="grid-households-error" type="warning" showIcon title={t('grid.households.unavailable', { message: households.message })} />
      ) : (
        <Table<Household>
          data-testid="grid-households"
          rowKey="id"
          size="small"
          loading={households.status === 'loading'}
          dataSource={households.status === 'ok' ? households.page.items : []}
          pagination={false}
          scroll={{ y: 320 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('grid.households.none')} /> }}
          columns={[
            { key: 'address', dataIndex: 'address', title: t('grid.households.address') },
            { key: 'headName', title: t('grid.households.headName'), render: (_, h) => h.headName ?? t('common.empty') },
            { key: 'memberCount', dataIndex: 'memberCount', title: t('grid.households.memberCount'), align: 'right', width: 84 },
            { key: 'tags', title: t('grid.households.tags'), render: (_, h) => <TagList tags={h.tags} /> },
          ]}
        />
      )}
    </Card>
  );
}
