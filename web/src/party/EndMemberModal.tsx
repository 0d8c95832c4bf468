import { Alert, DatePicker, Form, Input, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { MEMBER_END_REASONS, type MemberEndReason, type PartyMember } from '../../../src/modules/party/schema.ts';
import { FormModal } from './FormModal';
import { endMember } from './party-api';
import { useFormSubmit } from './use-form-submit';

interface EndForm {
  reason: MemberEndReason;
  endedOn: Dayjs;
  note?: string;
}

const FIELDS = ['reason', 'endedOn', 'note'] as const;

interface EndMemberModalProps {
  /** The member whose membership ends; null = closed. */
  member: PartyMember | null;
  onClose(): void;
  onDone(member: PartyMember): void;
}

/** 组织关系转出 / 去世 / 出党: the member leaves the organization's lists, and their liaison links end with them. */
export function EndMemberModal({ member, onClose, onDone }: EndMemberModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EndForm>();
  const { saving, error, clearError, submit } = useFormSubmit(form, FIELDS);

  const close = () => {
    clearError();
    onClose();
  };
  const save = () =>
    submit(async (v) => {
      if (!member) return;
      const note = v.note?.trim();
      onDone(await endMember(member.id, { reason: v.reason, endedOn: v.endedOn.format('YYYY-MM-DD'), ...(note ? { note } : {}) }));
    });

  return (
    <FormModal
      open={member !== null}
      title={t('party.end.title', { name: member?.name ?? '' })}
      testId="member-end"
      saving={saving}
      error={error}
      danger
      intro={<Alert type="warning" showIcon title={t('party.end.explain', { count: member?.liaisonCount ?? 0 })} style={{ marginBottom: 16 }} />}
      onOk={() => void save()}
      onCancel={close}
    >
      <Form<EndForm> form={form} layout="vertical" preserve={false} initialValues={{ reason: 'transferred_out', endedOn: dayjs() }} onValuesChange={clearError}>
        <Form.Item name="reason" label={t('party.end.reason')} rules={[{ required: true, message: t('party.form.required') }]}>
          <Radio.Group
            optionType="button"
            options={MEMBER_END_REASONS.map((r) => ({ value: r, label: t(`party.endReason.${r}`) }))}
            data-testid="member-end-reason"
          />
        </Form.Item>
        <Form.Item name="endedOn" label={t('party.end.endedOn')} rules={[{ required: true, message: t('party.form.required') }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="note" label={t('party.end.note')} rules={[{ max: 200 }]}>
          <Input.TextArea rows={2} placeholder={t('party.end.notePlaceholder')} data-testid="member-end-note" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
