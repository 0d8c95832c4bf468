import { DownloadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Select, Space, Tooltip } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_EVENT_CODES } from '../../../src/platform/audit/events.ts';
import { AUDIT_EXPORT_LIMIT, type AuditActor, type AuditQuery } from '../../../src/platform/audit/schema.ts';
import { currentLanguage } from '../i18n';
import { auditExportUrl, listAuditActors } from './audit-api';
import { eventLabel } from './audit-labels';

type Outcome = NonNullable<AuditQuery['outcome']>;
const OUTCOMES: readonly Outcome[] = ['ok', 'denied', 'failed'];

interface FilterValues {
  actorId?: string;
  action?: string;
  outcome?: Outcome;
  range?: [Dayjs | null, Dayjs | null] | null;
}

export type AuditFilter = Pick<AuditQuery, 'actorId' | 'action' | 'outcome' | 'from' | 'to' | 'targetType' | 'targetId'>;

/**
 * Picked dates are calendar days in the county's time zone (+08:00), whatever zone the browser
 * is in, so "11月23日" means the same day the records' own timestamps do.
 */
function toFilter(v: FilterValues): AuditFilter {
  const [start, end] = v.range ?? [null, null];
  return {
    actorId: v.actorId,
    action: v.action,
    outcome: v.outcome,
    from: start ? `${start.format('YYYY-MM-DD')}T00:00:00.000+08:00` : undefined,
    to: end ? `${end.format('YYYY-MM-DD')}T23:59:59.999+08:00` : undefined,
  };
}

/** The user picker: accounts found by username or name as the auditor types. */
function ActorSelect(props: { value?: string; onChange?(v: string | undefined): void; id?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<AuditActor[]>([]);
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      listAuditActors(q)
        .then((list) => !cancelled && setOptions(list))
        .catch(() => !cancelled && setOptions([]));
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [q]);
  return (
    <Select
      {...props}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('audit.filter.actorPlaceholder')}
      style={{ width: 200 }}
      data-testid="audit-filter-actor"
      options={options.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
    />
  );
}

interface AuditFiltersProps {
  /** The filter in force, for the export link (the object filter comes from a row's link). */
  current: AuditFilter;
  onSearch(filter: AuditFilter): void;
}

export function AuditFilters({ current, onSearch }: AuditFiltersProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterValues>();
  const lang = currentLanguage();
  const eventOptions = useMemo(() => AUDIT_EVENT_CODES.map((code) => ({ value: code, label: eventLabel(code, lang) })), [lang]);
  return (
    <Form<FilterValues> form={form} layout="inline" onFinish={(v) => onSearch(toFilter(v))} style={{ rowGap: 12 }} data-testid="audit-filters">
      <Form.Item name="action" label={t('audit.filter.action')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.filter.all')}
          style={{ width: 200 }}
          options={eventOptions}
          data-testid="audit-filter-action"
        />
      </Form.Item>
      <Form.Item name="actorId" label={t('audit.filter.actor')}>
        <ActorSelect />
      </Form.Item>
      <Form.Item name="outcome" label={t('audit.filter.outcome')}>
        <Select
          allowClear
          placeholder={t('audit.filter.all')}
          style={{ width: 120 }}
          options={OUTCOMES.map((o) => ({ value: o, label: t(`audit.outcome.${o}`) }))}
        />
      </Form.Item>
      <Form.Item name="range" label={t('audit.filter.range')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} data-testid="audit-filter-range" />
      </Form.Item>
      <Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" data-testid="audit-search">
            {t('audit.filter.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              onSearch({});
            }}
          >
            {t('audit.filter.reset')}
          </Button>
          <Tooltip title={t('audit.exportHint', { limit: AUDIT_EXPORT_LIMIT })}>
            <Button icon={<DownloadOutlined />} href={auditExportUrl({ ...current, lang })} download data-testid="audit-export">
              {t('audit.export')}
            </Button>
          </Tooltip>
        </Space>
      </Form.Item>
    </Form>
  );
}
