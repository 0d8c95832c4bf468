import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ELECTORATES, VOTE_METHODS, type Vote } from '../../../../src/modules/cocreation/vote-schema.ts';
import type { Electorate, VoteMethod } from '../../../../src/modules/cocreation/kinds.ts';
import { errorMessage } from '../../api';
import { useMe } from '../../auth';
import { showFieldError } from '../../components/form-errors';
import { RegionPicker } from '../../people/RegionPicker';
import { createVote } from './votes-api';

interface DraftForm {
  title: string;
  regionCode: string;
  method: VoteMethod;
  electorate: Electorate;
  secret: boolean;
  quorumPct: number;
  passPct: number;
  options: { label: string }[];
  closesAt: Dayjs;
}

/** Drafts a vote: question, area, method, electorate, rules and (for single / approval) 2–10 options. */
export function CreateVoteModal({ onDone, onClose }: { onDone(v: Vote): void; onClose(): void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<DraftForm>();
  const method = Form.useWatch('method', form);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    try {
      const vote = await createVote({
        title: v.title.trim(),
        regionCode: v.regionCode,
        method: v.method,
        electorate: v.electorate,
        secret: v.secret,
        quorumPct: v.quorumPct,
        passPct: v.passPct,
        ...(v.method === 'yes_no' ? {} : { options: (v.options ?? []).map((o) => ({ label: o.label.trim() })) }),
        closesAt: v.closesAt.toISOString(),
      });
      onDone(vote);
      onClose();
    } catch (err) {
      if (!showFieldError(form, err, ['title', 'regionCode', 'options', 'closesAt', 'quorumPct', 'passPct'])) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('cocreationVotes.add')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'vote-create-submit' }}
      width={560}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          regionCode: me.role === 'village_cadre' ? me.regionCode : undefined,
          method: 'single',
          electorate: 'household',
          secret: true,
          quorumPct: 50,
          passPct: 50,
          options: [{ label: '' }, { label: '' }, { label: '' }],
          closesAt: dayjs().add(7, 'day').hour(18).minute(0).second(0),
        }}
      >
        <Form.Item name="title" label={t('cocreationVotes.form.title')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="vote-title" />
        </Form.Item>
        <Form.Item name="regionCode" label={t('cocreationVotes.form.region')} rules={[{ required: true }]}>
          <RegionPicker withGroups />
        </Form.Item>
        <Space wrap size={12} style={{ width: '100%' }}>
          <Form.Item name="method" label={t('cocreationVotes.form.method')} rules={[{ required: true }]}>
            <Select
              style={{ minWidth: 200 }}
              data-testid="vote-method"
              options={VOTE_METHODS.map((m) => ({ value: m, label: t(`cocreationVotes.method.${m}`) }))}
            />
          </Form.Item>
          <Form.Item name="electorate" label={t('cocreationVotes.form.electorate')} rules={[{ required: true }]}>
            <Select style={{ minWidth: 200 }} options={ELECTORATES.map((e) => ({ value: e, label: t(`cocreationVotes.electorate.${e}`) }))} />
          </Form.Item>
        </Space>
        {method !== 'yes_no' && (
          <Form.List name="options">
            {(fields, { add, remove }) => (
              <Form.Item label={t('cocreationVotes.form.options')} required>
                <Space direction="vertical" style={{ width: '100%' }}>
                  {fields.map((field) => (
                    <Space key={field.key} style={{ width: '100%' }} align="start">
                      <Form.Item name={[field.name, 'label']} rules={[{ required: true, whitespace: true, max: 100 }]} noStyle>
                        <Input placeholder={t('cocreationVotes.form.optionLabel')} data-testid="vote-option" style={{ width: 260, maxWidth: '60vw' }} />
                      </Form.Item>
                      {fields.length > 2 && <Button onClick={() => remove(field.name)}>−</Button>}
                    </Space>
                  ))}
                  {fields.length < 10 && <Button onClick={() => add({ label: '' })}>{t('cocreationVotes.form.addOption')}</Button>}
                </Space>
              </Form.Item>
            )}
          </Form.List>
        )}
        <Space wrap size={12}>
          <Form.Item name="quorumPct" label={t('cocreationVotes.form.quorumPct')} tooltip={t('cocreationVotes.form.quorumHint')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} data-testid="vote-quorum" />
          </Form.Item>
          <Form.Item name="passPct" label={t('cocreationVotes.form.passPct')} tooltip={t('cocreationVotes.form.passHint')} rules={[{ required: true }]}>
            <InputNumber min={1} max={100} />
          </Form.Item>
        </Space>
        <Form.Item name="secret" label={t('cocreationVotes.form.secret')} valuePropName="checked" extra={t('cocreationVotes.form.secretHint')}>
          <Switch />
        </Form.Item>
        <Form.Item name="closesAt" label={t('cocreationVotes.form.closesAt')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
