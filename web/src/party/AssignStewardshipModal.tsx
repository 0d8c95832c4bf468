import { DatePicker, Form, Input, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CreateStewardshipBody, Stewardship } from '../../../src/modules/party/stewardship-schema.ts';
import { useMe } from '../auth';
import { FormModal } from './FormModal';
import { HouseholdSearch } from './HouseholdSearch';
import { createStewardship } from './party-api';
import { RegionLevelPicker } from './RegionLevelPicker';
import { useFormSubmit } from './use-form-submit';

interface AssignForm {
  leader: 'self' | 'other';
  leaderName?: string;
  leaderTitle?: string;
  target: 'region' | 'household';
  targetRegionCode?: string;
  targetHouseholdId?: string;
  startedOn: Dayjs;
  endedOn?: Dayjs;
  note?: string;
}

const FIELDS = ['leaderName', 'leaderTitle', 'targetRegionCode', 'targetHouseholdId', 'startedOn', 'endedOn', 'note'] as const;

/** The body the server takes: the user's own account or a named person; a region or a household. */
function toBody(v: AssignForm, myUserId: string): CreateStewardshipBody {
  const trim = (s?: string) => s?.trim() || undefined;
  return {
    ...(v.leader === 'self' ? { leaderUserId: myUserId } : {}),
    leaderName: trim(v.leaderName),
    leaderTitle: trim(v.leaderTitle),
    ...(v.target === 'region' ? { targetRegionCode: v.targetRegionCode } : { targetHouseholdId: v.targetHouseholdId }),
    startedOn: v.startedOn.format('YYYY-MM-DD'),
    endedOn: v.endedOn?.format('YYYY-MM-DD'),
    note: trim(v.note),
  };
}

/**
 * 分配包保: a leader (the user's own account, or anyone named with a title) takes on a township,
 * village or group of the user's scope, or one household. Accounts of others cannot be listed by
 * non-administrators, so another leader is given by name.
 */
export function AssignStewardshipModal({ open, onClose, onSaved }: { open: boolean; onClose(): void; onSaved(s: Stewardship): void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<AssignForm>();
  const { saving, error, clearError, submit } = useFormSubmit(form, FIELDS);
  const leader = Form.useWatch('leader', form) ?? 'other';
  const target = Form.useWatch('target', form) ?? 'region';
  const required = { required: true, message: t('stewardship.visit.required') };

  const close = () => {
    clearError();
    onClose();
  };
  const save = () => submit(async (v) => onSaved(await createStewardship(toBody(v, me.id))));

  return (
    <FormModal
      open={open}
      title={t('stewardship.assign.title')}
      testId="stewardship-add"
      saving={saving}
      error={error}
      onOk={() => void save()}
      onCancel={close}
    >
      <Form<AssignForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ leader: 'other', target: 'region', startedOn: dayjs() }}
        onValuesChange={clearError}
      >
        <Form.Item name="leader" label={t('stewardship.assign.leader')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'other', label: t('stewardship.assign.leaderOther') },
              { value: 'self', label: t('stewardship.assign.leaderSelf', { name: me.displayName }) },
            ]}
            data-testid="stewardship-leader-mode"
          />
        </Form.Item>
        <Form.Item
          name="leaderName"
          label={t('stewardship.assign.leaderName')}
          extra={leader === 'self' ? t('stewardship.assign.leaderNameSelfHelp') : undefined}
          rules={[...(leader === 'other' ? [{ ...required, whitespace: true }] : []), { max: 50 }]}
        >
          <Input data-testid="stewardship-leader-name" />
        </Form.Item>
        <Form.Item name="leaderTitle" label={t('stewardship.column.title')} rules={[{ max: 50 }]}>
          <Input placeholder={t('stewardship.assign.leaderTitlePlaceholder')} data-testid="stewardship-leader-title" />
        </Form.Item>
        <Form.Item name="target" label={t('stewardship.column.target')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'region', label: t('stewardship.assign.targetRegion') },
              { value: 'household', label: t('stewardship.assign.targetHousehold') },
            ]}
            data-testid="stewardship-target-mode"
          />
        </Form.Item>
        {target === 'region' ? (
          <Form.Item name="targetRegionCode" label={t('stewardship.assign.region')} rules={[required]}>
            <RegionLevelPicker rootCode={me.regionCode} levels={['township', 'village', 'group']} data-testid="stewardship-region" />
          </Form.Item>
        ) : (
          <Form.Item name="targetHouseholdId" label={t('stewardship.assign.household')} rules={[required]}>
            <HouseholdSearch data-testid="stewardship-household" />
          </Form.Item>
        )}
        <Form.Item name="startedOn" label={t('stewardship.column.startedOn')} rules={[required]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="endedOn" label={t('stewardship.column.endedOn')} extra={t('stewardship.assign.endedOnHelp')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="note" label={t('stewardship.assign.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} data-testid="stewardship-note" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
