import { UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Tabs,
  Tag,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Entry, Ineligible } from '../../../src/modules/boards/board-schema.ts';
import { BOARDS, ENTRY_STAGES, NOTICE_METHODS, type Board, type EntryStage, type NoticeMethod } from '../../../src/modules/boards/kinds.ts';
import type { Body } from '../../../src/modules/councils/council-schema.ts';
import { errorMessage } from '../api';
import { hasAnyPermission, useMe } from '../auth';
import { CouncilTabs, Refusal, useVillage, VillagePicker } from '../councils/common';
import { listBodies } from '../councils/councils-api';
import { boardCompacts } from '../compacts/compacts-api';
import type { PublicCompact } from '../../../src/modules/compacts/compact-schema.ts';
import { HouseholdSelect } from '../people/HouseholdSelect';
import { readAsDataUrl } from '../requests/photos';
import { answerObjection, decideEntry, listEntries, listIneligible, notifyEntry, proposeEntry, recordObjection } from './boards-api';

const BOARD_COLORS: Record<Board, string> = { red: 'red', black: 'default', yellow: 'gold' };
const STAGE_COLORS: Record<EntryStage, string> = {
  proposed: 'blue',
  notified: 'orange',
  objection: 'volcano',
  published: 'green',
  expired: 'default',
  withdrawn: 'default',
};
const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
const day = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD') : '');

/**
 * 红黑榜 (/boards): the village's entries in every state (expired and withdrawn kept as history),
 * proposing with evidence, recording the notice, objections and answers, the decision; and the
 * households ineligible for 评优评先 now. Cards, not a table: village cadres use it on phones.
 */
export default function BoardsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const mayEdit = hasAnyPermission(me, ['boards.edit']);
  const village = useVillage();
  const { villageCode } = village;
  const [stage, setStage] = useState<EntryStage | undefined>();
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [error, setError] = useState<string>();
  const [proposing, setProposing] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);

  const load = useCallback(() => {
    if (!villageCode) return;
    setError(undefined);
    listEntries(villageCode, stage).then(setEntries, (err: unknown) => {
      setError(errorMessage(err));
      setEntries([]);
    });
  }, [villageCode, stage]);
  useEffect(load, [load, reloadKey]);
  const replace = (e: Entry) => setEntries((list) => (list ?? []).map((x) => (x.id === e.id ? e : x)));

  return (
    <>
      <CouncilTabs />
      <div data-testid="boards-page">
        <Typography.Paragraph type="secondary">{t('boards.intro')}</Typography.Paragraph>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <VillagePicker {...village} />
        </Flex>
        {!villageCode ? (
          <Typography.Paragraph type="secondary">{t('boards.village.pick')}</Typography.Paragraph>
        ) : (
          <Tabs
            items={[
              {
                key: 'entries',
                label: t('boards.tabs.entries'),
                children: (
                  <Flex vertical gap={12}>
                    {error && <Alert type="error" showIcon title={error} />}
                    <Flex gap={8} wrap>
                      <Select<EntryStage | ''>
                        value={stage ?? ''}
                        onChange={(v) => setStage(v || undefined)}
                        style={{ minWidth: 160 }}
                        data-testid="boards-stage-filter"
                        options={[{ value: '', label: t('boards.filter.all') }, ...ENTRY_STAGES.map((s) => ({ value: s, label: t(`boards.stage.${s}`) }))]}
                      />
                      {mayEdit && (
                        <Button type="primary" onClick={() => setProposing(true)} data-testid="boards-propose-open">
                          {t('boards.propose.open')}
                        </Button>
                      )}
                    </Flex>
                    {entries?.length === 0 && <Typography.Text type="secondary">{t('boards.empty')}</Typography.Text>}
                    {entries?.map((e) => (
                      <EntryCard key={e.id} entry={e} mayEdit={mayEdit} onChange={replace} />
                    ))}
                  </Flex>
                ),
              },
              { key: 'ineligible', label: t('boards.tabs.ineligible'), children: <IneligibleList villageCode={villageCode} reloadKey={reloadKey} /> },
            ]}
          />
        )}
      </div>
      {proposing && villageCode && <ProposeModal villageCode={villageCode} onDone={() => setReloadKey((k) => k + 1)} onClose={() => setProposing(false)} />}
    </>
  );
}

function EntryCard({ entry: e, mayEdit, onChange }: { entry: Entry; mayEdit: boolean; onChange(e: Entry): void }) {
  const { t } = useTranslation();
  const [modal, setModal] = useState<'notify' | 'objection' | 'decide' | { answer: string } | null>(null);
  const [error, setError] = useState<unknown>();
  const { modal: confirm } = App.useApp();
  const open = e.status === 'proposed' || e.status === 'notified';
  const withdraw = () =>
    confirm.confirm({
      title: t('boards.action.confirmWithdraw'),
      onOk: () => decideEntry(e.id, { decision: 'withdraw' }).then(onChange, setError),
    });
  return (
    <Card
      size="small"
      data-testid="board-entry"
      data-id={e.id}
      data-stage={e.stage}
      title={
        <Flex gap={6} wrap align="center">
          <Tag color={BOARD_COLORS[e.board]}>{t(`boards.board.${e.board}`)}</Tag>
          <span style={{ whiteSpace: 'normal' }}>{e.householdName || e.householdAddress}</span>
          <Tag color={STAGE_COLORS[e.stage]} data-testid="board-entry-stage">
            {t(`boards.stage.${e.stage}`)}
          </Tag>
        </Flex>
      }
      styles={{ header: { flexWrap: 'wrap' } }}
    >
      <Flex vertical gap={4}>
        <Typography.Text>{t('boards.entry.article', { title: e.compactTitle, number: e.articleNumber })}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {e.articleText}
        </Typography.Text>
        <Typography.Text>
          {t('boards.entry.facts')}：{e.facts}
        </Typography.Text>
        <Typography.Text>
          {t('boards.entry.publicText')}：{e.publicText}
        </Typography.Text>
        <Typography.Text type="secondary">{t('boards.entry.council', { name: e.councilName })}</Typography.Text>
        <Flex gap={8} wrap>
          {t('boards.entry.evidence')}：
          {e.evidence.map((f) => (
            <a key={f.id} href={f.url} target="_blank" rel="noreferrer" data-testid="board-evidence">
              {f.filename}
            </a>
          ))}
        </Flex>
        {e.notifiedAt && (
          <Typography.Text data-testid="board-entry-window">
            {t('boards.entry.notified', { method: e.noticeMethod ? t(`boards.noticeMethod.${e.noticeMethod}`) : '', until: e.objectionUntil })}
          </Typography.Text>
        )}
        {e.publishedAt && <Typography.Text>{t('boards.entry.published', { from: day(e.publishedAt), until: day(e.publishedUntil) })}</Typography.Text>}
        {e.objections.length > 0 && (
          <Flex vertical gap={4} style={{ borderLeft: '3px solid #faad14', paddingLeft: 8 }}>
            <Typography.Text strong>{t('boards.entry.objections')}</Typography.Text>
            {e.objections.map((o) => (
              <Flex key={o.id} vertical data-testid="board-objection">
                <Typography.Text>
                  {o.raisedOn} {o.raisedBy}：{o.content}
                </Typography.Text>
                {o.answer ? (
                  <Typography.Text type="secondary">
                    {t('boards.entry.answer')}（{o.upheld ? t('boards.entry.upheld') : t('boards.entry.notUpheld')}）：{o.answer}
                  </Typography.Text>
                ) : (
                  <Flex gap={8} align="center">
                    <Tag color="volcano">{t('boards.entry.unanswered')}</Tag>
                    {mayEdit && (
                      <Button size="small" onClick={() => setModal({ answer: o.id })} data-testid="board-answer-open">
                        {t('boards.action.answer')}
                      </Button>
                    )}
                  </Flex>
                )}
              </Flex>
            ))}
          </Flex>
        )}
        <Refusal error={error} testId="board-entry-error" />
        {mayEdit && open && (
          <Space wrap style={{ marginTop: 8 }}>
            {e.status === 'proposed' && (
              <Button type="primary" onClick={() => setModal('notify')} data-testid="board-notify-open">
                {t('boards.action.notify')}
              </Button>
            )}
            {e.status === 'notified' && (
              <Button onClick={() => setModal('objection')} data-testid="board-objection-open">
                {t('boards.action.objection')}
              </Button>
            )}
            <Button type={e.status === 'notified' ? 'primary' : 'default'} onClick={() => setModal('decide')} data-testid="board-publish-open">
              {t('boards.action.publish')}
            </Button>
            <Button danger onClick={withdraw} data-testid="board-withdraw">
              {t('boards.action.withdraw')}
            </Button>
          </Space>
        )}
      </Flex>
      {modal === 'notify' && <NotifyModal entry={e} onDone={onChange} onClose={() => setModal(null)} />}
      {modal === 'objection' && <ObjectionModal entry={e} onDone={onChange} onClose={() => setModal(null)} />}
      {modal === 'decide' && <DecideModal entry={e} onDone={onChange} onClose={() => setModal(null)} />}
      {modal && typeof modal === 'object' && <AnswerModal entry={e} objectionId={modal.answer} onDone={onChange} onClose={() => setModal(null)} />}
    </Card>
  );
}

/** A dialog that sends one call and shows the server's refusal where it happened. */
function ActionModal<T extends object>({
  title,
  testId,
  initialValues,
  children,
  send,
  onDone,
  onClose,
}: {
  title: string;
  testId: string;
  initialValues?: Partial<T>;
  children: ReactNode;
  send(values: T): Promise<Entry>;
  onDone(e: Entry): void;
  onClose(): void;
}) {
  const [form] = Form.useForm<T>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setError(undefined);
    try {
      onDone(await send(v));
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={title} onOk={() => void submit()} onCancel={onClose} confirmLoading={saving} okButtonProps={{ 'data-testid': `${testId}-submit` }}>
      <Refusal error={error} testId={`${testId}-error`} />
      <Form form={form} layout="vertical" initialValues={initialValues as never}>
        {children}
      </Form>
    </Modal>
  );
}

function NotifyModal({ entry, onDone, onClose }: { entry: Entry; onDone(e: Entry): void; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <ActionModal<{ method: NoticeMethod; note?: string }>
      title={t('boards.notify.title')}
      testId="board-notify"
      initialValues={{ method: 'in_person' }}
      send={(v) => notifyEntry(entry.id, { method: v.method, ...(v.note?.trim() ? { note: v.note.trim() } : {}) })}
      onDone={onDone}
      onClose={onClose}
    >
      <Form.Item name="method" label={t('boards.notify.method')} rules={[{ required: true }]}>
        <Select options={NOTICE_METHODS.map((m) => ({ value: m, label: t(`boards.noticeMethod.${m}`) }))} />
      </Form.Item>
      <Form.Item name="note" label={t('boards.notify.note')} rules={[{ max: 500 }]}>
        <Input data-testid="board-notify-note" />
      </Form.Item>
    </ActionModal>
  );
}

function ObjectionModal({ entry, onDone, onClose }: { entry: Entry; onDone(e: Entry): void; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <ActionModal<{ raisedBy: string; content: string; raisedOn: Dayjs }>
      title={t('boards.objection.title')}
      testId="board-objection"
      initialValues={{ raisedBy: entry.householdName, raisedOn: dayjs() }}
      send={(v) => recordObjection(entry.id, { raisedBy: v.raisedBy.trim(), content: v.content.trim(), raisedOn: v.raisedOn.format('YYYY-MM-DD') })}
      onDone={onDone}
      onClose={onClose}
    >
      <Form.Item name="raisedBy" label={t('boards.objection.raisedBy')} rules={[{ required: true, whitespace: true, max: 50 }]}>
        <Input data-testid="board-objection-by" />
      </Form.Item>
      <Form.Item name="content" label={t('boards.objection.content')} rules={[{ required: true, whitespace: true, min: 2, max: 2000 }]}>
        <Input.TextArea rows={3} data-testid="board-objection-content" />
      </Form.Item>
      <Form.Item name="raisedOn" label={t('boards.objection.raisedOn')} rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
    </ActionModal>
  );
}

function AnswerModal({ entry, objectionId, onDone, onClose }: { entry: Entry; objectionId: string; onDone(e: Entry): void; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <ActionModal<{ answer: string; upheld: boolean }>
      title={t('boards.answer.title')}
      testId="board-answer"
      initialValues={{ upheld: false }}
      send={(v) => answerObjection(entry.id, objectionId, { answer: v.answer.trim(), upheld: v.upheld })}
      onDone={onDone}
      onClose={onClose}
    >
      <Form.Item name="answer" label={t('boards.answer.answer')} rules={[{ required: true, whitespace: true, min: 2, max: 2000 }]}>
        <Input.TextArea rows={3} data-testid="board-answer-text" />
      </Form.Item>
      <Form.Item name="upheld" label={t('boards.answer.upheld')} rules={[{ required: true }]}>
        <Radio.Group
          options={[
            { value: false, label: t('boards.answer.no') },
            { value: true, label: t('boards.answer.yes') },
          ]}
        />
      </Form.Item>
    </ActionModal>
  );
}

function DecideModal({ entry, onDone, onClose }: { entry: Entry; onDone(e: Entry): void; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <ActionModal<{ note?: string }>
      title={t('boards.decide.title')}
      testId="board-publish"
      send={(v) => decideEntry(entry.id, { decision: 'publish', ...(v.note?.trim() ? { note: v.note.trim() } : {}) })}
      onDone={onDone}
      onClose={onClose}
    >
      <Form.Item name="note" label={t('boards.decide.note')} rules={[{ max: 500 }]}>
        <Input data-testid="board-publish-note" />
      </Form.Item>
    </ActionModal>
  );
}

interface ProposeForm {
  householdId: string;
  board: Board;
  councilId: string;
  compactTitle: string;
  articleNumber: string;
  articleText: string;
  facts: string;
  publicText: string;
  objectionDays: number;
  publishDays: number;
}

function ProposeModal({ villageCode, onDone, onClose }: { villageCode: string; onDone(): void; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ProposeForm>();
  const [councils, setCouncils] = useState<Body[] | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  // The village's compacts in force: an article picked here fills the citation (it can still be typed).
  const [inForce, setInForce] = useState<PublicCompact[]>([]);
  useEffect(() => {
    listBodies(villageCode).then(
      (bs) => setCouncils(bs.filter((b) => b.category === 'council' && b.active)),
      (err: unknown) => setError(err),
    );
    boardCompacts(villageCode).then(setInForce, () => setInForce([]));
  }, [villageCode]);
  const citeOptions = inForce.flatMap((c) =>
    c.articles.map((a) => ({ value: `${c.id}:${a.key}`, label: `《${c.title}》第${a.number}条 ${a.text.slice(0, 30)}`, c, a })),
  );
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setError(undefined);
    try {
      const evidence = await Promise.all(files.map(async (f) => ({ data: await readAsDataUrl(f.originFileObj as File), filename: f.name.slice(0, 200) })));
      await proposeEntry({ ...v, evidence });
      onDone();
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('boards.propose.title')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okText={t('boards.propose.submit')}
      okButtonProps={{ 'data-testid': 'board-propose-submit' }}
    >
      <Refusal error={error} testId="board-propose-error" />
      {councils?.length === 0 && <Alert type="warning" showIcon title={t('boards.propose.noCouncil')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ board: 'black', objectionDays: 5, publishDays: 30 }}>
        <Form.Item name="householdId" label={t('boards.propose.household')} rules={[{ required: true }]}>
          <HouseholdPicker />
        </Form.Item>
        <Form.Item name="board" label={t('boards.propose.board')} rules={[{ required: true }]}>
          <Radio.Group data-testid="board-propose-board" options={BOARDS.map((b) => ({ value: b, label: t(`boards.board.${b}`) }))} />
        </Form.Item>
        <Form.Item name="councilId" label={t('boards.propose.council')} rules={[{ required: true }]}>
          <Select data-testid="board-propose-council" options={(councils ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        {citeOptions.length > 0 && (
          <Form.Item label={t('boards.propose.cite')}>
            <Select
              showSearch
              optionFilterProp="label"
              data-testid="board-propose-cite"
              options={citeOptions.map(({ value, label }) => ({ value, label }))}
              onChange={(v: string) => {
                const o = citeOptions.find((x) => x.value === v);
                if (o) form.setFieldsValue({ compactTitle: o.c.title, articleNumber: `第${o.a.number}条`, articleText: o.a.text });
              }}
            />
          </Form.Item>
        )}
        <Form.Item name="compactTitle" label={t('boards.propose.compactTitle')} rules={[{ required: true, whitespace: true, min: 2, max: 100 }]}>
          <Input data-testid="board-propose-compact" />
        </Form.Item>
        <Form.Item name="articleNumber" label={t('boards.propose.articleNumber')} rules={[{ required: true, whitespace: true, max: 20 }]}>
          <Input data-testid="board-propose-article" />
        </Form.Item>
        <Form.Item name="articleText" label={t('boards.propose.articleText')} rules={[{ required: true, whitespace: true, min: 2, max: 2000 }]}>
          <Input.TextArea rows={2} data-testid="board-propose-article-text" />
        </Form.Item>
        <Form.Item name="facts" label={t('boards.propose.facts')} rules={[{ required: true, whitespace: true, min: 5, max: 2000 }]}>
          <Input.TextArea rows={3} data-testid="board-propose-facts" />
        </Form.Item>
        <Form.Item name="publicText" label={t('boards.propose.publicText')} rules={[{ required: true, whitespace: true, min: 2, max: 200 }]}>
          <Input data-testid="board-propose-public" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="objectionDays" label={t('boards.propose.objectionDays')} rules={[{ required: true }]}>
            <InputNumber min={3} max={30} data-testid="board-propose-objection-days" />
          </Form.Item>
          <Form.Item name="publishDays" label={t('boards.propose.publishDays')} rules={[{ required: true }]}>
            <InputNumber min={1} max={365} data-testid="board-propose-publish-days" />
          </Form.Item>
        </Flex>
        <Form.Item label={t('boards.propose.evidence')} extra={t('boards.propose.evidenceHelp')} required>
          <Upload
            multiple
            accept="image/jpeg,image/png,image/webp,application/pdf,.docx"
            fileList={files}
            maxCount={10}
            beforeUpload={(file) => (file.size > MAX_EVIDENCE_BYTES ? Upload.LIST_IGNORE : false)}
            onChange={({ fileList }) => setFiles(fileList.slice(0, 10))}
          >
            <Button icon={<UploadOutlined />} data-testid="board-propose-evidence">
              {t('boards.propose.evidence')}
            </Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** HouseholdSelect wrapped so the form item's value flows through and tests can find it. */
function HouseholdPicker({ value, onChange }: { value?: string; onChange?(v: string | undefined): void }) {
  return (
    <div data-testid="board-propose-household">
      <HouseholdSelect value={value} onChange={onChange} />
    </div>
  );
}

function IneligibleList({ villageCode, reloadKey }: { villageCode: string; reloadKey: number }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Ineligible[] | null>(null);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    listIneligible(villageCode).then(setRows, setError);
  }, [villageCode, reloadKey]);
  return (
    <Flex vertical gap={8} data-testid="boards-ineligible">
      <Typography.Paragraph type="secondary">{t('boards.ineligible.intro')}</Typography.Paragraph>
      <Refusal error={error} testId="boards-ineligible-error" />
      {rows?.length === 0 && <Typography.Text type="secondary">{t('boards.ineligible.empty')}</Typography.Text>}
      {rows?.map((r) => (
        <Card key={r.householdId} size="small" data-testid="boards-ineligible-row">
          <Flex gap={8} wrap align="center">
            <Tag color={BOARD_COLORS[r.board]}>{t(`boards.board.${r.board}`)}</Tag>
            <Typography.Text strong>{r.householdName}</Typography.Text>
            <Typography.Text type="secondary">{r.householdAddress}</Typography.Text>
            <Typography.Text type="secondary">
              {t('boards.ineligible.until')} {day(r.publishedUntil)}
            </Typography.Text>
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}
