import { Alert, App, Button, Card, Descriptions, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { computeQuorum } from '../../../../src/modules/cocreation/meeting-quorum.ts';
import type { Attendee, Meeting } from '../../../../src/modules/cocreation/meeting-schema.ts';
import { errorMessage } from '../../api';
import { useMe } from '../../auth';
import { CocreationTabs } from '../CocreationTabs';
import { getMeeting, meetingPdfUrl, recordAttendance, STATUS_COLOR } from './meetings-api';
import { HoldMeetingCard, ResolutionsCard } from './MeetingRecordCards';
import { QuorumIndicator } from './QuorumIndicator';
import { RosterList } from './RosterList';

const EDITORS = ['county_staff', 'township_staff', 'village_cadre'];

/** One meeting: agenda, roster with attendance toggles (usable on a phone at the meeting), quorum, minutes, resolutions, PDFs. */
export default function MeetingDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const { message } = App.useApp();
  const editor = EDITORS.includes(me.role);
  const [meeting, setMeeting] = useState<Meeting | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    getMeeting(id).then(setMeeting, (err: unknown) => setError(errorMessage(err)));
  }, [id]);
  useEffect(load, [load]);

  const mark = async (a: Attendee, attendance: 'present' | 'proxy' | 'absent', proxyName?: string) => {
    if (!meeting) return;
    // Shown at once (the quorum recomputed by the same rules the server uses), then confirmed.
    const attendees = meeting.attendees.map((x) => (x.id === a.id ? { ...x, attendance, proxyName: proxyName ?? null } : x));
    setMeeting({ ...meeting, attendees, quorum: computeQuorum(meeting.kind, attendees) });
    try {
      setMeeting(await recordAttendance(meeting.id, { entries: [{ attendeeId: a.id, attendance, proxyName }] }));
    } catch (err) {
      void message.error(errorMessage(err));
      load();
    }
  };

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!meeting) return <Spin />;
  const held = meeting.status === 'held';
  return (
    <>
      <CocreationTabs />
      <div data-testid="meeting-detail" data-status={meeting.status}>
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Link to="/cocreation/meetings">{t('cocreationMeetings.detail.back')}</Link>
          <Card
            title={
              <Space wrap size={6}>
                <span style={{ whiteSpace: 'normal' }}>{meeting.title}</span>
                <Tag>{t(`cocreationMeetings.kind.${meeting.kind}`)}</Tag>
                <Tag color={STATUS_COLOR[meeting.status]}>{t(`cocreationMeetings.status.${meeting.status}`)}</Tag>
              </Space>
            }
          >
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('cocreationMeetings.col.village')}>{meeting.regionName}</Descriptions.Item>
              <Descriptions.Item label={t('cocreationMeetings.detail.startsAt')}>{dayjs(meeting.startsAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
              {meeting.place && <Descriptions.Item label={t('cocreationMeetings.detail.place')}>{meeting.place}</Descriptions.Item>}
              {meeting.invitedParties.length > 0 && (
                <Descriptions.Item label={t('cocreationMeetings.detail.parties')}>{meeting.invitedParties.join('、')}</Descriptions.Item>
              )}
              <Descriptions.Item label={t('cocreationMeetings.detail.agenda')}>
                {meeting.agenda.length ? (
                  <ol style={{ margin: 0, paddingInlineStart: 18 }}>
                    {meeting.agenda.map((a) => (
                      <li key={a.proposalId}>{a.title}</li>
                    ))}
                  </ol>
                ) : (
                  t('cocreationMeetings.detail.noAgenda')
                )}
              </Descriptions.Item>
            </Descriptions>
            <Space wrap style={{ marginTop: 8 }}>
              <Button href={meetingPdfUrl(meeting.id, 'sign-in')} target="_blank" data-testid="meeting-sign-in-pdf">
                {t('cocreationMeetings.detail.signIn')}
              </Button>
              <Button href={meetingPdfUrl(meeting.id, 'minutes')} target="_blank" data-testid="meeting-minutes-pdf">
                {t('cocreationMeetings.detail.minutesPdf')}
              </Button>
            </Space>
          </Card>
          <Card title={`${t('cocreationMeetings.detail.roster')}（${meeting.attendees.length}）`} styles={{ body: { padding: 12 } }}>
            <QuorumIndicator quorum={meeting.quorum} />
            {!held && !meeting.canTakeAttendance && (
              <Alert type="info" showIcon title={t('cocreationMeetings.detail.notStarted')} style={{ margin: '8px 0' }} />
            )}
            {held && <Alert type="info" showIcon title={t('cocreationMeetings.detail.final')} style={{ margin: '8px 0' }} />}
            <RosterList attendees={meeting.attendees} editable={editor && meeting.canTakeAttendance} onMark={(a, v, p) => void mark(a, v, p)} />
          </Card>
          {held ? (
            <Card title={t('cocreationMeetings.detail.minutes')}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="meeting-minutes">
                {meeting.minutes}
              </Typography.Paragraph>
            </Card>
          ) : (
            editor && meeting.canTakeAttendance && <HoldMeetingCard meeting={meeting} onSaved={setMeeting} />
          )}
          {held && <ResolutionsCard meeting={meeting} editable={editor} onSaved={setMeeting} />}
        </Space>
      </div>
    </>
  );
}
