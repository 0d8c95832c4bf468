import { AutoComplete, Button, DatePicker, Flex, Form, Input, List, Radio, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invitation } from '../../../src/modules/compacts/compact-schema.ts';
import { VETTING_AGENCIES, type VettingAgency } from '../../../src/modules/compacts/kinds.ts';
import { ResidentSelect } from '../disputes/ResidentSelect';
import { formatDateTime } from '../labels';
import { Refusal } from './common';
import { invitationsPdfUrl, invite, saveDeliberation, setCommittee, vet } from './compacts-api';
import { useRun, type PanelProps } from './use-run';

// Steps 1–3: the 两委's deliberation, the invitation letters, the committee and its joint vetting.

/** The people usually invited (寨老、老党员…); others may be typed. */
const CAPACITIES = ['寨老', '老党员', '老干部', '房族族长', '鼓楼楼长', '外出务工代表', '妇女代表', '青年代表', '乡贤'];
const ROLES = ['主任', '副主任', '委员', '秘书'];

export function DeliberationPanel({ c, open, mayEdit, onChange }: PanelProps) {
  const { t } = useTranslation();
  const { busy, error, run } = useRun(onChange);
  const [form] = Form.useForm<{ heldOn: Dayjs; attendees: string[]; minutes: string }>();
  const d = c.deliberation;
  const editable = open && mayEdit;
  const submit = async () => {
    const v = await form.validateFields();
    await run(() =>
      saveDeliberation(c.id, { heldOn: v.heldOn.format('YYYY-MM-DD'), attendees: v.attendees.map((a) => a.trim()).filter(Boolean), minutes: v.minutes.trim() }),
    );
  };
  return (
    <>
      <Refusal error={error} testId="deliberation-refusal" />
      <Form
        form={form}
        layout="vertical"
        disabled={!editable}
        initialValues={{ heldOn: d ? dayjs(d.heldOn) : dayjs(), attendees: d?.attendees ?? [], minutes: d?.minutes ?? '' }}
        style={{ maxWidth: 640 }}
      >
        <Form.Item name="heldOn" label={t('compacts.deliberation.heldOn')} rules={[{ required: true }]}>
          <DatePicker data-testid="deliberation-date" />
        </Form.Item>
        <Form.Item name="attendees" label={t('compacts.deliberation.attendees')} rules={[{ required: true }]}>
          <Select
            mode="tags"
            open={false}
            tokenSeparators={[',', '，', ' ', '、']}
            placeholder={t('compacts.deliberation.attendeesPlaceholder')}
            data-testid="deliberation-attendees"
          />
        </Form.Item>
        <Form.Item name="minutes" label={t('compacts.deliberation.minutes')} rules={[{ required: true, max: 5000 }]}>
          <Input.TextArea rows={4} data-testid="deliberation-minutes" />
        </Form.Item>
        {editable && (
          <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="deliberation-save">
            {t('compacts.deliberation.save')}
          </Button>
        )}
      </Form>
    </>
  );
}

function InvitationList({ invitations }: { invitations: Invitation[] }) {
  const { t } = useTranslation();
  return (
    <List
      size="small"
      header={t('compacts.invitation.list')}
      dataSource={invitations}
      locale={{ emptyText: t('compacts.common.empty') }}
      renderItem={(i) => (
        <List.Item data-testid="invitation-row" data-name={i.name}>
          {i.name} <Tag>{i.capacity}</Tag>
          {i.committeeRole && <Tag color="blue">{i.committeeRole}</Tag>}
        </List.Item>
      )}
    />
  );
}

export function InvitationPanel({ c, open, mayEdit, onChange }: PanelProps) {
  const { t } = useTranslation();
  const { busy, error, run } = useRun(onChange);
  const [form] = Form.useForm<{ residentId: string; capacity: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    if (await run(() => invite(c.id, { residentId: v.residentId, capacity: v.capacity.trim() }))) form.resetFields();
  };
  return (
    <>
      <Refusal error={error} testId="invitation-refusal" />
      {open && mayEdit && (
        <Form form={form} layout="inline" style={{ marginBottom: 12, rowGap: 8 }}>
          <Form.Item name="residentId" label={t('compacts.invitation.person')} rules={[{ required: true }]} style={{ minWidth: 260 }}>
            <ResidentSelect data-testid="invitation-person" />
          </Form.Item>
          <Form.Item name="capacity" label={t('compacts.invitation.capacity')} rules={[{ required: true, max: 40 }]}>
            <AutoComplete options={CAPACITIES.map((v) => ({ value: v }))} style={{ width: 160 }} data-testid="invitation-capacity" />
          </Form.Item>
          <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="invitation-send">
            {t('compacts.invitation.send')}
          </Button>
        </Form>
      )}
      <InvitationList invitations={c.invitations} />
      {c.invitations.length > 0 && (
        <a href={invitationsPdfUrl(c.id)} download data-testid="invitation-pdf">
          {t('compacts.invitation.download')}
        </a>
      )}
    </>
  );
}

function CommitteeRow({ c, inv, editable, onChange }: { c: PanelProps['c']; inv: Invitation; editable: boolean; onChange: PanelProps['onChange'] }) {
  const { t } = useTranslation();
  const { busy, error, run } = useRun(onChange);
  const [role, setRole] = useState(inv.committeeRole ?? '');
  return (
    <List.Item data-testid="committee-row" data-name={inv.name} data-role={inv.committeeRole ?? ''}>
      <Flex gap={8} wrap align="center" style={{ width: '100%' }}>
        <span style={{ minWidth: 120 }}>
          {inv.name} <Tag>{inv.capacity}</Tag>
        </span>
        {inv.committeeRole ? <Tag color="blue">{inv.committeeRole}</Tag> : <Tag>{t('compacts.committee.notMember')}</Tag>}
        {editable && (
          <Space.Compact>
            <AutoComplete
              value={role}
              onChange={setRole}
              options={ROLES.map((v) => ({ value: v }))}
              placeholder={t('compacts.committee.role')}
              style={{ width: 120 }}
              data-testid="committee-role"
            />
            <Button loading={busy} disabled={!role.trim()} onClick={() => void run(() => setCommittee(c.id, inv.id, role.trim()))} data-testid="committee-set">
              {t('compacts.committee.setRole')}
            </Button>
            {inv.committeeRole && (
              <Button loading={busy} onClick={() => void run(() => setCommittee(c.id, inv.id, null))} data-testid="committee-remove">
                {t('compacts.committee.remove')}
              </Button>
            )}
          </Space.Compact>
        )}
        <Refusal error={error} testId="committee-refusal" />
      </Flex>
    </List.Item>
  );
}

export function CommitteePanel({ c, open, mayEdit, mayReview, onChange }: PanelProps) {
  const { t } = useTranslation();
  const { busy, error, run } = useRun(onChange);
  const [form] = Form.useForm<{ agency: VettingAgency; decision: 'approve' | 'refuse'; reviewerName: string; note: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    if (await run(() => vet(c.id, { ...v, reviewerName: v.reviewerName.trim(), note: v.note.trim() }))) form.resetFields(['reviewerName', 'note']);
  };
  return (
    <>
      <List
        size="small"
        dataSource={c.invitations}
        locale={{ emptyText: t('compacts.common.empty') }}
        renderItem={(inv) => <CommitteeRow key={`${inv.id}-${inv.committeeRole ?? ''}`} c={c} inv={inv} editable={open && mayEdit} onChange={onChange} />}
      />
      <Typography.Title level={5}>{t('compacts.committee.vettings')}</Typography.Title>
      <List
        size="small"
        dataSource={[...VETTING_AGENCIES]}
        renderItem={(a) => {
          const v = c.vettings.find((x) => x.agency === a);
          return (
            <List.Item data-testid="vetting-row" data-agency={a} data-decision={v?.decision ?? ''}>
              <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                <strong>{t(`compacts.agency.${a}`)}</strong>{' '}
                {v ? (
                  <>
                    <Tag color={v.decision === 'approve' ? 'green' : 'red'}>{t(`compacts.committee.${v.decision}`)}</Tag>
                    {v.reviewerName}：{v.note}
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {formatDateTime(v.at)}
                    </Typography.Text>
                  </>
                ) : (
                  <Tag>{t('compacts.committee.notYet')}</Tag>
                )}
              </div>
            </List.Item>
          );
        }}
      />
      {open && mayReview && (
        <>
          <Typography.Title level={5}>{t('compacts.committee.record')}</Typography.Title>
          <Refusal error={error} testId="vetting-refusal" />
          <Form form={form} layout="vertical" initialValues={{ agency: 'justice', decision: 'approve' }} style={{ maxWidth: 520 }}>
            <Form.Item name="agency" label={t('compacts.committee.agencyLabel')} rules={[{ required: true }]}>
              <Select options={VETTING_AGENCIES.map((a) => ({ value: a, label: t(`compacts.agency.${a}`) }))} data-testid="vetting-agency" />
            </Form.Item>
            <Form.Item name="decision" label={t('compacts.committee.decision')} rules={[{ required: true }]}>
              <Radio.Group
                options={[
                  { value: 'approve', label: t('compacts.committee.approve') },
                  { value: 'refuse', label: t('compacts.committee.refuse') },
                ]}
                data-testid="vetting-decision"
              />
            </Form.Item>
            <Form.Item name="reviewerName" label={t('compacts.committee.reviewer')} rules={[{ required: true, max: 50 }]}>
              <Input data-testid="vetting-reviewer" />
            </Form.Item>
            <Form.Item name="note" label={t('compacts.committee.note')} rules={[{ required: true, max: 500 }]}>
              <Input.TextArea rows={2} data-testid="vetting-note" />
            </Form.Item>
            <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="vetting-submit">
              {t('compacts.committee.record')}
            </Button>
          </Form>
        </>
      )}
    </>
  );
}
