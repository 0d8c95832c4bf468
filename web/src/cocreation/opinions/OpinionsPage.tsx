import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Flex, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OPINION_SOURCES, OPINION_STATUSES, type Opinion, type OpinionQuery } from '../../../../src/modules/cocreation/opinion-schema.ts';
import { errorMessage } from '../../api';
import { hasAnyPermission, useMe } from '../../auth';
import { ResponsiveList } from '../../components/ResponsiveList';
import { RegionPicker } from '../../people/RegionPicker';
import { CocreationTabs } from '../CocreationTabs';
import { AnswerOpinionModal } from './AnswerOpinionModal';
import { OpinionRatesCard } from './OpinionRatesCard';
import { listOpinions, opinionsXlsxUrl } from './opinions-api';
import { OrderOpinionModal, RecordOpinionModal } from './RecordOpinionModal';
import { OpinionStatusTag } from './status-tags';

type Filters = Pick<Partial<OpinionQuery>, 'regionCode' | 'status' | 'source' | 'overdue'>;

/**
 * 意见建议 for cadres and grid workers: the list with filters (overdue marked), recording one
 * (visit / meeting / in person / suggestion order), answering one, and the two rates on top.
 */
export default function OpinionsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const mayRecord = hasAnyPermission(me, ['cocreation.opinion']);
  const mayAnswer = hasAnyPermission(me, ['cocreation.edit']);
  const [filters, setFilters] = useState<Filters>({});
  const [items, setItems] = useState<Opinion[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [modal, setModal] = useState<'record' | 'order' | Opinion | null>(null);
  const [reloadKey, setReloadKey] = useState(0);

  const load = useCallback(() => {
    setItems(null);
    setError(undefined);
    listOpinions({ ...filters, pageSize: 20 }).then(
      (page) => {
        setItems(page.items);
        setNext(page.next);
      },
      (err: unknown) => {
        setError(errorMessage(err));
        setItems([]);
      },
    );
  }, [filters]);
  useEffect(load, [load, reloadKey]);

  const more = async () => {
    if (!next) return;
    try {
      const page = await listOpinions({ ...filters, pageSize: 20, after: next });
      setItems((prev) => [...(prev ?? []), ...page.items]);
      setNext(page.next);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const changed = () => setReloadKey((k) => k + 1);

  const columns: ColumnsType<Opinion> = [
    {
      key: 'content',
      title: t('cocreationOpinions.field.content'),
      render: (_, o) => (
        <div style={{ overflowWrap: 'anywhere' }}>
          {o.content}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {o.authorName} · {t(`cocreationOpinions.source.${o.source}`)}
            {o.orderNumber ? ` · ${o.orderNumber}` : ''}
            {o.meetingTitle ? ` · ${o.meetingTitle}` : ''}
          </Typography.Text>
          {o.answer && (
            <Typography.Text style={{ display: 'block', fontSize: 12 }}>
              {t('cocreationOpinions.field.answer')}：{o.answer}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { key: 'village', title: t('cocreationOpinions.field.village'), width: 120, render: (_, o) => o.regionName },
    {
      key: 'status',
      title: t('cocreationOpinions.field.status'),
      width: 150,
      render: (_, o) => (
        <Space size={2} wrap>
          <OpinionStatusTag status={o.status} overdue={o.overdue} />
          {o.proposalTitle && <Typography.Text type="secondary">{o.proposalTitle}</Typography.Text>}
          {o.projectTitle && <Typography.Text type="secondary">{o.projectTitle}</Typography.Text>}
        </Space>
      ),
    },
    { key: 'dueOn', title: t('cocreationOpinions.field.dueOn'), width: 110, render: (_, o) => o.dueOn },
    {
      key: 'actions',
      title: '',
      width: 90,
      render: (_, o) =>
        mayAnswer && o.status === 'open' ? (
          <Button size="small" type="primary" onClick={() => setModal(o)} data-testid="opinion-answer">
            {t('cocreationOpinions.actions.answer')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <CocreationTabs />
      <div data-testid="opinions-page">
        <Typography.Paragraph type="secondary">{t('cocreationOpinions.intro')}</Typography.Paragraph>
        <OpinionRatesCard regionCode={filters.regionCode} reloadKey={reloadKey} />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Card
          size="small"
          title={
            <Flex gap={8} wrap style={{ padding: '8px 0' }}>
              {me.role !== 'village_cadre' && me.role !== 'grid_worker' && (
                <RegionPicker
                  villagesOnly
                  allowClear
                  value={filters.regionCode}
                  onChange={(regionCode) => setFilters((f) => ({ ...f, regionCode }))}
                  placeholder={t('cocreationOpinions.field.village')}
                  style={{ minWidth: 160 }}
                />
              )}
              <Select
                allowClear
                placeholder={t('cocreationOpinions.field.status')}
                style={{ minWidth: 110 }}
                value={filters.status}
                onChange={(status) => setFilters((f) => ({ ...f, status }))}
                options={OPINION_STATUSES.map((s) => ({ value: s, label: t(`cocreationOpinions.status.${s}`) }))}
                data-testid="filter-status"
              />
              <Select
                allowClear
                placeholder={t('cocreationOpinions.field.source')}
                style={{ minWidth: 110 }}
                value={filters.source}
                onChange={(source) => setFilters((f) => ({ ...f, source }))}
                options={OPINION_SOURCES.map((s) => ({ value: s, label: t(`cocreationOpinions.source.${s}`) }))}
              />
              <Checkbox
                checked={!!filters.overdue}
                onChange={(e) => setFilters((f) => ({ ...f, overdue: e.target.checked || undefined }))}
                data-testid="filter-overdue"
              >
                {t('cocreationOpinions.filter.overdue')}
              </Checkbox>
            </Flex>
          }
          extra={
            <Space wrap size={4}>
              {mayRecord && (
                <>
                  <Button type="primary" onClick={() => setModal('record')} data-testid="opinion-record-open">
                    {t('cocreationOpinions.actions.record')}
                  </Button>
                  <Button onClick={() => setModal('order')} data-testid="opinion-from-order-open">
                    {t('cocreationOpinions.actions.fromOrder')}
                  </Button>
                </>
              )}
              <Button icon={<DownloadOutlined />} href={opinionsXlsxUrl(filters)} data-testid="opinions-xlsx">
                {t('common.exportXlsx')}
              </Button>
            </Space>
          }
          styles={{ header: { flexWrap: 'wrap' } }}
        >
          <ResponsiveList<Opinion>
            columns={columns}
            dataSource={items ?? undefined}
            loading={items === null}
            rowKey="id"
            size="small"
            pagination={false}
            locale={{ emptyText: t('cocreationOpinions.empty') }}
            onRow={(o) => ({ 'data-testid': 'opinion-row', 'data-status': o.status, 'data-overdue': String(o.overdue) })}
          />
          {next && (
            <Button block style={{ marginTop: 8 }} onClick={() => void more()} data-testid="opinions-more">
              {t('cocreationOpinions.more')}
            </Button>
          )}
        </Card>
      </div>
      {modal === 'record' && <RecordOpinionModal onDone={changed} onClose={() => setModal(null)} />}
      {modal === 'order' && <OrderOpinionModal onDone={changed} onClose={() => setModal(null)} />}
      {modal && typeof modal === 'object' && <AnswerOpinionModal opinion={modal} onDone={changed} onClose={() => setModal(null)} />}
    </>
  );
}
