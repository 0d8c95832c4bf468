import { Alert, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateOpinionBody, LinkChoices } from '../../../../src/modules/cocreation/opinion-schema.ts';
import { errorMessage } from '../../api';
import { useMe } from '../../auth';
import { showFieldError } from '../../components/form-errors';
import { RegionPicker } from '../../people/RegionPicker';
import { linkChoices, opinionFromOrder, recordOpinion } from './opinions-api';

type RecordForm = Omit<CreateOpinionBody, 'regionCode'> & { regionCode?: string };

/** A grid worker or cadre records an opinion heard on a visit, at a meeting, or in person. */
export function RecordOpinionModal({ onDone, onClose }: { onDone(): void; onClose(): void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<RecordForm>();
  const source = Form.useWatch('source', form) ?? 'visit';
  const regionCode = Form.useWatch('regionCode', form);
  const [choices, setChoices] = useState<LinkChoices>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    setChoices(undefined);
    if (regionCode) linkChoices(regionCode).then(setChoices, () => undefined);
  }, [regionCode]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v?.regionCode) return;
    setSaving(true);
    setError(undefined);
    try {
      await recordOpinion({
        source: v.source,
        regionCode: v.regionCode,
        authorName: v.authorName.trim(),
        content: v.content.trim(),
        ...(v.source === 'visit' && v.visitId ? { visitId: v.visitId } : {}),
        ...(v.source === 'meeting' && v.meetingId ? { meetingId: v.meetingId } : {}),
        ...(v.proposalId ? { proposalId: v.proposalId } : {}),
      });
      onDone();
      onClose();
    } catch (err) {
      if (!showFieldError(form, err, ['regionCode', 'authorName', 'content', 'visitId', 'meetingId', 'proposalId'])) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('cocreationOpinions.record.title')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'record-submit' }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">{t('cocreationOpinions.record.sourceHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ source: 'visit', regionCode: me.role === 'village_cadre' || me.role === 'grid_worker' ? me.regionCode : undefined }}
      >
        <Form.Item name="source">
          <Radio.Group
            optionType="button"
            data-testid="record-source"
            options={(['visit', 'meeting', 'cadre'] as const).map((s) => ({ value: s, label: t(`cocreationOpinions.source.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="regionCode" label={t('cocreationOpinions.field.village')} rules={[{ required: true }]}>
          <RegionPicker villagesOnly data-testid="record-village" />
        </Form.Item>
        {source === 'visit' && (
          <Form.Item name="visitId" label={t('cocreationOpinions.field.visit')} rules={[{ required: true }]}>
            <Select
              data-testid="record-visit"
              notFoundContent={t('cocreationOpinions.record.noVisits')}
              options={(choices?.visits ?? []).map((v) => ({ value: v.id, label: `${v.visitedOn} ${v.visitorName}${v.notes ? ` · ${v.notes}` : ''}` }))}
            />
          </Form.Item>
        )}
        {source === 'meeting' && (
          <Form.Item name="meetingId" label={t('cocreationOpinions.field.meeting')} rules={[{ required: true }]}>
            <Select
              data-testid="record-meeting"
              options={(choices?.meetings ?? []).map((m) => ({ value: m.id, label: `${m.startsAt.slice(0, 10)} ${m.title}` }))}
            />
          </Form.Item>
        )}
        <Form.Item name="authorName" label={t('cocreationOpinions.field.author')} rules={[{ required: true, whitespace: true, max: 50 }]}>
          <Input data-testid="record-author" />
        </Form.Item>
        <Form.Item name="content" label={t('cocreationOpinions.field.content')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
          <Input.TextArea rows={3} data-testid="record-content" />
        </Form.Item>
        <Form.Item name="proposalId" label={t('cocreationOpinions.field.proposal')}>
          <Select allowClear data-testid="record-proposal" options={(choices?.proposals ?? []).map((p) => ({ value: p.id, label: p.title }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One click from a suggestion work order: its number in, an opinion of its village out. */
export function OrderOpinionModal({ onDone, onClose }: { onDone(): void; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ orderNumber: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setError(undefined);
    try {
      await opinionFromOrder(v.orderNumber.trim());
      onDone();
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('cocreationOpinions.fromOrder.title')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'from-order-submit' }}
    >
      <Typography.Paragraph type="secondary">{t('cocreationOpinions.fromOrder.hint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="from-order-error" />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="orderNumber"
          label={t('cocreationOpinions.field.orderNumber')}
          rules={[{ required: true, pattern: /^\s*[0-9]{6}-[0-9]{8}-[0-9]{5}\s*$/ }]}
        >
          <Input placeholder="522631-20261123-00042" data-testid="from-order-number" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
