import { Button, Card, DatePicker, Descriptions, Flex, Form, Input, InputNumber, List, Radio, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Objection } from '../../../src/modules/compacts/compact-schema.ts';
import { formatDateTime } from '../labels';
import { Refusal } from './common';
import { addObjection, answerObjection, decideFiling, listObjections, posterPdfUrl, publish, reopen, setNotice, startVote } from './compacts-api';
import { useRun, type PanelProps } from './use-run';

// Steps 7–9 and the filing: the second notice with its objections, the vote (a co-creation vote,
// whose ballots are entered on its own page), publication with the poster, the township's review.

export function NoticePanel({ c, open, mayEdit, onChange }: PanelProps) {
  const { t } = useTranslation();
  const { busy, error, run } = useRun(onChange);
  const [from, setFrom] = useState<Dayjs | null>(dayjs());
  const [days, setDays] = useState<number>(5);
  const [objections, setObjections] = useState<Objection[]>();
  const { total, unanswered } = c.objections;
  useEffect(() => {
    listObjections(c.id).then(setObjections, () => setObjections([]));
  }, [c.id, total, unanswered]);
  const editable = open && mayEdit;
  return (
    <div data-testid="notice-panel">
      <Refusal error={error} testId="notice-refusal" />
      {c.notice && (
        <Typography.Paragraph data-testid="notice-period">
          <Tag color="blue">{t('compacts.notice.period', { from: c.notice.from, until: c.notice.until, seq: c.notice.versionSeq })}</Tag>
        </Typography.Paragraph>
      )}
      {editable && (
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          <Typography.Text>{t('compacts.notice.from')}</Typography.Text>
          <DatePicker value={from} onChange={setFrom} data-testid="notice-from" />
          <Typography.Text>{t('compacts.notice.workingDays')}</Typography.Text>
          <InputNumber min={5} max={30} precision={0} value={days} onChange={(v) => setDays(v ?? 5)} data-testid="notice-days" />
          <Button
            type="primary"
            loading={busy}
            disabled={!from}
            onClick={() => void run(() => setNotice(c.id, { from: from!.format('YYYY-MM-DD'), workingDays: days }))}
            data-testid="notice-save"
          >
            {t('compacts.notice.set')}
          </Button>
        </Flex>
      )}
      <Typography.Title level={5}>
        {t('compacts.notice.objections')}（{total}）
      </Typography.Title>
      <List
        size="small"
        dataSource={objections ?? []}
        locale={{ emptyText: t('compacts.common.empty') }}
        renderItem={(o) => <ObjectionItem key={o.id} c={c} o={o} mayAnswer={mayEdit} onChange={onChange} />}
      />
      {editable && <AddObjectionForm c={c} onChange={onChange} />}
      {editable && <ReopenForm c={c} onChange={onChange} />}
    </div>
  );
}

function ObjectionItem({ c, o, mayAnswer, onChange }: { c: PanelProps['c']; o: Objection; mayAnswer: boolean; onChange: PanelProps['onChange'] }) {
  const { t } = useTranslation();
  const { busy, error, run } = useRun(onChange);
  const [answer, setAnswer] = useState('');
  return (
    <List.Item data-testid="objection-row" data-answered={o.answer ? 'yes' : 'no'}>
      <div style={{ width: '100%', minWidth: 0, overflowWrap: 'anywhere' }}>
        <strong>{o.authorName}</strong>{' '}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(o.createdAt)}
        </Typography.Text>
        <div>{o.text}</div>
        {o.answer ? (
          <Typography.Text type="success">{t('compacts.notice.answered', { answer: o.answer })}</Typography.Text>
        ) : (
          mayAnswer && (
            <Space.Compact style={{ width: '100%', maxWidth: 480, marginTop: 4 }}>
              <Input
                size="small"
                value={answer}
                onChange={(e) => setAnswer(e.target.value)}
                maxLength={500}
                placeholder={t('compacts.notice.answer')}
                data-testid="objection-answer"
              />
              <Button
                size="small"
                type="primary"
                loading={busy}
                disabled={answer.trim().length < 2}
                onClick={() => void run(() => answerObjection(c.id, o.id, answer.trim()))}
                data-testid="objection-answer-submit"
              >
                {t('compacts.notice.answer')}
              </Button>
            </Space.Compact>
          )
        )}
        <Refusal error={error} testId="objection-answer-refusal" />
      </div>
    </List.Item>
  );
}

function AddObjectionForm({ c, onChange }: { c: PanelProps['c']; onChange: PanelProps['onChange'] }) {
  const { t } = useTranslation();
  const { busy, error, run } = useRun(onChange);
  const [form] = Form.useForm<{ authorName: string; text: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    if (await run(() => addObjection(c.id, { authorName: v.authorName.trim(), text: v.text.trim() }))) form.resetFields();
  };
  return (
    <Card size="small" title={t('compacts.notice.add')} style={{ marginTop: 12 }}>
      <Refusal error={error} testId="objection-add-refusal" />
      <Form form={form} layout="vertical" style={{ maxWidth: 560 }}>
        <Form.Item name="authorName" label={t('compacts.notice.author')} rules={[{ required: true, max: 50 }]}>
          <Input data-testid="objection-add-author" />
        </Form.Item>
        <Form.Item name="text" label={t('compacts.notice.text')} rules={[{ required: true, min: 2, max: 1000 }]}>
          <Input.TextArea rows={2} data-testid="objection-add-text" />
        </Form.Item>
        <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="objection-add-submit">
          {t('compacts.notice.add')}
        </Button>
      </Form>
    </Card>
  );
}

export function VotePanel({ c, open, mayEdit, onChange }: PanelProps) {
  const { t } = useTranslation();
  const { busy, error, run } = useRun(onChange);
  const [electorate, setElectorate] = useState<'adult' | 'household'>('household');
  const [mode, setMode] = useState<'whole' | 'articles'>('whole');
  const [closesAt, setClosesAt] = useState<Dayjs | null>(dayjs().add(3, 'day').hour(18).minute(0).second(0));
  const v = c.vote;
  const statusKey = v && (v.status === 'draft' || v.status === 'open' || v.status === 'closed') ? v.status : undefined;
  return (
    <div data-testid="vote-panel">
      <Refusal error={error} testId="vote-refusal" />
      {v && (
        <Descriptions size="small" column={1} style={{ marginBottom: 12 }} data-testid="vote-status" data-status={v.status} data-passed={String(v.passed)}>
          <Descriptions.Item label={t('compacts.vote.status')}>
            {statusKey ? t(`compacts.vote.statusOf.${statusKey}`) : v.status} · {t('compacts.common.version', { seq: v.versionSeq })}
            {v.passed !== null && (
              <Tag color={v.passed ? 'green' : 'red'} style={{ marginLeft: 8 }}>
                {t(v.passed ? 'compacts.vote.passed' : 'compacts.vote.failed')}
              </Tag>
            )}
          </Descriptions.Item>
          {v.closesAt && <Descriptions.Item label={t('compacts.vote.closesAt')}>{formatDateTime(v.closesAt)}</Descriptions.Item>}
          {v.turnoutPct !== null && <Descriptions.Item label={t('compacts.vote.turnout')}>{v.turnoutPct}%</Descriptions.Item>}
          {v.mode === 'whole' && (
            <Descriptions.Item label="">
              <Link to={`/cocreation/votes/${v.id}`} data-testid="vote-link">
                {t('compacts.vote.open')}
              </Link>
            </Descriptions.Item>
          )}
          {v.mode === 'articles' && (
            <Descriptions.Item label={t('compacts.vote.byArticle')}>
              <Flex vertical gap={4} data-testid="vote-articles">
                {v.articles.map((a) => (
                  <span key={a.key}>
                    <Link to={`/cocreation/votes/${a.voteId}`}>{t('compacts.common.article', { n: a.number })}</Link>{' '}
                    {a.passed !== null ? (
                      <Tag color={a.passed ? 'green' : 'red'}>{t(a.passed ? 'compacts.vote.passed' : 'compacts.vote.failed')}</Tag>
                    ) : (
                      <Tag>{a.status === 'open' ? t('compacts.vote.statusOf.open') : a.status}</Tag>
                    )}
                    {a.turnoutPct !== null && <Typography.Text type="secondary">{a.turnoutPct}%</Typography.Text>}
                  </span>
                ))}
              </Flex>
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      {open && mayEdit && (!v || v.versionSeq !== c.versionSeq) && (
        <Form layout="vertical" style={{ maxWidth: 560 }}>
          <Form.Item label={t('compacts.vote.electorate')}>
            <Radio.Group
              value={electorate}
              onChange={(e) => setElectorate(e.target.value as 'adult' | 'household')}
              options={[
                { value: 'household', label: t('compacts.vote.household') },
                { value: 'adult', label: t('compacts.vote.adult') },
              ]}
              data-testid="vote-electorate"
            />
          </Form.Item>
          <Form.Item label={t('compacts.vote.mode')}>
            <Radio.Group
              value={mode}
              onChange={(e) => setMode(e.target.value as 'whole' | 'articles')}
              options={[
                { value: 'whole', label: t('compacts.vote.whole') },
                { value: 'articles', label: t('compacts.vote.articles') },
              ]}
              data-testid="vote-mode"
            />
          </Form.Item>
          <Form.Item label={t('compacts.vote.closesAt')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={closesAt} onChange={setClosesAt} data-testid="vote-closes" />
          </Form.Item>
          <Button
            type="primary"
            loading={busy}
            disabled={!closesAt}
            onClick={() => void run(() => startVote(c.id, { electorate, mode, closesAt: closesAt!.toISOString() }))}
            data-testid="vote-start"
          >
            {t('compacts.vote.start')}
          </Button>
        </Form>
      )}
      {open && mayEdit && v?.status === 'closed' && v.passed === false && <ReopenForm c={c} onChange={onChange} />}
    </div>
  );
}

/** Back to 修改完善 (during the notice, or after a vote that failed), with the reason. */
function ReopenForm({ c, onChange }: Pick<PanelProps, 'c' | 'onChange'>) {
  const { t } = useTranslation();
  const { busy, error, run } = useRun(onChange);
  const [reason, setReason] = useState('');
  return (
    <Card size="small" title={t('compacts.reopen.title')} style={{ marginTop: 12 }}>
      <Refusal error={error} testId="reopen-refusal" />
      <Space.Compact style={{ width: '100%' }}>
        <Input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('compacts.reopen.reason')} data-testid="reopen-reason" />
        <Button
          danger
          loading={busy}
          disabled={reason.trim().length < 2}
          onClick={() => void run(() => reopen(c.id, reason.trim()))}
          data-testid="reopen-submit"
        >
          {t('compacts.reopen.submit')}
        </Button>
      </Space.Compact>
    </Card>
  );
}

export function PublicationPanel({ c, open, mayEdit, onChange }: PanelProps) {
  const { t } = useTranslation();
  const { busy, error, run } = useRun(onChange);
  const [day, setDay] = useState<Dayjs | null>(dayjs());
  return (
    <div data-testid="publication-panel">
      <Refusal error={error} testId="publication-refusal" />
      {c.publishedOn && c.publishedVersionSeq !== null && (
        <Typography.Paragraph data-testid="publication-shown">
          {t('compacts.publication.publishedShown', { date: c.publishedOn, seq: c.publishedVersionSeq })}{' '}
          <a href={posterPdfUrl(c.id)} download data-testid="poster-pdf">
            {t('compacts.publication.poster')}
          </a>
        </Typography.Paragraph>
      )}
      {open && mayEdit && (
        <Flex gap={8} wrap align="center">
          <Typography.Text>{t('compacts.publication.publishedOn')}</Typography.Text>
          <DatePicker value={day} onChange={setDay} data-testid="publication-date" />
          <Button
            type="primary"
            loading={busy}
            disabled={!day}
            onClick={() => void run(() => publish(c.id, day!.format('YYYY-MM-DD')))}
            data-testid="publication-save"
          >
            {t('compacts.publication.publish')}
          </Button>
        </Flex>
      )}
    </div>
  );
}

export function FilingPanel({ c, open, mayReview, onChange }: PanelProps) {
  const { t } = useTranslation();
  const { busy, error, run } = useRun(onChange);
  const [note, setNote] = useState('');
  const f = c.filing;
  return (
    <div data-testid="filing-panel" data-status={f.status}>
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('compacts.filing.status')}>
          <Tag color={{ none: 'default', submitted: 'orange', accepted: 'green', returned: 'red' }[f.status]} data-testid="filing-status">
            {t(`compacts.filingStatus.${f.status}`)}
          </Tag>
          {f.submittedAt && formatDateTime(f.submittedAt)}
        </Descriptions.Item>
        {f.note && <Descriptions.Item label={t('compacts.filing.note')}>{t('compacts.filing.decidedNote', { note: f.note })}</Descriptions.Item>}
        {c.publishedOn && c.publishedVersionSeq !== null && (
          <Descriptions.Item label={t('compacts.publication.publishedOn')}>
            {c.publishedOn} · {t('compacts.common.version', { seq: c.publishedVersionSeq })}{' '}
            <a href={posterPdfUrl(c.id)} download data-testid="filing-poster-pdf">
              {t('compacts.publication.poster')}
            </a>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Refusal error={error} testId="filing-refusal" />
      {open && mayReview && c.step === 'filing' && (
        <Space direction="vertical" style={{ width: '100%', maxWidth: 560 }}>
          <Input.TextArea
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={1000}
            placeholder={t('compacts.filing.note')}
            data-testid="filing-note"
          />
          <Flex gap={8}>
            <Button
              type="primary"
              loading={busy}
              disabled={note.trim().length < 2}
              onClick={() => void run(() => decideFiling(c.id, { decision: 'accept', note: note.trim() }))}
              data-testid="filing-accept"
            >
              {t('compacts.filing.accept')}
            </Button>
            <Button
              danger
              loading={busy}
              disabled={note.trim().length < 2}
              onClick={() => void run(() => decideFiling(c.id, { decision: 'return', note: note.trim() }))}
              data-testid="filing-return"
            >
              {t('compacts.filing.return')}
            </Button>
          </Flex>
        </Space>
      )}
    </div>
  );
}
