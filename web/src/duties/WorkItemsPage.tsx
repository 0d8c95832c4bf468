import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Space, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { WorkItem, WorkItemQuery } from '../../../src/modules/duties/schema.ts';
import type { Me } from '../../../src/platform/accounts/schema.ts';
import { errorMessage } from '../api';
import { hasAnyPermission, useMe } from '../auth';
import { ResponsiveList } from '../components/ResponsiveList';
import { formatDateTime } from '../labels';
import { AnswerModal } from './AnswerModal';
import { DecideModal } from './DecideModal';
import { decideWorkItem, listWorkItems, workItemsXlsxUrl } from './duties-api';
import { DutiesTabs } from './DutiesTabs';
import { WorkStatusTag } from './status-tags';
import { WorkItemSummary } from './WorkItemSummary';

type Box = WorkItemQuery['box'];

/** The boxes a user has: senders see what they sent, villages what came in and what was refused for them, the county what waits for it. */
function boxesFor(me: Me): Box[] {
  const boxes: Box[] = [];
  if (['village_cadre', 'grid_worker', 'township_staff'].includes(me.role)) boxes.push('incoming', 'refused');
  if (hasAnyPermission(me, ['duties.send'])) boxes.push('sent');
  if (hasAnyPermission(me, ['duties.manage'])) boxes.unshift('held');
  return boxes;
}

/** 事项准入: work items by box, with the decision and its reason; the county decides held items, villages answer data requests. */
export default function WorkItemsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const boxes = boxesFor(me);
  const [params, setParams] = useSearchParams();
  const box = (boxes.find((b) => b === params.get('box')) ?? boxes[0]) as Box | undefined;
  const [items, setItems] = useState<WorkItem[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<{ item: WorkItem; approve: boolean } | null>(null);
  const [answering, setAnswering] = useState<WorkItem | null>(null);

  const load = useCallback(
    async (after?: string) => {
      if (!box) return;
      setLoading(true);
      try {
        const page = await listWorkItems({ box, after, pageSize: 20 });
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setNext(page.next);
        setError(null);
      } catch (err) {
        setError(errorMessage(err));
      } finally {
        setLoading(false);
      }
    },
    [box],
  );
  useEffect(() => {
    setItems([]);
    void load();
  }, [load]);

  const columns: ColumnsType<WorkItem> = [
    { key: 'title', title: t('duties.work.itemTitle'), render: (_, r) => <WorkItemSummary item={r} /> },
    { key: 'status', title: t('duties.work.status'), width: 100, render: (_, r) => <WorkStatusTag status={r.status} /> },
    {
      key: 'route',
      title: `${t('duties.work.sender')} → ${t('duties.work.target')}`,
      width: 160,
      render: (_, r) => `${r.senderName} → ${r.targetRegionName}`,
    },
    {
      key: 'duty',
      title: t('duties.work.dutyItem'),
      width: 170,
      render: (_, r) => (r.dutyItem ? `${r.dutyItem.listName} · ${r.dutyItem.code} ${r.dutyItem.name}` : t('duties.work.noDutyItem')),
    },
    {
      key: 'reason',
      title: t('duties.work.reason'),
      render: (_, r) => (
        <>
          <span data-testid="work-item-reason">{r.reason}</span>
          {r.exceptionReason && (
            <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
              {t('duties.work.exceptionReason')}
              {t('common.colon')}
              {r.exceptionReason}
            </Typography.Paragraph>
          )}
          {r.exceptionExpiresOn && (
            <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
              {t('duties.work.exceptionExpires', { date: r.exceptionExpiresOn })}
            </Typography.Paragraph>
          )}
        </>
      ),
    },
    { key: 'at', title: t('duties.work.sentAt'), width: 130, render: (_, r) => formatDateTime(r.createdAt) },
  ];
  if (box === 'held' || box === 'incoming') {
    columns.push({
      key: 'actions',
      title: '',
      width: 130,
      render: (_, r) =>
        box === 'held' ? (
          <Space size={4} wrap>
            <Button size="small" type="primary" data-testid="work-approve" onClick={() => setDeciding({ item: r, approve: true })}>
              {t('duties.work.approve')}
            </Button>
            <Button size="small" danger data-testid="work-reject" onClick={() => setDeciding({ item: r, approve: false })}>
              {t('duties.work.reject')}
            </Button>
          </Space>
        ) : r.kind === 'data_request' && r.fields?.length ? (
          r.answeredAt ? (
            <Typography.Text type="success">{t('duties.work.answered')}</Typography.Text>
          ) : (
            <Button size="small" type="primary" data-testid="work-answer" onClick={() => setAnswering(r)}>
              {t('duties.work.answer')}
            </Button>
          )
        ) : null,
    });
  }

  return (
    <>
      <DutiesTabs />
      <Card
        title={t('duties.work.title')}
        data-testid="work-items-page"
        extra={
          box && (
            <Button icon={<DownloadOutlined />} href={workItemsXlsxUrl(box)} data-testid="work-items-xlsx">
              {t('common.exportXlsx')}
            </Button>
          )
        }
      >
        {box && boxes.length > 1 && (
          <Tabs
            activeKey={box}
            onChange={(k) => setParams({ box: k }, { replace: true })}
            items={boxes.map((b) => ({ key: b, label: <span data-testid={`work-box-${b}`}>{t(`duties.work.box.${b}`)}</span> }))}
          />
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <ResponsiveList<WorkItem>
          data-testid="work-items"
          columns={columns}
          dataSource={items}
          rowKey="id"
          size="small"
          loading={loading}
          pagination={false}
          onRow={(r) => ({ 'data-testid': 'work-item-row', 'data-status': r.status, 'data-title': r.title })}
          locale={{ emptyText: t('duties.work.empty') }}
        />
        {next && (
          <Flex justify="center" style={{ marginTop: 12 }}>
            <Button onClick={() => void load(next)} loading={loading} data-testid="work-items-more">
              {t('duties.work.more')}
            </Button>
          </Flex>
        )}
      </Card>
      {deciding && (
        <DecideModal
          title={t('duties.work.decideTitle', { title: deciding.item.title })}
          approve={deciding.approve}
          withExpiry
          onClose={() => setDeciding(null)}
          onSubmit={async (body) => {
            await decideWorkItem(deciding.item.id, body);
            void message.success(body.approve ? t('duties.work.approvedDone') : t('duties.work.rejectedDone'));
            void load();
          }}
        />
      )}
      {answering && (
        <AnswerModal
          item={answering}
          onClose={() => setAnswering(null)}
          onDone={(updated) => {
            setItems((prev) => prev.map((i) => (i.id === updated.id ? updated : i)));
            void message.success(t('duties.work.answerDone'));
          }}
        />
      )}
    </>
  );
}
