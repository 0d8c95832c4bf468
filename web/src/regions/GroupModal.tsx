import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GROUP_KINDS, type GroupKind, type Region } from '../../../src/modules/regions/schema.ts';
import { kindLabel } from '../labels';
import { alertMessage, showNestedFieldError } from '../people/field-errors';
import { createGroup, updateGroup } from './regions-api';

interface GroupFormValues {
  name: string;
  kind: GroupKind;
}

interface GroupModalProps {
  villageCode: string;
  /** The group to change; null adds a new one. */
  group: Region | null;
  onClose(): void;
  onSaved(group: Region): void;
}

/** Adds a 村民小组 / 小区 / 自治单元 under a village, or renames one / changes its kind. Mounted while open. */
export function GroupModal({ villageCode, group, onClose, onSaved }: GroupModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<GroupFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      const body = { name: values.name.trim(), kind: values.kind };
      onSaved(group ? await updateGroup(group.code, body) : await createGroup(villageCode, body));
    } catch (err) {
      if (!showNestedFieldError(form, err, (p) => p.length === 1 && (p[0] === 'name' || p[0] === 'kind'))) setError(alertMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={group ? t('region.group.editTitle', { name: group.name }) : t('region.group.addTitle')}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'group-submit' }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="group-form-error" />}
      <Form<GroupFormValues>
        form={form}
        layout="vertical"
        initialValues={{ name: group?.name ?? '', kind: (group?.kind as GroupKind | null) ?? 'villager_group' }}
        onValuesChange={() => setError(null)}
        onFinish={() => void submit()}
      >
        <Form.Item name="name" label={t('region.group.name')} rules={[{ required: true, whitespace: true, message: t('people.form.required') }, { max: 50 }]}>
          <Input placeholder={t('region.group.namePlaceholder')} maxLength={50} data-testid="group-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('region.group.kind')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={GROUP_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))} data-testid="group-kind" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
