import { Alert, Button, Card, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Meeting } from '../../../../src/modules/cocreation/meeting-schema.ts';
import { errorMessage } from '../../api';
import { addResolution, holdMeeting } from './meetings-api';

interface ResolutionInput {
  text: string;
  proposalId?: string;
}

function ResolutionFields({ meeting, name }: { meeting: Meeting; name: number }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <Form.Item name={[name, 'text']} rules={[{ required: true, message: t('cocreationMeetings.form.required') }]} style={{ marginBottom: 4 }}>
        <Input.TextArea rows={2} maxLength={2000} placeholder={t('cocreationMeetings.detail.resolutionText')} data-testid="meeting-resolution-text" />
      </Form.Item>
      {meeting.agenda.length > 0 && (
        <Form.Item name={[name, 'proposalId']} style={{ marginBottom: 8 }}>
          <Select
            allowClear
            placeholder={t('cocreationMeetings.detail.resolutionProposal')}
            options={meeting.agenda.map((a) => ({ value: a.proposalId, label: a.title }))}
            data-testid="meeting-resolution-proposal"
          />
        </Form.Item>
      )}
    </Space>
  );
}

/** Marking the meeting held: the minutes, and — only with a quorum — the resolutions taken. */
export function HoldMeetingCard({ meeting, onSaved }: { meeting: Meeting; onSaved(m: Meeting): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ minutes: string; resolutions: ResolutionInput[] }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setError(null);
    try {
      onSaved(await holdMeeting(meeting.id, { minutes: v.minutes, resolutions: meeting.quorum.met ? (v.resolutions ?? []) : [] }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title={t('cocreationMeetings.detail.hold')} data-testid="meeting-hold-card">
      <Typography.Paragraph type="secondary">{t('cocreationMeetings.detail.holdHint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ resolutions: [] }}>
        <Form.Item name="minutes" label={t('cocreationMeetings.detail.minutes')} rules={[{ required: true, message: t('cocreationMeetings.form.required') }]}>
          <Input.TextArea rows={5} maxLength={20000} data-testid="meeting-minutes-input" />
        </Form.Item>
        {meeting.quorum.met ? (
          <Form.List name="resolutions">
            {(fields, { add }) => (
              <>
                <Typography.Text strong>{t('cocreationMeetings.detail.resolutions')}</Typography.Text>
                {fields.map((f) => (
                  <ResolutionFields key={f.key} meeting={meeting} name={f.name} />
                ))}
                <Button onClick={() => add({ text: '' })} style={{ display: 'block', marginBottom: 12 }} data-testid="meeting-resolution-add">
                  {t('cocreationMeetings.detail.addResolutionLine')}
                </Button>
              </>
            )}
          </Form.List>
        ) : (
          <Alert type="warning" showIcon title={t('cocreationMeetings.detail.belowQuorum')} style={{ marginBottom: 12 }} />
        )}
        <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="meeting-hold">
          {t('cocreationMeetings.detail.hold')}
        </Button>
      </Form>
    </Card>
  );
}

/** The projects page, opening the 立项 dialog filled from this resolution. */
function projectFrom(meeting: Meeting, r: Meeting['resolutions'][number]): string {
  const title = (r.proposalTitle ?? r.text).slice(0, 100);
  return `/cocreation/projects?${new URLSearchParams({ resolutionId: r.id, villageCode: meeting.regionCode.slice(0, 12), title }).toString()}`;
}

/** The numbered resolutions of a held meeting; one more may be added only when its quorum was met. */
export function ResolutionsCard({ meeting, editable, onSaved }: { meeting: Meeting; editable: boolean; onSaved(m: Meeting): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ items: ResolutionInput[] }>();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    const item = v?.items?.[0];
    if (!item) return;
    try {
      onSaved(await addResolution(meeting.id, item));
      form.resetFields();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Card title={t('cocreationMeetings.detail.resolutions')} data-testid="meeting-resolutions">
      {!meeting.quorumMet && <Alert type="warning" showIcon title={t('cocreationMeetings.detail.belowQuorum')} style={{ marginBottom: 12 }} />}
      <List
        size="small"
        dataSource={meeting.resolutions}
        locale={{ emptyText: t('cocreationMeetings.detail.noResolutions') }}
        renderItem={(r) => (
          <List.Item data-testid="meeting-resolution">
            <Space direction="vertical" size={2}>
              <Typography.Text>
                {r.seq}. {r.text}
              </Typography.Text>
              <Space size={4} wrap>
                {r.proposalTitle && <Tag>{r.proposalTitle}</Tag>}
                {r.voteId && <Tag color="blue">{t('cocreationMeetings.detail.vote')}</Tag>}
                {r.projectId && <Tag color="green">{t('cocreationMeetings.detail.project')}</Tag>}
                {!r.projectId && editable && (
                  <Link to={projectFrom(meeting, r)} data-testid="resolution-to-project">
                    {t('cocreationMeetings.detail.toProject')}
                  </Link>
                )}
              </Space>
            </Space>
          </List.Item>
        )}
      />
      {editable && meeting.quorumMet && (
        <Form form={form} layout="vertical" initialValues={{ items: [{ text: '' }] }} style={{ marginTop: 12 }}>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Form.List name="items">{(fields) => fields.map((f) => <ResolutionFields key={f.key} meeting={meeting} name={f.name} />)}</Form.List>
          <Button onClick={() => void submit()} data-testid="meeting-resolution-save">
            {t('cocreationMeetings.detail.addResolution')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
