import { Alert, Button, Card, DatePicker, Form, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Report, ReportTemplate } from '../../../src/modules/duties/schema.ts';
import { errorMessage } from '../api';
import { RegionPicker } from '../people/RegionPicker';
import { generateReport } from './duties-api';

interface GenerateForm {
  templateId: string;
  regionCode?: string;
  period: [Dayjs, Dayjs];
}

/** Generates a report for a template, an area (the user's own by default) and a period. */
export function GenerateReportCard({ templates, onDone }: { templates: ReportTemplate[]; onDone(report: Report): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<GenerateForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lastMonth = dayjs().subtract(1, 'month');

  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    try {
      const [from, to] = v.period;
      onDone(await generateReport({ templateId: v.templateId, regionCode: v.regionCode, from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') }));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const required = { required: true, message: t('duties.common.required') };
  return (
    <Card title={t('duties.reports.generate')} style={{ marginBottom: 16 }} data-testid="report-generate">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ templateId: templates[0]?.id, period: [lastMonth.startOf('month'), lastMonth.endOf('month')] }}
        style={{ maxWidth: 560 }}
      >
        <Form.Item name="templateId" label={t('duties.reports.template')} rules={[required]}>
          <Select data-testid="report-template" options={templates.map((tpl) => ({ value: tpl.id, label: tpl.name }))} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('duties.reports.region')}>
          <RegionPicker allowClear data-testid="report-region" />
        </Form.Item>
        <Form.Item name="period" label={t('duties.reports.period')} rules={[required]}>
          <DatePicker.RangePicker style={{ width: '100%' }} data-testid="report-period" />
        </Form.Item>
        <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="report-submit">
          {t('duties.reports.generate')}
        </Button>
      </Form>
    </Card>
  );
}
