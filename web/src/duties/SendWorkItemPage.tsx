import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WORK_ITEM_KINDS, type DutyItem, type SendResult, type SendWorkItemBody } from '../../../src/modules/duties/schema.ts';
import { errorMessage } from '../api';
import { showFieldError } from '../components/form-errors';
import { sendWorkItem } from './duties-api';
import { DutiesTabs } from './DutiesTabs';
import { DutyItemSelect } from './DutyItemSelect';
import { SendResultList } from './SendResultList';
import { VillageMultiSelect } from './VillageMultiSelect';

type SendForm = Omit<SendWorkItemBody, 'dueOn'> & { dueOn?: Dayjs; outside?: boolean };
const FIELDS = ['kind', 'title', 'content', 'targetRegionCodes', 'dutyItemId', 'dueOn', 'exceptionReason'] as const;

/** 下派事项: a department, township or the county sends a work item to villages; the lists decide, per village. */
export default function SendWorkItemPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<SendForm>();
  const outside = Form.useWatch('outside', form) ?? false;
  const [picked, setPicked] = useState<DutyItem | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<SendResult | null>(null);

  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    const body: SendWorkItemBody = {
      kind: v.kind,
      title: v.title.trim(),
      content: v.content.trim(),
      targetRegionCodes: v.targetRegionCodes,
      dutyItemId: v.outside ? undefined : v.dutyItemId,
      dueOn: v.dueOn?.format('YYYY-MM-DD'),
      exceptionReason: v.outside ? v.exceptionReason?.trim() : undefined,
    };
    setSaving(true);
    setError(null);
    try {
      setResult(await sendWorkItem(body));
    } catch (err) {
      if (!showFieldError(form, err, FIELDS)) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const required = { required: true, message: t('duties.common.required') };
  const again = () => {
    setResult(null);
    setPicked(undefined);
    form.resetFields();
  };

  return (
    <>
      <DutiesTabs />
      {result ? (
        <SendResultList result={result} onAgain={again} />
      ) : (
        <Card title={t('duties.send.title')} data-testid="send-page" style={{ maxWidth: 760 }}>
          <Typography.Paragraph type="secondary">{t('duties.send.intro')}</Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Form form={form} layout="vertical" initialValues={{ kind: 'task', outside: false }}>
            <Form.Item name="kind" label={t('duties.send.kind')} rules={[required]}>
              <Select data-testid="send-kind" options={WORK_ITEM_KINDS.map((k) => ({ value: k, label: t(`duties.kind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="title" label={t('duties.send.itemTitle')} rules={[{ ...required, whitespace: true }]}>
              <Input maxLength={100} data-testid="send-title" />
            </Form.Item>
            <Form.Item name="content" label={t('duties.send.content')} rules={[{ ...required, whitespace: true }]}>
              <Input.TextArea rows={3} maxLength={4000} data-testid="send-content" />
            </Form.Item>
            <Form.Item name="targetRegionCodes" label={t('duties.send.targets')} rules={[required]}>
              <VillageMultiSelect />
            </Form.Item>
            <Form.Item
              name="dutyItemId"
              label={t('duties.send.dutyItem')}
              rules={[{ required: !outside, message: t('duties.common.required') }]}
              extra={picked?.list === 'village_assist' ? t('duties.send.assistHint') : undefined}
            >
              <DutyItemSelect disabled={outside} onPicked={setPicked} />
            </Form.Item>
            {!outside && picked?.list === 'village_forbidden' && (
              <Alert type="error" showIcon data-testid="send-forbidden-warning" title={t('duties.send.forbiddenWarning')} style={{ marginBottom: 16 }} />
            )}
            <Form.Item name="outside" valuePropName="checked">
              <Checkbox data-testid="send-outside">{t('duties.send.outside')}</Checkbox>
            </Form.Item>
            {outside && (
              <Form.Item
                name="exceptionReason"
                label={t('duties.send.exceptionReason')}
                extra={t('duties.send.exceptionHint')}
                rules={[{ ...required, whitespace: true }]}
              >
                <Input.TextArea rows={2} maxLength={500} data-testid="send-exception-reason" />
              </Form.Item>
            )}
            <Form.Item name="dueOn" label={t('duties.send.dueOn')}>
              <DatePicker style={{ width: '100%' }} data-testid="send-due" />
            </Form.Item>
            <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="send-submit">
              {t('duties.send.submit')}
            </Button>
          </Form>
        </Card>
      )}
    </>
  );
}
