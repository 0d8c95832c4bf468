import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task, TaskReportBody } from '../../../src/modules/duties/task-schema.ts';
import { errorMessage } from '../api';
import { showFieldError } from '../components/form-errors';
import { reportTask } from './ledger-api';

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

  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    try {
      await reportTask(task.id, { status: v.status, progress: v.progress.trim() });
      onDone();
      onClose();
    } catch (err) {
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
      </Form>
    </Modal>
  );
}
