import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, DatePicker, Flex, Input, Select, Space, type InputRef } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { WorkOrderPage, WorkOrderQuery } from '../../../src/modules/requests/schema.ts';
import { errorMessage } from '../api';
import { usePhone } from '../components/use-phone';
import { RegionPicker } from '../people/RegionPicker';
import { CategoryCascader } from './CategoryCascader';
import { CHANNELS, channelLabel, ORDER_STATUSES, statusLabel } from './request-labels';
import { listWorkOrders, workOrdersXlsxUrl, type OrderFilter } from './requests-api';
import { ShortcutsHelp } from './ShortcutsHelp';
import { useListShortcuts } from './use-list-shortcuts';
import { useTaxonomy } from './use-taxonomy';
import { WorkOrderTable } from './WorkOrderTable';

const FLAGS = ['mine', 'overdue', 'supervised'] as const;

/** The list's filters from the address bar (the export takes the same ones). */
function filterOf(p: URLSearchParams): OrderFilter {
  const status = p.get('status') ?? 'open';
  return {
    status: status === 'all' ? undefined : (status as WorkOrderQuery['status']),
    regionCode: p.get('regionCode') ?? undefined,
    categoryCode: p.get('categoryCode') ?? undefined,
    channel: (p.get('channel') as WorkOrderQuery['channel']) ?? undefined,
    q: p.get('q') ?? undefined,
    from: p.get('from') ?? undefined,
    to: p.get('to') ?? undefined,
    mine: p.get('mine') === 'true',
    overdue: p.get('overdue') === 'true',
    supervised: p.get('supervised') === 'true',
  };
}

/**
 * 工单: every order in the user's scope, filtered by status, place, category, channel, flags,
 * text and date. The filters live in the address bar, so a link or the back button keeps them.
 * At a desk: `/` search, `j`/`k` select, Enter opens, `?` lists the keys.
 */
export default function WorkOrdersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const tx = useTaxonomy();
  const [params, setParams] = useSearchParams();
  const [data, setData] = useState<WorkOrderPage>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const [search, setSearch] = useState(params.get('q') ?? '');

  const status = (params.get('status') ?? 'open') as WorkOrderQuery['status'] | 'all';
  const page = Number(params.get('page')) || 1;
  // Past the first 1,000 rows the list pages by keyset: `after` is the last order shown.
  const after = params.get('after') ?? undefined;
  const pageSize = Number(params.get('pageSize')) || 20;
  const key = params.toString();
  const phone = usePhone();
  const navigate = useNavigate();
  const searchRef = useRef<InputRef>(null);
  const keys = useListShortcuts({
    enabled: !phone,
    count: data.items.length,
    onOpen: (i) => navigate(`/work-orders/${data.items[i]!.id}`),
    onSearch: () => searchRef.current?.focus(),
    resetKey: key,
  });

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    listWorkOrders({ ...filterOf(new URLSearchParams(key)), page, pageSize, after })
      .then((d) => !cancelled && setData(d))
      .catch((err: unknown) => !cancelled && void message.error(errorMessage(err)))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [key, page, pageSize, after, tick, message]);

  /** Changes filters; any change but paging starts again at page 1. */
  const update = (next: Record<string, string | undefined>) => {
    const merged = new URLSearchParams(params);
    if (!('page' in next)) merged.delete('page');
    if (!('after' in next)) merged.delete('after');
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || v === '') merged.delete(k);
      else merged.set(k, v);
    }
    setParams(merged, { replace: true });
  };

  const from = params.get('from');
  const to = params.get('to');

  return (
    <Card
      title={t('nav.work-orders')}
      extra={
        <Space>
          {!phone && <ShortcutsHelp open={keys.help} onOpenChange={keys.setHelp} />}
          <Button icon={<DownloadOutlined />} href={workOrdersXlsxUrl(filterOf(params))} data-testid="orders-xlsx">
            {t('common.exportXlsx')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)} aria-label={t('requests.list.refresh')} />
        </Space>
      }
    >
      <Flex gap={8} wrap style={{ marginBottom: 16 }} data-testid="order-filters">
        <Select
          style={{ width: 130 }}
          value={status}
          onChange={(v) => update({ status: v === 'open' ? undefined : v })}
          options={[
            { value: 'open', label: t('requests.list.open') },
            { value: 'all', label: t('requests.list.all') },
            ...ORDER_STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) })),
          ]}
          data-testid="filter-status"
        />
        <RegionPicker value={params.get('regionCode') ?? undefined} onChange={(v) => update({ regionCode: v })} allowClear style={{ width: 200 }} />
        <CategoryCascader tx={tx} allowCategory value={params.get('categoryCode')} onChange={(v) => update({ categoryCode: v })} style={{ width: 220 }} />
        <Select
          style={{ width: 120 }}
          allowClear
          placeholder={t('requests.field.channel')}
          value={params.get('channel') ?? undefined}
          onChange={(v?: string) => update({ channel: v })}
          options={CHANNELS.map((c) => ({ value: c, label: channelLabel(t, c) }))}
        />
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          onChange={(range) => update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
        />
        <Input.Search
          ref={searchRef}
          style={{ width: 240 }}
          allowClear
          placeholder={t('requests.list.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => update({ q: v.trim() || undefined })}
          data-testid="filter-q"
        />
        {FLAGS.map((f) => (
          <Checkbox key={f} checked={params.get(f) === 'true'} onChange={(e) => update({ [f]: e.target.checked ? 'true' : undefined })}>
            {t(`requests.list.flag.${f}`)}
          </Checkbox>
        ))}
      </Flex>
      <WorkOrderTable
        data-testid="orders-table"
        orders={data.items}
        selectedId={data.items[keys.selected]?.id}
        loading={loading}
        pagination={
          after
            ? false
            : {
                current: page,
                pageSize,
                total: data.total,
                showSizeChanger: true,
                showTotal: (total) => t(data.totalCapped ? 'common.totalCapped' : 'common.total', { total }),
                onChange: (p, size) => update({ page: size === pageSize ? String(p) : undefined, pageSize: String(size) }),
              }
        }
      />
      {(after || (data.totalCapped && page * pageSize >= data.total)) && (
        <Flex gap={8} justify="end" style={{ marginTop: 12 }}>
          {after && <Button onClick={() => update({})}>{t('common.newest')}</Button>}
          {data.next && (
            <Button onClick={() => update({ after: data.next ?? undefined })} data-testid="orders-older">
              {t('common.older')}
            </Button>
          )}
        </Flex>
      )}
    </Card>
  );
}
