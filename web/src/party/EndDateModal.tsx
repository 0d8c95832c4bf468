import { DatePicker, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from './FormModal';
import { useFormSubmit } from './use-form-submit';

interface EndForm {
  endedOn: Dayjs;
}

const FIELDS = ['endedOn'] as const;

interface EndDateModalProps {
  open: boolean;
  title: ReactNode;
  /** What ending means here, shown above the date. */
  intro?: ReactNode;
  dateLabel: string;
  testId: string;
  /** A date after today may be chosen (a stewardship planned to end); links end today or earlier. */
  allowFuture?: boolean;
  /** Ends the record on the date; a server error on `endedOn` shows on the field. */
  onSubmit(endedOn: string): Promise<void>;
  onClose(): void;
}

/** Ends something that keeps its history (a liaison link, a stewardship) on a date, today by default. */
export function EndDateModal({ open, title, intro, dateLabel, testId, allowFuture, onSubmit, onClose }: EndDateModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EndForm>();
  const { saving, error, clearError, submit } = useFormSubmit(form, FIELDS);

  const close = () => {
    clearError();
    onClose();
  };

  return (
    <FormModal
      open={open}
      title={title}
      testId={testId}
      saving={saving}
      error={error}
      danger
      intro={intro}
      onOk={() => void submit((v) => onSubmit(v.endedOn.format('YYYY-MM-DD')))}
      onCancel={close}
    >
      <Form<EndForm> form={form} layout="vertical" preserve={false} initialValues={{ endedOn: dayjs() }} onValuesChange={clearError}>
        <Form.Item name="endedOn" label={dateLabel} rules={[{ required: true, message: t('party.form.required') }]}>
          <DatePicker disabledDate={(d) => !allowFuture && d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
