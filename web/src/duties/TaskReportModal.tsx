import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Select, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task, TaskReportBody } from '../../../src/modules/duties/task-schema.ts';
import { errorMessage } from '../api';
import { showFieldError } from '../components/form-errors';
import { readAsDataUrl } from '../requests/photos';
import { reportTask } from './ledger-api';

/** What the server takes (TASK_REPORT_FILES): checked here first so nobody waits for a refusal. */
const MAX_BYTES = 10 * 1024 * 1024;
const MAX_FILES = 5;
const ACCEPT = '.jpg,.jpeg,.png,.webp,.pdf,.docx,.xlsx';
const ACCEPTED = /\.(jpe?g|png|webp|pdf|docx|xlsx)$/i;

interface TaskReportModalProps {
  task: Task;
  /** The measure's name, when the task's figure is read from the system. */
  measureName: string | null;
  onDone(): void;
  onClose(): void;
}

/** The lead unit reports a task's progress; the figure, if any, comes from the system. */
export function TaskReportModal({ task, measureName, onDone, onClose }: TaskReportModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TaskReportBody>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    try {
      const attached = await Promise.all(files.map(async (f) => ({ data: await readAsDataUrl(f.originFileObj as File), filename: f.name.slice(0, 200) })));
      await reportTask(task.id, { status: v.status, progress: v.progress.trim(), ...(attached.length ? { files: attached } : {}) });
      onDone();
      onClose();
    } catch (err) {
      // A refused attachment names `files[i]`: no form field of that name, so it shows above the form.
      if (!showFieldError(form, err, ['status', 'progress'])) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('dutiesLedger.tasks.reportTitle', { title: task.title })}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'task-report-submit' }}
    >
      {measureName && <Alert type="info" showIcon title={t('dutiesLedger.tasks.figureNote', { measure: measureName })} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ status: task.status ?? 'on_track' }}>
        <Form.Item name="status" label={t('dutiesLedger.tasks.statusField')} rules={[{ required: true }]}>
          <Select
            data-testid="task-report-status"
            options={(['on_track', 'delayed', 'done'] as const).map((s) => ({ value: s, label: t(`dutiesLedger.tasks.statusName.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="progress" label={t('dutiesLedger.tasks.progressField')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
          <Input.TextArea rows={4} placeholder={t('dutiesLedger.tasks.progressPlaceholder')} data-testid="task-report-progress" />
        </Form.Item>
        <Form.Item label={t('dutiesLedger.tasks.files')} extra={t('dutiesLedger.tasks.filesHelp')}>
          <Upload
            multiple
            accept={ACCEPT}
            fileList={files}
            beforeUpload={(file) => {
              setProblem(null);
              if (!ACCEPTED.test(file.name)) setProblem(t('dutiesLedger.tasks.badType', { name: file.name }));
              else if (file.size > MAX_BYTES) setProblem(t('dutiesLedger.tasks.tooLarge', { name: file.name }));
              else
                setFiles((prev) =>
                  prev.length >= MAX_FILES
                    ? (setProblem(t('dutiesLedger.tasks.tooMany')), prev)
                    : [...prev, { uid: file.uid, name: file.name, originFileObj: file }],
                );
              return false; // sent with the report, not on its own
            }}
            onRemove={(file) => setFiles((prev) => prev.filter((f) => f.uid !== file.uid))}
          >
            <Button icon={<UploadOutlined />} data-testid="task-report-pick">
              {t('dutiesLedger.tasks.pickFiles')}
            </Button>
          </Upload>
          {problem && (
            <Typography.Text type="danger" style={{ display: 'block' }} data-testid="task-report-file-problem">
              {problem}
            </Typography.Text>
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}
