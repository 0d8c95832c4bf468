import { Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rule } from '../../../src/modules/points/points-schema.ts';
import { showFieldError } from '../components/form-errors';
import { Refusal } from './common';
import { updateRule } from './points-api';

/** How many digits of a region code a role's scope fixes: a county's 6, a township's 9, a village's 12. */
const SCOPE_DIGITS: Record<string, number> = { county_staff: 6, township_staff: 9, village_cadre: 12 };

/** Whether a rule was made within the user's own area (a village cadre cannot change the county's rules). */
export function mayChangeRule(me: { role: string; regionCode: string }, r: Rule): boolean {
  const n = SCOPE_DIGITS[me.role];
  return n !== undefined && r.regionCode.startsWith(me.regionCode.slice(0, n));
}

/**
 * A rule's new name or points. New points count from the next award; a rule that has scored
 * anyone keeps its name (the server refuses, naming the field, and the refusal shows on it).
 */
export function EditRuleModal({ rule, onDone, onClose }: { rule: Rule; onDone(): void; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string; points: number }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setError(undefined);
    try {
      const name = v.name.trim();
      await updateRule(rule.id, { ...(name !== rule.name ? { name } : {}), ...(v.points !== rule.points ? { points: v.points } : {}) });
      onDone();
      onClose();
    } catch (err) {
      if (!showFieldError(form, err, ['name', 'points'])) setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('points.rules.editTitle', { name: rule.name })}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      cancelText={t('points.common.cancel')}
      okButtonProps={{ 'data-testid': 'rule-edit-submit' }}
      width="min(520px, calc(100vw - 32px))"
      destroyOnHidden
    >
      <Refusal error={error} testId="rule-edit-refusal" />
      <Typography.Paragraph type="secondary">{t('points.rules.editHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ name: rule.name, points: rule.points }}>
        <Form.Item name="name" label={t('points.rules.field.name')} rules={[{ required: true, whitespace: true, min: 2, max: 100 }]}>
          <Input data-testid="rule-edit-name" />
        </Form.Item>
        <Form.Item
          name="points"
          label={t('points.rules.field.points')}
          rules={[
            { required: true },
            { validator: (_, v: number | undefined) => (v === 0 ? Promise.reject(new Error(t('points.rules.nonZero'))) : Promise.resolve()) },
          ]}
        >
          <InputNumber precision={0} min={-1000} max={1000} style={{ width: '100%' }} data-testid="rule-edit-points" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
