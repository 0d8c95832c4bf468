import { Alert, DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { PartyOrgDetail } from '../../../src/modules/party/schema.ts';
import { FormModal } from './FormModal';
import { dissolveOrg } from './party-api';
import { useFormSubmit } from './use-form-submit';

interface DissolveForm {
  reason: string;
  dissolvedOn: Dayjs;
}

const FIELDS = ['reason', 'dissolvedOn'] as const;

interface DissolveOrgModalProps {
  open: boolean;
  org: PartyOrgDetail;
  onClose(): void;
  onDissolved(org: PartyOrgDetail): void;
}

/**
 * 撤销党组织, with a reason and a date. The server refuses (409) while members or organizations
 * below remain; its message shows in the dialog's alert.
 */
export function DissolveOrgModal({ open, org, onClose, onDissolved }: DissolveOrgModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DissolveForm>();
  const { saving, error, clearError, submit } = useFormSubmit(form, FIELDS);

  const close = () => {
    clearError();
    onClose();
  };
  const save = () =>
    submit(async (v) => {
      onDissolved(await dissolveOrg(org.id, { reason: v.reason.trim(), dissolvedOn: v.dissolvedOn.format('YYYY-MM-DD') }));
    });

  return (
    <FormModal
      open={open}
      title={t('party.dissolve.title', { name: org.name })}
      testId="org-dissolve"
      saving={saving}
      error={error}
      danger
      intro={<Alert type="warning" showIcon title={t('party.dissolve.explain')} style={{ marginBottom: 16 }} />}
      onOk={() => void save()}
      onCancel={close}
    >
      <Form<DissolveForm> form={form} layout="vertical" preserve={false} initialValues={{ dissolvedOn: dayjs() }} onValuesChange={clearError}>
        <Form.Item
          name="reason"
          label={t('party.dissolve.reason')}
          rules={[
            { required: true, whitespace: true, message: t('party.form.required') },
            { min: 4, max: 200, message: t('party.form.reasonLength') },
          ]}
        >
          <Input.TextArea rows={2} placeholder={t('party.dissolve.reasonPlaceholder')} data-testid="org-dissolve-reason" />
        </Form.Item>
        <Form.Item name="dissolvedOn" label={t('party.dissolve.dissolvedOn')} rules={[{ required: true, message: t('party.form.required') }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
