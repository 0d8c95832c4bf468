import { DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { EmbeddedMemberDetail } from '../../../src/modules/party/schema.ts';
import { useMe } from '../auth';
import { FormModal } from './FormModal';
import { createEmbedded } from './party-api';
import { RegionLevelPicker } from './RegionLevelPicker';
import { useFormSubmit } from './use-form-submit';

interface RegisterForm {
  name: string;
  workUnit: string;
  position?: string;
  villageCode: string;
  reportedOn: Dayjs;
}

const FIELDS = ['name', 'workUnit', 'position', 'villageCode', 'reportedOn'] as const;

interface RegisterEmbeddedModalProps {
  open: boolean;
  /** The village or community chosen at first (the organization's own, when it stands for one). */
  villageCode?: string;
  onClose(): void;
  onRegistered(member: EmbeddedMemberDetail): void;
}

/** 登记下沉党员 (双报到): an in-service member of another unit reports to a village or community. */
export function RegisterEmbeddedModal({ open, villageCode, onClose, onRegistered }: RegisterEmbeddedModalProps) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<RegisterForm>();
  const { saving, error, clearError, submit } = useFormSubmit(form, FIELDS);
  const required = { required: true, whitespace: true, message: t('party.form.required') };

  const close = () => {
    clearError();
    onClose();
  };
  const save = () =>
    submit(async (v) => {
      const position = v.position?.trim();
      onRegistered(
        await createEmbedded({
          name: v.name.trim(),
          workUnit: v.workUnit.trim(),
          ...(position ? { position } : {}),
          villageCode: v.villageCode,
          reportedOn: v.reportedOn.format('YYYY-MM-DD'),
        }),
      );
    });

  return (
    <FormModal open={open} title={t('party.embeddedForm.title')} testId="embedded-add" saving={saving} error={error} onOk={() => void save()} onCancel={close}>
      <Form<RegisterForm> form={form} layout="vertical" preserve={false} initialValues={{ villageCode, reportedOn: dayjs() }} onValuesChange={clearError}>
        <Form.Item name="name" label={t('party.embedded.name')} rules={[required, { max: 30 }]}>
          <Input data-testid="embedded-name" />
        </Form.Item>
        <Form.Item name="workUnit" label={t('party.embedded.workUnit')} rules={[required, { min: 2, max: 100 }]}>
          <Input placeholder={t('party.embeddedForm.workUnitPlaceholder')} data-testid="embedded-unit" />
        </Form.Item>
        <Form.Item name="position" label={t('party.embedded.position')} rules={[{ max: 50 }]}>
          <Input data-testid="embedded-position" />
        </Form.Item>
        <Form.Item name="villageCode" label={t('party.embedded.village')} rules={[{ required: true, message: t('party.form.required') }]}>
          <RegionLevelPicker rootCode={me.regionCode} levels={['village']} data-testid="embedded-village" />
        </Form.Item>
        <Form.Item name="reportedOn" label={t('party.embedded.reportedOn')} rules={[{ required: true, message: t('party.form.required') }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
