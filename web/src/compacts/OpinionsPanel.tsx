import { Button, Card, DatePicker, Flex, Form, Input, List, Radio, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompactOpinion, Version } from '../../../src/modules/compacts/compact-schema.ts';
import { OPINION_ANSWERS, type OpinionAnswer } from '../../../src/modules/compacts/kinds.ts';
import { ResidentSelect } from '../disputes/ResidentSelect';
import { formatDateTime } from '../labels';
import { Refusal } from './common';
import { addOpinion, answerOpinion, listOpinions, setConsultation } from './compacts-api';
import { useRun, type PanelProps } from './use-run';

// Step 5 (and read again at step 6): the consultation's closing date, the opinions grouped by the
// article they are about as numbered now ("原第N条" when the revision moved it), each answered
// with 采纳 / 部分采纳 / 不采纳 and a reason; an opinion entered for a household or the cadre's own.

export function OpinionsPanel({ c, open, mayEdit, onChange, version }: PanelProps & { version?: Version }) {
  const { t } = useTranslation();
  const [opinions, setOpinions] = useState<CompactOpinion[]>();
  const [loadError, setLoadError] = useState<unknown>();
  const until = useRun(onChange);
  const [untilDay, setUntilDay] = useState<Dayjs | null>(c.consultationUntil ? dayjs(c.consultationUntil) : dayjs().add(7, 'day'));
  const { total, unanswered } = c.opinions;
  const seq = c.versionSeq;
  useEffect(() => {
    listOpinions(c.id).then(setOpinions, setLoadError);
  }, [c.id, total, unanswered, seq]);

  const groups = new Map<number | null, CompactOpinion[]>();
  for (const o of opinions ?? []) groups.set(o.articleNumberNow, [...(groups.get(o.articleNumberNow) ?? []), o]);
  const order = [...groups.keys()].sort((a, b) => (a ?? 1e9) - (b ?? 1e9));
  const articleText = (n: number | null) => (n !== null ? version?.articles.find((a) => a.number === n)?.text : undefined);

  return (
    <div data-testid="opinions-panel">
      {c.step === 'consultation' && (
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          <Typography.Text>{t('compacts.opinions.until')}</Typography.Text>
          <DatePicker value={untilDay} onChange={setUntilDay} disabled={!open || !mayEdit} data-testid="consultation-until" />
          {open && mayEdit && (
            <Button
              loading={until.busy}
              disabled={!untilDay}
              onClick={() => void until.run(() => setConsultation(c.id, untilDay!.format('YYYY-MM-DD')))}
              data-testid="consultation-save"
            >
              {t('compacts.opinions.setUntil')}
            </Button>
          )}
          {c.consultationUntil && <Tag data-testid="consultation-until-shown">{t('compacts.opinions.untilShown', { date: c.consultationUntil })}</Tag>}
        </Flex>
      )}
      <Refusal error={until.error} testId="consultation-refusal" />
      <Refusal error={loadError} testId="opinions-refusal" />
      <Typography.Title level={5}>
        {t('compacts.opinions.title')}（{total}）
      </Typography.Title>
      {opinions && opinions.length === 0 && <Typography.Text type="secondary">{t('compacts.common.empty')}</Typography.Text>}
      {order.map((n) => (
        <Card
          key={String(n)}
          size="small"
          style={{ marginBottom: 8 }}
          data-testid="opinion-group"
          data-article={n ?? ''}
          title={
            <span style={{ whiteSpace: 'normal' }}>
              {n !== null ? t('compacts.common.article', { n }) : t('compacts.common.wholeText')}
              {articleText(n) && (
                <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginLeft: 8 }}>
                  {articleText(n)}
                </Typography.Text>
              )}
            </span>
          }
        >
          <List size="small" dataSource={groups.get(n)} renderItem={(o) => <OpinionItem key={o.id} c={c} o={o} mayAnswer={mayEdit} onChange={onChange} />} />
        </Card>
      ))}
      {mayEdit && c.step === 'consultation' && <AddOpinionForm c={c} version={version} onChange={onChange} />}
    </div>
  );
}

function OpinionItem({ c, o, mayAnswer, onChange }: { c: PanelProps['c']; o: CompactOpinion; mayAnswer: boolean; onChange: PanelProps['onChange'] }) {
  const { t } = useTranslation();
  const { busy, error, run } = useRun(onChange);
  const [answer, setAnswer] = useState<OpinionAnswer>('adopted');
  const [reason, setReason] = useState('');
  const moved = o.articleNumberThen !== null && o.articleNumberThen !== o.articleNumberNow;
  return (
    <List.Item
      data-testid="compact-opinion"
      data-article-now={o.articleNumberNow ?? ''}
      data-article-then={o.articleNumberThen ?? ''}
      data-source={o.source}
      data-answer={o.answer ?? ''}
    >
      <div style={{ width: '100%', minWidth: 0, overflowWrap: 'anywhere' }}>
        <Flex gap={4} wrap align="center">
          <Tag color="geekblue">{t(`compacts.source.${o.source}`)}</Tag>
          <strong>{o.authorName}</strong>
          {moved && (
            <Tag color="purple" data-testid="opinion-moved">
              {t('compacts.opinions.originally', { n: o.articleNumberThen })}
            </Tag>
          )}
          {o.articleNumberThen !== null && o.articleNumberNow === null && <Tag>{t('compacts.opinions.removed')}</Tag>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(o.createdAt)} · {t('compacts.common.version', { seq: o.versionSeq })}
          </Typography.Text>
        </Flex>
        <div data-testid="opinion-text">{o.text}</div>
        {o.answer ? (
          <div data-testid="opinion-answer">
            <Tag color={o.answer === 'not' ? 'default' : 'green'}>{t(`compacts.answer.${o.answer}`)}</Tag>
            {o.answerReason}
          </div>
        ) : mayAnswer ? (
          <Flex gap={8} wrap align="center" style={{ marginTop: 4 }}>
            <Radio.Group
              size="small"
              value={answer}
              onChange={(e) => setAnswer(e.target.value as OpinionAnswer)}
              options={OPINION_ANSWERS.map((a) => ({ value: a, label: t(`compacts.answer.${a}`) }))}
              data-testid="opinion-answer-kind"
            />
            <Space.Compact style={{ flex: '1 1 240px' }}>
              <Input
                size="small"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                maxLength={500}
                placeholder={t('compacts.opinions.reason')}
                data-testid="opinion-answer-reason"
              />
              <Button
                size="small"
                type="primary"
                loading={busy}
                disabled={reason.trim().length < 2}
                onClick={() => void run(() => answerOpinion(c.id, o.id, { answer, reason: reason.trim() }))}
                data-testid="opinion-answer-submit"
              >
                {t('compacts.opinions.answer')}
              </Button>
            </Space.Compact>
          </Flex>
        ) : (
          <Tag>{t('compacts.answer.none')}</Tag>
        )}
        <Refusal error={error} testId="opinion-answer-refusal" />
      </div>
    </List.Item>
  );
}

function AddOpinionForm({ c, version, onChange }: { c: PanelProps['c']; version?: Version; onChange: PanelProps['onChange'] }) {
  const { t } = useTranslation();
  const { busy, error, run } = useRun(onChange);
  const [form] = Form.useForm<{ source: 'visit' | 'cadre'; residentId?: string; articleKey?: string; text: string }>();
  const source = Form.useWatch('source', form);
  const submit = async () => {
    const v = await form.validateFields();
    const ok = await run(() =>
      addOpinion(c.id, {
        source: v.source,
        text: v.text.trim(),
        ...(v.articleKey ? { articleKey: v.articleKey } : {}),
        ...(v.source === 'visit' && v.residentId ? { residentId: v.residentId } : {}),
      }),
    );
    if (ok) form.resetFields(['text', 'residentId']);
  };
  return (
    <Card size="small" title={t('compacts.opinions.add')} style={{ marginTop: 12 }}>
      <Refusal error={error} testId="opinion-add-refusal" />
      <Form form={form} layout="vertical" initialValues={{ source: 'visit' }} style={{ maxWidth: 640 }}>
        <Form.Item name="source" label={t('compacts.opinions.addSource')}>
          <Radio.Group
            options={[
              { value: 'visit', label: t('compacts.opinions.sourceVisit') },
              { value: 'cadre', label: t('compacts.opinions.sourceCadre') },
            ]}
            data-testid="opinion-add-source"
          />
        </Form.Item>
        {source !== 'cadre' && (
          <Form.Item name="residentId" label={t('compacts.opinions.resident')} rules={[{ required: true }]}>
            <ResidentSelect data-testid="opinion-add-resident" />
          </Form.Item>
        )}
        <Form.Item name="articleKey" label={t('compacts.opinions.article')}>
          <Select
            allowClear
            placeholder={t('compacts.common.wholeText')}
            options={(version?.articles ?? []).map((a) => ({ value: a.key, label: `${t('compacts.common.article', { n: a.number })} ${a.text.slice(0, 20)}` }))}
            data-testid="opinion-add-article"
          />
        </Form.Item>
        <Form.Item name="text" label={t('compacts.opinions.text')} rules={[{ required: true, min: 2, max: 1000 }]}>
          <Input.TextArea rows={2} data-testid="opinion-add-text" />
        </Form.Item>
        <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="opinion-add-submit">
          {t('compacts.opinions.add')}
        </Button>
      </Form>
    </Card>
  );
}
