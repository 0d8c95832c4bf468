import { Alert, Button, Card, Checkbox, Flex, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Article, ResidentCompact } from '../../../src/modules/compacts/compact-schema.ts';
import type { Pass } from '../../../src/modules/cocreation/pass-schema.ts';
import { ApiError } from '../api';
import { forgetPass, savedPass } from '../cocreation/resident/pass';
import { PassForm } from '../cocreation/resident/PassForm';
import { Refusal } from './common';
import { myCompacts, myObjection, myOpinion, myRead } from './compacts-api';

/**
 * The resident's compact page (/v/<village code>/compacts), with the co-creation pass: each
 * compact they may take part in, its articles with "提意见" during the consultation, their own
 * opinions with the village's answers, an objection during the notice, the way to the ballot
 * at the vote, and "我已阅知" once it is published. No codes shown; fits a 390 px phone.
 */
export default function ResidentCompactsPage() {
  const { t } = useTranslation();
  const { villageCode = '' } = useParams();
  const [pass, setPass] = useState<Pass | undefined>(() => savedPass(villageCode));
  const [list, setList] = useState<ResidentCompact[]>();
  const [error, setError] = useState<unknown>();
  const signOut = useCallback(() => {
    forgetPass(villageCode);
    setPass(undefined);
  }, [villageCode]);
  /** A refused pass (expired, another village's) asks for it again. */
  const onError = useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && err.status === 401 && err.details.field === 'pass') {
        signOut();
        return true;
      }
      return false;
    },
    [signOut],
  );
  useEffect(() => {
    if (!pass) return;
    setError(undefined);
    myCompacts(villageCode).then(setList, (err: unknown) => !onError(err) && setError(err));
  }, [villageCode, pass, onError]);
  const replace = (c: ResidentCompact) => setList((l) => l?.map((x) => (x.id === c.id ? c : x)));

  return (
    <Space direction="vertical" size={16} style={{ width: '100%', maxWidth: 640, minWidth: 0 }} data-testid="resident-compacts">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('compacts.resident.title', { village: pass?.villageName ?? '' })}
      </Typography.Title>
      <Typography.Text type="secondary">{t('compacts.resident.intro')}</Typography.Text>
      <Link to={`/v/${villageCode}`}>{t('compacts.resident.back')}</Link>
      {!pass ? (
        <PassForm villageCode={villageCode} onPass={setPass} />
      ) : (
        <>
          <Flex justify="space-between" align="center" gap={8}>
            <Typography.Text data-testid="pass-name-shown">{t('cocreation.pass.signedIn', { name: pass.name })}</Typography.Text>
            <Button size="small" onClick={signOut} data-testid="pass-sign-out">
              {t('cocreation.pass.signOut')}
            </Button>
          </Flex>
          <Refusal error={error} testId="resident-compacts-error" />
          {list && list.length === 0 && <Typography.Text type="secondary">{t('compacts.resident.none')}</Typography.Text>}
          {(list ?? []).map((c) => (
            <ResidentCompactCard key={c.id} villageCode={villageCode} c={c} onChange={replace} onError={onError} />
          ))}
        </>
      )}
    </Space>
  );
}

interface CardProps {
  villageCode: string;
  c: ResidentCompact;
  onChange(c: ResidentCompact): void;
  onError(err: unknown): boolean;
}

function ResidentCompactCard({ villageCode, c, onChange, onError }: CardProps) {
  const { t } = useTranslation();
  const [commenting, setCommenting] = useState<Article | 'whole'>();
  const [error, setError] = useState<unknown>();
  const [objection, setObjection] = useState('');
  const [objected, setObjected] = useState(false);
  const [busy, setBusy] = useState(false);
  const call = async (fn: () => Promise<ResidentCompact>) => {
    setBusy(true);
    setError(undefined);
    try {
      onChange(await fn());
      return true;
    } catch (err) {
      if (!onError(err)) setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const mineOn = (key: string | null) => c.myOpinions.filter((o) => o.articleKey === key);

  return (
    <Card
      size="small"
      data-testid="resident-compact"
      data-step={c.step}
      title={<span style={{ whiteSpace: 'normal' }}>{c.title}</span>}
      extra={<Tag color="blue">{t(`compacts.step.${c.step}`)}</Tag>}
      styles={{ body: { minWidth: 0 } }}
    >
      <Refusal error={error} testId="resident-compact-refusal" />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('compacts.common.version', { seq: c.versionSeq })}
        {c.mayComment && c.consultationUntil && ` · ${t('compacts.resident.until', { date: c.consultationUntil })}`}
        {c.noticeUntil && c.step === 'notice' && ` · ${t('compacts.resident.noticeUntil', { date: c.noticeUntil })}`}
        {c.publishedOn && ` · ${t('compacts.resident.published', { date: c.publishedOn })}`}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={c.articles}
        renderItem={(a) => (
          <List.Item data-testid="resident-article" data-number={a.number} style={{ display: 'block' }}>
            <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
              <strong>{t('compacts.common.article', { n: a.number })}</strong> <Tag>{a.topic}</Tag>
              {a.text}
            </div>
            <MyOpinions opinions={mineOn(a.key)} />
            {c.mayComment && (
              <Button size="small" style={{ marginTop: 4 }} onClick={() => setCommenting(a)} data-testid="resident-comment">
                {t('compacts.resident.comment')}
              </Button>
            )}
          </List.Item>
        )}
      />
      <MyOpinions opinions={mineOn(null)} />
      {c.mayComment && (
        <Button block style={{ marginTop: 8 }} onClick={() => setCommenting('whole')} data-testid="resident-comment-whole">
          {t('compacts.resident.commentWhole')}
        </Button>
      )}
      {c.mayObject && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
          {objected && <Alert type="success" showIcon title={t('compacts.resident.objectSent')} data-testid="resident-objection-sent" />}
          <Input.TextArea rows={2} value={objection} onChange={(e) => setObjection(e.target.value)} maxLength={1000} data-testid="resident-objection-text" />
          <Button
            block
            loading={busy}
            disabled={objection.trim().length < 2}
            onClick={() =>
              void call(() => myObjection(villageCode, c.id, objection.trim())).then((ok) => {
                if (ok) {
                  setObjection('');
                  setObjected(true);
                }
              })
            }
            data-testid="resident-objection-submit"
          >
            {t('compacts.resident.object')}
          </Button>
        </Space>
      )}
      {c.step === 'vote' && c.voteId && (
        <Link to={`/v/${villageCode}`} data-testid="resident-vote-link" style={{ display: 'block', marginTop: 12 }}>
          {t('compacts.resident.vote')}
        </Link>
      )}
      {c.readConfirmed ? (
        <Alert type="success" showIcon style={{ marginTop: 12 }} title={t('compacts.resident.readDone')} data-testid="resident-read-done" />
      ) : (
        c.mayConfirmRead && (
          <Button
            type="primary"
            block
            loading={busy}
            style={{ marginTop: 12 }}
            onClick={() => void call(() => myRead(villageCode, c.id))}
            data-testid="resident-read"
          >
            {t('compacts.resident.read')}
          </Button>
        )
      )}
      {commenting && (
        <CommentDialog
          what={commenting === 'whole' ? t('compacts.common.wholeText') : t('compacts.common.article', { n: commenting.number })}
          onSend={(text, away) => call(() => myOpinion(villageCode, c.id, { ...(commenting === 'whole' ? {} : { articleKey: commenting.key }), text, away }))}
          onClose={() => setCommenting(undefined)}
        />
      )}
    </Card>
  );
}

function MyOpinions({ opinions }: { opinions: ResidentCompact['myOpinions'] }) {
  const { t } = useTranslation();
  if (opinions.length === 0) return null;
  return (
    <div style={{ marginTop: 4, paddingLeft: 8, borderLeft: '3px solid #d9d9d9' }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('compacts.resident.mine')}
      </Typography.Text>
      {opinions.map((o) => (
        <div key={o.id} data-testid="resident-my-opinion" data-answer={o.answer ?? ''} style={{ overflowWrap: 'anywhere' }}>
          {o.text}
          <div>
            <Tag color={o.answer ? (o.answer === 'not' ? 'default' : 'green') : 'orange'} data-testid="resident-my-opinion-answer">
              {t(`compacts.answer.${o.answer ?? 'none'}`)}
            </Tag>
            {o.answerReason}
          </div>
        </div>
      ))}
    </div>
  );
}

function CommentDialog({ what, onSend, onClose }: { what: string; onSend(text: string, away: boolean): Promise<boolean>; onClose(): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [away, setAway] = useState(false);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    const ok = await onSend(text.trim(), away);
    setBusy(false);
    if (ok) onClose();
  };
  return (
    <Modal
      open
      title={t('compacts.resident.commentTitle', { what })}
      okText={t('compacts.resident.send')}
      cancelText={t('compacts.common.cancel')}
      onOk={() => void send()}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ disabled: text.trim().length < 2, 'data-testid': 'resident-comment-submit' }}
      width="min(420px, calc(100vw - 32px))"
      destroyOnHidden
    >
      <Input.TextArea
        rows={4}
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={1000}
        placeholder={t('compacts.resident.textPlaceholder')}
        data-testid="resident-comment-text"
      />
      <Checkbox checked={away} onChange={(e) => setAway(e.target.checked)} style={{ marginTop: 8 }} data-testid="resident-comment-away">
        {t('compacts.resident.away')}
      </Checkbox>
    </Modal>
  );
}
