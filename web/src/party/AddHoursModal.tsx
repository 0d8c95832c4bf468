import { DatePicker, Form, Input, InputNumber } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { EmbeddedMember, EmbeddedMemberDetail } from '../../../src/modules/party/schema.ts';
import { FormModal } from './FormModal';
import { addServiceHours } from './party-api';
import { useFormSubmit } from './use-form-submit';

interface HoursForm {
  servedOn: Dayjs;
  hours: number;
  activity: string;
}

const FIELDS = ['servedOn', 'hours', 'activity'] as const;

interface AddHoursModalProps {
  /** The embedded member who served; null = closed. */
  member: EmbeddedMember | null;
  onClose(): void;
  onSaved(member: EmbeddedMemberDetail): void;
}

/** 记录服务时长: a date not before the member reported in, half hours up to 24, and what was done. */
export function AddHoursModal({ member, onClose, onSaved }: AddHoursModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<HoursForm>();
  const { saving, error, clearError, submit } = useFormSubmit(form, FIELDS);

  const close = () => {
    clearError();
    onClose();
  };
  const save = () =>
    submit(async (v) => {
      if (member) onSaved(await addServiceHours(member.id, { servedOn: v.servedOn.format('YYYY-MM-DD'), hours: v.hours, activity: v.activity.trim() }));
    });

  return (
    <FormModal
      open={member !== null}
      title={t('party.embeddedForm.hoursTitle', { name: member?.name ?? '' })}
      testId="embedded-hours"
      saving={saving}
      error={error}
      onOk={() => void save()}
      onCancel={close}
    >
      <Form<HoursForm> form={form} layout="vertical" preserve={false} initialValues={{ servedOn: dayjs(), hours: 2 }} onValuesChange={clearError}>
        <Form.Item name="servedOn" label={t('party.embedded.servedOn')} rules={[{ required: true, message: t('party.form.required') }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day') || (!!member && d.isBefore(dayjs(member.reportedOn), 'day'))} />
        </Form.Item>
        <Form.Item
          name="hours"
          label={t('party.embedded.hours')}
          extra={t('party.embeddedForm.hoursHelp')}
          rules={[{ required: true, message: t('party.form.required') }]}
        >
          <InputNumber min={0.5} max={24} step={0.5} precision={1} data-testid="embedded-hours-value" />
        </Form.Item>
        <Form.Item
          name="activity"
          label={t('party.embedded.activity')}
          rules={[
            { required: true, whitespace: true, message: t('party.form.required') },
            { min: 2, max: 200 },
          ]}
        >
          <Input placeholder={t('party.embeddedForm.activityPlaceholder')} data-testid="embedded-activity" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
