import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PartyMember, PartyOrgNode } from '../../../src/modules/party/schema.ts';
import { FormModal } from './FormModal';
import { updateMember } from './party-api';
import { useFormSubmit } from './use-form-submit';

interface TransferForm {
  orgId: string;
}

const FIELDS = ['orgId'] as const;

interface TransferMemberModalProps {
  /** The member to transfer; null = closed. */
  member: PartyMember | null;
  /** Organizations in scope it may go to (transferTargets). */
  targets: PartyOrgNode[];
  onClose(): void;
  onDone(member: PartyMember): void;
}

/** 转接组织关系 within the county: the member moves to another organization in scope. */
export function TransferMemberModal({ member, targets, onClose, onDone }: TransferMemberModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TransferForm>();
  const { saving, error, clearError, submit } = useFormSubmit(form, FIELDS);

  const close = () => {
    clearError();
    onClose();
  };
  const save = () =>
    submit(async (v) => {
      if (member) onDone(await updateMember(member.id, { orgId: v.orgId }));
    });

  return (
    <FormModal
      open={member !== null}
      title={t('party.transfer.title', { name: member?.name ?? '' })}
      testId="member-transfer"
      saving={saving}
      error={error}
      onOk={() => void save()}
      onCancel={close}
    >
      <Form<TransferForm> form={form} layout="vertical" preserve={false} onValuesChange={clearError}>
        <Form.Item name="orgId" label={t('party.transfer.org')} rules={[{ required: true, message: t('party.form.required') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('party.transfer.orgPlaceholder')}
            options={targets.map((o) => ({ value: o.id, label: `${o.name}（${t(`party.kind.${o.kind}`)}）` }))}
            data-testid="member-transfer-org"
          />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
