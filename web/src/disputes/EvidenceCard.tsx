import { FileImageOutlined, FileOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps, Card, Empty, Flex, Form, Input, List, Modal, Select, Tag, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisputeCaseDetail, EvidenceBody } from '../../../src/modules/disputes/schema.ts';
import { errorMessage } from '../api';
import { formatDateTime } from '../labels';
import { readAsDataUrl } from '../requests/photos';
import { postCaseAction } from './disputes-api';

type Evidence = DisputeCaseDetail['evidence'][number];

/** What the server takes (EvidenceBodySchema, DISPUTE_CASE_FILES): checked here first so nobody waits for a refusal. */
const MAX_BYTES = 10 * 1024 * 1024;
const MAX_FILES = 3;
const ACCEPT = '.jpg,.jpeg,.png,.webp,.pdf,.docx,.xlsx';
const ACCEPTED = /\.(jpe?g|png|webp|pdf|docx|xlsx)$/i;

function EvidenceIcon({ type }: { type: string }) {
  if (type.startsWith('image/')) return <FileImageOutlined />;
  if (type === 'application/pdf') return <FilePdfOutlined />;
  return <FileOutlined />;
}

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** The upload form: up to three files, what they belong to, and a short description. */
function AddEvidenceModal({
  c,
  open,
  onClose,
  onDone,
}: {
  c: DisputeCaseDetail;
  open: boolean;
  onClose: () => void;
  onDone: (after: DisputeCaseDetail) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ attachedTo: string; note?: string }>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const targets = [
    { value: 'case', label: t('disputes.evidence.targets.case') },
    ...c.sessions.map((s) => ({ value: `session:${s.id}`, label: `${t('disputes.evidence.targets.session')} · ${formatDateTime(s.heldAt)} · ${s.place}` })),
    ...(c.agreement ? [{ value: 'agreement', label: t('disputes.evidence.targets.agreement') }] : []),
  ];

  const submit = async () => {
    const values = await form.validateFields();
    if (files.length === 0) return setProblem(t('disputes.evidence.none'));
    setBusy(true);
    try {
      const [target, sessionId] = values.attachedTo.split(':') as [EvidenceBody['attachedTo'], string | undefined];
      const body: EvidenceBody = {
        files: await Promise.all(files.map(async (f) => ({ data: await readAsDataUrl(f.originFileObj as File), filename: f.name }))),
        attachedTo: target,
        ...(sessionId ? { sessionId } : {}),
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
      };
      const after = await postCaseAction(c.id, 'evidence', body);
      setFiles([]);
      form.resetFields();
      onDone(after);
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('disputes.evidence.add')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'evidence-submit' } as ButtonProps}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ attachedTo: 'case' }}>
        <Form.Item label={t('disputes.evidence.files')} extra={t('disputes.evidence.filesHelp')} required>
          <Upload
            multiple
            accept={ACCEPT}
            fileList={files}
            beforeUpload={(file) => {
              setProblem(null);
              if (!ACCEPTED.test(file.name)) setProblem(t('disputes.evidence.badType', { name: file.name }));
              else if (file.size > MAX_BYTES) setProblem(t('disputes.evidence.tooLarge', { name: file.name }));
              else
                setFiles((prev) =>
                  prev.length >= MAX_FILES
                    ? (setProblem(t('disputes.evidence.tooMany')), prev)
                    : [...prev, { uid: file.uid, name: file.name, originFileObj: file }],
                );
              return false; // sent with the form, not on its own
            }}
            onRemove={(file) => setFiles((prev) => prev.filter((f) => f.uid !== file.uid))}
          >
            <Button icon={<UploadOutlined />} data-testid="evidence-pick">
              {t('disputes.evidence.pick')}
            </Button>
          </Upload>
        </Form.Item>
        <Form.Item name="attachedTo" label={t('disputes.evidence.attachedTo')}>
          <Select options={targets} data-testid="evidence-target" />
        </Form.Item>
        <Form.Item name="note" label={t('disputes.evidence.note')}>
          <Input maxLength={500} placeholder={t('disputes.evidence.notePlaceholder')} data-testid="evidence-note" />
        </Form.Item>
        {problem && (
          <Typography.Text type="danger" data-testid="evidence-problem">
            {problem}
          </Typography.Text>
        )}
      </Form>
    </Modal>
  );
}

/**
 * 证据材料: the files a case rests on, with who added what and when and what each belongs to; the
 * mediator uploads more and marks one as shown to both parties (质证). Each file opens from the server.
 */
export function EvidenceCard({ c, onChange }: { c: DisputeCaseDetail; onChange: (after: DisputeCaseDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [marking, setMarking] = useState<string | null>(null);
  const canAdd = c.allowedActions.includes('evidence');
  const canMark = c.allowedActions.includes('evidence-shown');
  const sessionAt = (id: string | null) => c.sessions.find((s) => s.id === id)?.heldAt;

  const markShown = async (e: Evidence) => {
    setMarking(e.id);
    try {
      onChange(await postCaseAction(c.id, 'evidence-shown', { fileId: e.id }));
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setMarking(null);
    }
  };

  return (
    <Card
      size="small"
      title={t('disputes.evidence.title')}
      data-testid="evidence"
      extra={
        canAdd && (
          <Button size="small" icon={<UploadOutlined />} onClick={() => setAdding(true)} data-testid="evidence-add">
            {t('disputes.evidence.add')}
          </Button>
        )
      }
    >
      {c.evidence.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('disputes.evidence.empty')} />
      ) : (
        <List<Evidence>
          size="small"
          dataSource={c.evidence}
          renderItem={(e) => (
            <List.Item data-testid="evidence-item">
              <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
                <Flex gap={8} align="center" wrap>
                  <EvidenceIcon type={e.contentType} />
                  <Typography.Link href={`/api/v1/files/${e.id}/content`} target="_blank" rel="noopener" style={{ overflowWrap: 'anywhere' }}>
                    {e.filename}
                  </Typography.Link>
                  <Typography.Text type="secondary">{size(e.bytes)}</Typography.Text>
                  <Tag>
                    {t(`disputes.evidence.targets.${e.attachedTo}`)}
                    {e.attachedTo === 'session' && sessionAt(e.sessionId) ? ` · ${formatDateTime(sessionAt(e.sessionId)!)}` : ''}
                  </Tag>
                </Flex>
                {e.note && <Typography.Text>{e.note}</Typography.Text>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('disputes.evidence.addedBy', { name: e.addedByName, at: formatDateTime(e.addedAt) })}
                </Typography.Text>
                {e.shownAt ? (
                  <Tag color="green" style={{ alignSelf: 'flex-start' }} data-testid="evidence-shown">
                    {t('disputes.evidence.shown', { name: e.shownByName, at: formatDateTime(e.shownAt) })}
                  </Tag>
                ) : (
                  canMark && (
                    <Button
                      size="small"
                      style={{ alignSelf: 'flex-start' }}
                      loading={marking === e.id}
                      onClick={() => void markShown(e)}
                      data-testid="evidence-mark"
                    >
                      {t('disputes.evidence.markShown')}
                    </Button>
                  )
                )}
              </Flex>
            </List.Item>
          )}
        />
      )}
      <AddEvidenceModal
        c={c}
        open={adding}
        onClose={() => setAdding(false)}
        onDone={(after) => {
          setAdding(false);
          onChange(after);
          void message.success(t('disputes.evidence.uploaded', { n: after.evidence.length - c.evidence.length }));
        }}
      />
    </Card>
  );
}
