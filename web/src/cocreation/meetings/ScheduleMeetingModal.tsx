import { Alert, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Proposal } from '../../../../src/modules/cocreation/opinion-schema.ts';
import { MEETING_KINDS, PERSON_KINDS, type Meeting } from '../../../../src/modules/cocreation/meeting-schema.ts';
import type { MeetingKind } from '../../../../src/modules/cocreation/kinds.ts';
import { errorMessage } from '../../api';
import { useMe } from '../../auth';
import { serverFieldError } from '../../components/form-errors';
import { RegionPicker } from '../../people/RegionPicker';
import { createMeeting, listAgendaChoices } from './meetings-api';
import { PeoplePicker } from './PeoplePicker';

type Invite = 'all' | 'households' | 'persons';

interface ScheduleForm {
  kind: MeetingKind;
  regionCode: string;
  title: string;
  place?: string;
  startsAt: Dayjs;
  agenda?: string[];
  invite: Invite;
  householdIds?: string[];
  residentIds?: string[];
  invitedParties?: string[];
}

/** Field names the server may name, mapped onto this form's fields. */
const FIELD_OF: Record<string, keyof ScheduleForm> = {
  'invitations.householdIds': 'householdIds',
  'invitations.residentIds': 'residentIds',
  'invitations.allHouseholds': 'invite',
  invitations: 'invite',
  agenda: 'agenda',
  invitedParties: 'invitedParties',
  regionCode: 'regionCode',
  gridCode: 'regionCode',
  title: 'title',
  startsAt: 'startsAt',
};

/** Schedules a meeting: kind, area, time and place, agenda from the village's proposals, invitations. */
export function ScheduleMeetingModal({ onDone, onClose }: { onDone(m: Meeting): void; onClose(): void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<ScheduleForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [proposals, setProposals] = useState<Proposal[]>([]);
  const kind = Form.useWatch('kind', form) ?? 'courtyard';
  const invite = Form.useWatch('invite', form) ?? 'all';
  const regionCode = Form.useWatch('regionCode', form);
  const personsOnly = PERSON_KINDS.includes(kind);

  useEffect(() => {
    listAgendaChoices(regionCode).then(
      (ps) => setProposals(ps.filter((p) => p.status !== 'closed')),
      () => setProposals([]),
    );
  }, [regionCode]);
  useEffect(() => {
    if (personsOnly && invite !== 'persons') form.setFieldValue('invite', 'persons');
  }, [personsOnly, invite, form]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setError(null);
    try {
      const m = await createMeeting({
        kind: v.kind,
        regionCode: v.regionCode,
        title: v.title,
        place: v.place || undefined,
        startsAt: v.startsAt.toISOString(),
        agenda: v.agenda ?? [],
        invitedParties: v.invitedParties ?? [],
        invitations:
          v.invite === 'all'
            ? { allHouseholds: true }
            : v.invite === 'households'
              ? { householdIds: v.householdIds ?? [] }
              : { residentIds: v.residentIds ?? [] },
      });
      onDone(m);
    } catch (err) {
      const fe = serverFieldError(err);
      const key = fe && Object.keys(FIELD_OF).find((k) => fe.path.join('.').startsWith(k));
      if (fe && key) form.setFields([{ name: FIELD_OF[key], errors: [fe.reason] }]);
      else setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const required = [{ required: true, message: t('cocreationMeetings.form.required') }];
  return (
    <Modal
      open
      title={t('cocreationMeetings.schedule')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      width={640}
      okButtonProps={{ ...({ 'data-testid': 'meeting-schedule-ok' } as object) }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<ScheduleForm>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'courtyard', regionCode: me.regionCode, invite: 'all', startsAt: dayjs().add(1, 'day').hour(19).minute(30).second(0) }}
      >
        <Form.Item name="kind" label={t('cocreationMeetings.form.kind')} rules={required}>
          <Select options={MEETING_KINDS.map((k) => ({ value: k, label: t(`cocreationMeetings.kind.${k}`) }))} data-testid="meeting-kind" />
        </Form.Item>
        <Form.Item name="regionCode" label={t('cocreationMeetings.form.region')} rules={required}>
          <RegionPicker withGroups />
        </Form.Item>
        <Form.Item name="title" label={t('cocreationMeetings.form.title')} rules={required}>
          <Input maxLength={100} data-testid="meeting-title" />
        </Form.Item>
        <Form.Item name="place" label={t('cocreationMeetings.form.place')}>
          <Input maxLength={100} data-testid="meeting-place" />
        </Form.Item>
        <Form.Item name="startsAt" label={t('cocreationMeetings.form.startsAt')} rules={required}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="agenda" label={t('cocreationMeetings.form.agenda')}>
          <Select mode="multiple" options={proposals.map((p) => ({ value: p.id, label: p.title }))} optionFilterProp="label" data-testid="meeting-agenda" />
        </Form.Item>
        {kind === 'four_party' && (
          <Form.Item
            name="invitedParties"
            label={t('cocreationMeetings.form.invitedParties')}
            extra={t('cocreationMeetings.form.invitedPartiesHint')}
            rules={required}
          >
            <Select mode="tags" open={false} data-testid="meeting-parties" />
          </Form.Item>
        )}
        <Form.Item name="invite" label={t('cocreationMeetings.form.invite')}>
          <Radio.Group
            options={(['all', 'households', 'persons'] as const).map((k) => ({
              value: k,
              label: t(`cocreationMeetings.form.invite${k === 'all' ? 'All' : k === 'households' ? 'Households' : 'Persons'}`),
              disabled: personsOnly && k !== 'persons',
            }))}
          />
        </Form.Item>
        {invite === 'households' && (
          <Form.Item name="householdIds" label={t('cocreationMeetings.form.households')} rules={required}>
            <PeoplePicker unit="household" regionCode={regionCode} />
          </Form.Item>
        )}
        {invite === 'persons' && (
          <Form.Item name="residentIds" label={t('cocreationMeetings.form.persons')} extra={t('cocreationMeetings.form.personsHint')} rules={required}>
            <PeoplePicker unit="person" regionCode={regionCode} tag={kind === 'party_members' ? 'party_member' : undefined} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
