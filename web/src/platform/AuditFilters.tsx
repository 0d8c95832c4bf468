import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AuditQuery } from '../../../src/platform/audit/schema.ts';

type Outcome = NonNullable<AuditQuery['outcome']>;
const OUTCOMES: readonly Outcome[] = ['ok', 'denied', 'failed'];

interface FilterValues {
  actor?: string;
  action?: string;
  outcome?: Outcome;
  range?: [Dayjs | null, Dayjs | null] | null;
}

export type AuditFilter = Pick<AuditQuery, 'actor' | 'action' | 'outcome' | 'from' | 'to'>;

/**
 * Picked dates are calendar days in the county's time zone (+08:00), whatever zone the browser
 * is in, so "11月23日" means the same day the records' own timestamps do.
 */
function toFilter(v: FilterValues): AuditFilter {
  const [start, end] = v.range ?? [null, null];
  return {
    actor: v.actor?.trim() || undefined,
    action: v.action?.trim() || undefined,
    outcome: v.outcome,
    from: start ? `${start.format('YYYY-MM-DD')}T00:00:00.000+08:00` : undefined,
    to: end ? `${end.format('YYYY-MM-DD')}T23:59:59.999+08:00` : undefined,
  };
}

export function AuditFilters({ onSearch }: { onSearch(filter: AuditFilter): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterValues>();
  return (
    <Form<FilterValues> form={form} layout="inline" onFinish={(v) => onSearch(toFilter(v))} style={{ rowGap: 12 }}>
      <Form.Item name="actor" label={t('audit.filter.actor')}>
        <Input allowClear style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="action" label={t('audit.filter.action')}>
        <Input allowClear style={{ width: 180 }} placeholder="auth.login" />
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
        <DatePicker.RangePicker allowEmpty={[true, true]} />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
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
        </Space>
      </Form.Item>
    </Form>
  );
}
