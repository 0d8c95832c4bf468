import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportTemplate } from '../../../src/modules/duties/schema.ts';
import type { MeasureDef } from '../../../src/modules/overview/schema.ts';
import { errorMessage } from '../api';
import { showFieldError } from '../components/form-errors';
import { createReportTemplate, getMeasures } from './duties-api';
import { DutyItemSelect } from './DutyItemSelect';

interface FieldRow {
  label: string;
  key: string;
  unit?: string;
  /** '' = not in the system: asked of villages once per period. */
  source: string;
}
interface TemplateForm {
  name: string;
  requester: string;
  fields: FieldRow[];
  dutyItemId?: string;
}

const KEY = /^[a-z][a-z0-9_.]{1,59}$/;

/** County staff add an upper-level report template: each field mapped to a platform measure, or marked not in the system. */
export function TemplateModal({ onDone, onClose }: { onDone(t: ReportTemplate): void; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<TemplateForm>();
  const fields = Form.useWatch('fields', form) ?? [];
  const asksVillages = fields.some((f) => f && !f.source);
  const [measures, setMeasures] = useState<MeasureDef[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getMeasures().then(setMeasures, () => setMeasures([]));
  }, []);
  const english = i18n.language.startsWith('en');
  const sourceOptions = [
    { value: '', label: t('duties.reports.outside') },
    ...measures.map((m) => ({ value: m.id, label: `${english ? m.nameEn : m.name}（${m.id}）` })),
  ];

  /** A picked measure names the field's key when it has none yet. */
  const onSource = (index: number, source: string) => {
    const row = form.getFieldValue(['fields', index]) as FieldRow;
    if (!row.key && source) form.setFieldValue(['fields', index, 'key'], source.replace(/\./g, '_'));
    if (!row.label && source) form.setFieldValue(['fields', index, 'label'], measures.find((m) => m.id === source)?.name ?? '');
  };

  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    try {
      const saved = await createReportTemplate({
        name: v.name.trim(),
        requester: v.requester.trim(),
        fields: v.fields.map((f) => ({
          key: f.key.trim(),
          label: f.label.trim(),
          ...(f.unit?.trim() ? { unit: f.unit.trim() } : {}),
          ...(f.source ? { measureId: f.source } : {}),
        })),
        ...(v.dutyItemId && v.fields.some((f) => !f.source) ? { dutyItemId: v.dutyItemId } : {}),
      });
      onDone(saved);
      onClose();
    } catch (err) {
      if (!showFieldError(form, err, ['name', 'requester', 'dutyItemId'])) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={760}
      title={t('dutiesBurden.templates.addTitle')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'template-submit' }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="template-error" />}
      <Form form={form} layout="vertical" initialValues={{ fields: [{ label: '', key: '', source: '' }] }}>
        <Form.Item name="name" label={t('dutiesBurden.templates.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="template-name" />
        </Form.Item>
        <Form.Item name="requester" label={t('duties.reports.requester')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="template-requester" />
        </Form.Item>
        <Typography.Text strong>{t('duties.reports.fields')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('dutiesBurden.templates.fieldsHint')}
        </Typography.Paragraph>
        <Form.List name="fields">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row) => (
                <Space key={row.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }} data-testid="template-field">
                  <Form.Item name={[row.name, 'source']} style={{ width: 260, marginBottom: 8 }}>
                    <Select
                      showSearch
                      optionFilterProp="label"
                      options={sourceOptions}
                      onChange={(v: string) => onSource(row.name, v)}
                      data-testid="template-field-source"
                      popupMatchSelectWidth={false}
                    />
                  </Form.Item>
                  <Form.Item name={[row.name, 'label']} rules={[{ required: true, whitespace: true, max: 100 }]} style={{ width: 170, marginBottom: 8 }}>
                    <Input placeholder={t('duties.reports.field')} data-testid="template-field-label" />
                  </Form.Item>
                  <Form.Item
                    name={[row.name, 'key']}
                    rules={[{ required: true, pattern: KEY, message: t('dutiesBurden.templates.keyRule') }]}
                    style={{ width: 150, marginBottom: 8 }}
                  >
                    <Input placeholder={t('dutiesBurden.templates.key')} data-testid="template-field-key" />
                  </Form.Item>
                  <Form.Item name={[row.name, 'unit']} rules={[{ max: 20 }]} style={{ width: 70, marginBottom: 8 }}>
                    <Input placeholder={t('dutiesBurden.templates.unit')} />
                  </Form.Item>
                  {rows.length > 1 && <MinusCircleOutlined style={{ marginTop: 8 }} onClick={() => remove(row.name)} />}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ label: '', key: '', source: '' })} icon={<PlusOutlined />} data-testid="template-field-add">
                {t('dutiesBurden.templates.addField')}
              </Button>
            </>
          )}
        </Form.List>
        {asksVillages && (
          <Form.Item
            name="dutyItemId"
            label={t('dutiesBurden.templates.dutyItem')}
            extra={t('dutiesBurden.templates.dutyItemHint')}
            rules={[{ required: true }]}
            style={{ marginTop: 12 }}
          >
            <DutyItemSelect />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
