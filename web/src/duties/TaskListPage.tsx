import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task, TaskList } from '../../../src/modules/duties/task-schema.ts';
import { errorMessage } from '../api';
import { ResponsiveList } from '../components/ResponsiveList';
import { DutiesTabs } from './DutiesTabs';
import { ledgerUrl, listTaskLists } from './ledger-api';
import { TaskReportFiles } from './TaskReportFiles';
import { TaskReportModal } from './TaskReportModal';
import { useMeasureNames } from './use-measure-names';

const STATUS_COLOR = { on_track: 'blue', delayed: 'orange', done: 'green' } as const;

/** 任务清单 / 工作台账: each task's lead unit, deadline and latest report; the lead unit reports here, and the ledger is downloaded, never typed. */
export default function TaskListPage() {
  const { t } = useTranslation();
  const measureName = useMeasureNames();
  const [lists, setLists] = useState<TaskList[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reporting, setReporting] = useState<Task | null>(null);

  const load = useCallback(() => {
    listTaskLists().then(setLists, (err: unknown) => {
      setError(errorMessage(err));
      setLists([]);
    });
  }, []);
  useEffect(load, [load]);

  const columns: ColumnsType<Task> = [
    { key: 'seq', title: t('dutiesLedger.tasks.seq'), width: 56, render: (_, r) => r.seq },
    { key: 'measureNo', title: t('dutiesLedger.tasks.measureNo'), width: 72, render: (_, r) => r.measureNo },
    { key: 'title', title: t('dutiesLedger.tasks.task'), render: (_, r) => r.title },
    {
      key: 'lead',
      title: t('dutiesLedger.tasks.lead'),
      width: 170,
      render: (_, r) => (
        <>
          {r.leadUnit}
          {r.coUnits.length > 0 && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('dutiesLedger.tasks.coUnits')}：{r.coUnits.join('、')}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      key: 'due',
      title: t('dutiesLedger.tasks.due'),
      width: 120,
      render: (_, r) => (
        <Space size={4} wrap>
          {r.dueOn}
          {r.overdue && <Tag color="red">{t('dutiesLedger.tasks.overdue')}</Tag>}
          {r.dueSoon && <Tag color="orange">{t('dutiesLedger.tasks.dueSoon')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'status',
      title: t('dutiesLedger.tasks.status'),
      width: 110,
      render: (_, r) =>
        r.status ? <Tag color={STATUS_COLOR[r.status]}>{t(`dutiesLedger.tasks.statusName.${r.status}`)}</Tag> : <Tag>{t('dutiesLedger.tasks.unreported')}</Tag>,
    },
    {
      key: 'progress',
      title: t('dutiesLedger.tasks.progress'),
      render: (_, r) => (
        <>
          {r.lastProgress ?? ''}
          {r.measureId && r.lastFigure !== null && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {measureName(r.measureId)}：{r.lastFigure}
            </Typography.Text>
          )}
          <TaskReportFiles files={r.lastFiles} />
        </>
      ),
    },
    {
      key: 'actions',
      title: '',
      width: 110,
      render: (_, r) =>
        r.canReport ? (
          <Button size="small" onClick={() => setReporting(r)} data-testid="task-report-open">
            {t('dutiesLedger.tasks.report')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <DutiesTabs />
      <div data-testid="task-lists-page">
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        {lists?.length === 0 && !error && <Empty description={t('dutiesLedger.tasks.empty')} />}
        {(lists ?? []).map((list) => (
          <Card
            key={list.id}
            title={list.name}
            style={{ marginBottom: 16 }}
            data-testid="task-list"
            extra={
              <Button icon={<DownloadOutlined />} href={ledgerUrl(list.id)} data-testid="ledger-download">
                {t('dutiesLedger.tasks.ledger')}
              </Button>
            }
          >
            <Typography.Paragraph type="secondary">
              {t('dutiesLedger.tasks.issuer')}：{list.issuer} · {t('dutiesLedger.tasks.counts', list.counts)}
            </Typography.Paragraph>
            <ResponsiveList<Task>
              columns={columns}
              dataSource={list.tasks}
              rowKey="id"
              size="small"
              pagination={false}
              onRow={(r) => ({ 'data-testid': 'task-row', 'data-seq': String(r.seq) })}
            />
          </Card>
        ))}
        {lists === null && <Card loading />}
      </div>
      {reporting && (
        <TaskReportModal
          task={reporting}
          measureName={reporting.measureId ? measureName(reporting.measureId) : null}
          onDone={load}
          onClose={() => setReporting(null)}
        />
      )}
    </>
  );
}
