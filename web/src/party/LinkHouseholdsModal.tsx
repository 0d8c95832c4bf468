import { DatePicker, Form, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { LIAISON_KINDS, type Liaison, type LiaisonKind, type PartyMember } from '../../../src/modules/party/schema.ts';
import { FormModal } from './FormModal';
import { HouseholdSearch } from './HouseholdSearch';
import { MemberSelect } from './MemberSelect';
import { createLiaisons } from './party-api';
import { ResidentSearch } from './ResidentSearch';
import { useFormSubmit } from './use-form-submit';

type Linker = 'member' | 'head';

interface LinkForm {
  kind: LiaisonKind;
  linker: Linker;
  memberId?: string;
  headResidentId?: string;
  householdIds: string[];
  startedOn: Dayjs;
}

const FIELDS = ['kind', 'memberId', 'headResidentId', 'householdIds', 'startedOn'] as const;

interface LinkHouseholdsModalProps {
  open: boolean;
  /** The organization whose members are offered. */
  orgId: string;
  /** Opened from a member's row: that member links, as a 党员联户. */
  member?: PartyMember | null;
  onClose(): void;
  onLinked(links: Liaison[]): void;
}

/**
 * 建立联户关系: a member (党员联户) or a liaison head who need not be a member (十联户) takes
 * on households of their own village. A household already linked is named on the field.
 */
export function LinkHouseholdsModal({ open, orgId, member, onClose, onLinked }: LinkHouseholdsModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<LinkForm>();
  const { saving, error, clearError, submit } = useFormSubmit(form, FIELDS);
  const linker = Form.useWatch('linker', form) ?? 'member';

  const close = () => {
    clearError();
    onClose();
  };
  const save = () =>
    submit(async (v) => {
      // From a member's row the choice of linker is not shown (nor in the values): it is that member.
      const who = member || v.linker !== 'head' ? { memberId: v.memberId } : { headResidentId: v.headResidentId };
      onLinked(await createLiaisons({ kind: v.kind, ...who, householdIds: v.householdIds, startedOn: v.startedOn.format('YYYY-MM-DD') }));
    });

  return (
    <FormModal
      open={open}
      title={member ? t('party.liaisonForm.titleFor', { name: member.name }) : t('party.liaisonForm.title')}
      testId="liaison-add"
      saving={saving}
      error={error}
      onOk={() => void save()}
      onCancel={close}
    >
      <Form<LinkForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ kind: 'party_liaison', linker: 'member', memberId: member?.id, householdIds: [], startedOn: dayjs() }}
        onValuesChange={clearError}
      >
        <Form.Item name="kind" label={t('party.liaison.kind')} rules={[{ required: true, message: t('party.form.required') }]}>
          <Radio.Group optionType="button" options={LIAISON_KINDS.map((k) => ({ value: k, label: t(`party.liaisonKind.${k}`) }))} data-testid="liaison-kind" />
        </Form.Item>
        {!member && (
          <Form.Item name="linker" label={t('party.liaisonForm.linker')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'member', label: t('party.liaisonForm.linkerMember') },
                { value: 'head', label: t('party.liaisonForm.linkerHead') },
              ]}
              data-testid="liaison-linker"
            />
          </Form.Item>
        )}
        {linker === 'member' ? (
          <Form.Item name="memberId" label={t('party.liaisonForm.member')} hidden={!!member} rules={[{ required: true, message: t('party.form.required') }]}>
            <MemberSelect orgId={orgId} data-testid="liaison-member" />
          </Form.Item>
        ) : (
          <Form.Item name="headResidentId" label={t('party.liaisonForm.head')} rules={[{ required: true, message: t('party.form.required') }]}>
            <ResidentSearch data-testid="liaison-head" />
          </Form.Item>
        )}
        <Form.Item
          name="householdIds"
          label={t('party.liaisonForm.households')}
          extra={t('party.liaisonForm.householdsHelp')}
          rules={[{ required: true, type: 'array', min: 1, message: t('party.form.required') }]}
        >
          <HouseholdSearch multiple data-testid="liaison-households" />
        </Form.Item>
        <Form.Item name="startedOn" label={t('party.liaison.startedOn')} rules={[{ required: true, message: t('party.form.required') }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
