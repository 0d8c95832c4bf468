import { DatePicker, Form, Radio, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { MEMBER_STATUSES, type MemberStatus, type PartyMember, type PartyOrgDetail } from '../../../src/modules/party/schema.ts';
import { FormModal } from './FormModal';
import { addOrgMember } from './party-api';
import { ResidentSearch } from './ResidentSearch';
import { useFormSubmit } from './use-form-submit';

interface AddMemberForm {
  residentId: string;
  status: MemberStatus;
  joinedOn: Dayjs;
  centralHousehold: boolean;
}

const FIELDS = ['residentId', 'status', 'joinedOn', 'centralHousehold'] as const;

interface AddPartyMemberModalProps {
  open: boolean;
  org: PartyOrgDetail;
  onClose(): void;
  onAdded(member: PartyMember): void;
}

/** 登记党员: a registered resident of the organization's region, full or probationary, and when they joined. */
export function AddPartyMemberModal({ open, org, onClose, onAdded }: AddPartyMemberModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AddMemberForm>();
  const { saving, error, clearError, submit } = useFormSubmit(form, FIELDS);

  const close = () => {
    clearError();
    onClose();
  };
  const save = () =>
    submit(async (v) => {
      onAdded(
        await addOrgMember(org.id, {
          residentId: v.residentId,
          status: v.status,
          joinedOn: v.joinedOn.format('YYYY-MM-DD'),
          centralHousehold: v.centralHousehold,
        }),
      );
    });

  return (
    <FormModal
      open={open}
      title={t('party.memberForm.addTitle', { org: org.name })}
      testId="member-add"
      saving={saving}
      error={error}
      onOk={() => void save()}
      onCancel={close}
    >
      <Form<AddMemberForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ status: 'formal', joinedOn: dayjs(), centralHousehold: false }}
        onValuesChange={clearError}
      >
        <Form.Item name="residentId" label={t('party.memberForm.resident')} rules={[{ required: true, message: t('party.form.required') }]}>
          <ResidentSearch regionCode={org.regionCode} data-testid="member-resident" />
        </Form.Item>
        <Form.Item name="status" label={t('party.member.status')} rules={[{ required: true, message: t('party.form.required') }]}>
          <Radio.Group optionType="button" options={MEMBER_STATUSES.map((s) => ({ value: s, label: t(`party.status.${s}`) }))} data-testid="member-status" />
        </Form.Item>
        <Form.Item name="joinedOn" label={t('party.member.joinedOn')} rules={[{ required: true, message: t('party.form.required') }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="member-joined" />
        </Form.Item>
        <Form.Item name="centralHousehold" label={t('party.member.central')} valuePropName="checked" extra={t('party.memberForm.centralHelp')}>
          <Switch data-testid="member-central-switch" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
