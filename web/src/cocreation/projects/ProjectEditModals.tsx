import { Alert, DatePicker, Form, Input, InputNumber, Modal, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { BUDGET_SOURCES, type ProjectDetail, type ProjectStatusBody } from '../../../../src/modules/cocreation/project-schema.ts';
import { useProjectText } from './ProjectStatusTag';
import { errorMessage } from '../../api';
import { showFieldError } from '../../components/form-errors';
import { changeStatus, setBudget, updateProject } from './projects-api';

// The cadre's dialogs on a project: edit its plan, change its status, set its budget.

interface ModalProps {
  project: ProjectDetail;
  onSaved(p: ProjectDetail): void;
  onClose(): void;
}

const day = (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined);

/** Runs a save: a field error goes under its field, anything else above the form. */
function useSave<T>(form: ReturnType<typeof Form.useForm<T>>[0], fields: string[]) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (save: (v: T) => Promise<void>) => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setError(null);
    try {
      await save(v);
    } catch (err) {
      if (!showFieldError(form, err, fields)) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return { saving, error, run };
}

interface EditForm {
  title: string;
  plan?: string;
  labourDayWage: number;
  ratingOpensOn?: Dayjs;
  ratingClosesOn?: Dayjs;
}

export function ProjectEditModal({ project, onSaved, onClose }: ModalProps) {
  const c = useProjectText();
  const [form] = Form.useForm<EditForm>();
  const { saving, error, run } = useSave(form, ['title', 'plan', 'labourDayWage', 'ratingOpensOn', 'ratingClosesOn']);
  const completed = project.status === 'completed';
  const submit = () =>
    run(async (v) => {
      const p = await updateProject(project.id, {
        title: v.title.trim(),
        plan: v.plan ?? '',
        labourDayWage: v.labourDayWage,
        ...(completed ? { ratingOpensOn: day(v.ratingOpensOn), ratingClosesOn: day(v.ratingClosesOn) } : {}),
      });
      onSaved(p);
      onClose();
    });
  return (
    <Modal open title={c('detail.editTitle')} onOk={() => void submit()} onCancel={onClose} confirmLoading={saving}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          title: project.title,
          plan: project.plan ?? '',
          labourDayWage: project.labourDayWage,
          ratingOpensOn: project.ratingOpensOn ? dayjs(project.ratingOpensOn) : undefined,
          ratingClosesOn: project.ratingClosesOn ? dayjs(project.ratingClosesOn) : undefined,
        }}
      >
        <Form.Item name="title" label={c('create.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="plan" label={c('create.plan')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="labourDayWage" label={c('create.wage')} rules={[{ required: true }]}>
          <InputNumber min={0} max={10000} style={{ width: '100%' }} />
        </Form.Item>
        {completed && (
          <Space wrap>
            <Form.Item name="ratingOpensOn" label={c('detail.ratingOpens')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="ratingClosesOn" label={c('detail.ratingCloses')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
          </Space>
        )}
      </Form>
    </Modal>
  );
}

interface StatusForm {
  on?: Dayjs;
  reason?: string;
}

/** Start, complete or cancel: the day it happened (today by default), a reason to cancel. */
export function ProjectStatusModal({ project, status, onSaved, onClose }: ModalProps & { status: ProjectStatusBody['status'] }) {
  const c = useProjectText();
  const [form] = Form.useForm<StatusForm>();
  const { saving, error, run } = useSave(form, ['on', 'reason']);
  const title = { building: c('detail.start'), completed: c('detail.complete'), cancelled: c('detail.cancel') }[status];
  const submit = () =>
    run(async (v) => {
      onSaved(await changeStatus(project.id, { status, ...(v.on ? { on: day(v.on) } : {}), ...(status === 'cancelled' ? { reason: v.reason?.trim() } : {}) }));
      onClose();
    });
  return (
    <Modal
      open
      title={`${title} · ${project.title}`}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'project-status-submit' }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ on: dayjs() }}>
        {status !== 'cancelled' && (
          <Form.Item name="on" label={c('detail.statusDay')}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        )}
        {status === 'cancelled' && (
          <Form.Item name="reason" label={c('detail.cancelReason')} rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

type BudgetForm = Record<string, { amount?: number | null; note?: string }>;

/** The budget, one line per source; a source left at nothing is cleared. */
export function ProjectBudgetModal({ project, onSaved, onClose }: ModalProps) {
  const c = useProjectText();
  const [form] = Form.useForm<BudgetForm>();
  const { saving, error, run } = useSave(form, []);
  const initial = Object.fromEntries(project.budget.map((b) => [b.source, { amount: b.amount || null, note: b.note ?? '' }]));
  const submit = () =>
    run(async (v) => {
      const lines = BUDGET_SOURCES.filter((s) => v[s]?.amount).map((s) => ({
        source: s,
        amount: v[s]!.amount!,
        ...(v[s]!.note?.trim() ? { note: v[s]!.note!.trim() } : {}),
      }));
      onSaved(await setBudget(project.id, { lines }));
      onClose();
    });
  return (
    <Modal
      open
      title={c('budget.edit')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'budget-submit' }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial}>
        {BUDGET_SOURCES.map((s) => (
          <div key={s} style={{ marginBottom: 8 }}>
            <Typography.Text strong>{c(`source.${s}`)}</Typography.Text>
            <Space.Compact block>
              <Form.Item name={[s, 'amount']} noStyle>
                <InputNumber min={0} placeholder={c('budget.amount')} style={{ width: '45%' }} data-testid={`budget-${s}`} />
              </Form.Item>
              <Form.Item name={[s, 'note']} noStyle>
                <Input placeholder={c('budget.note')} maxLength={200} style={{ width: '55%' }} />
              </Form.Item>
            </Space.Compact>
          </div>
        ))}
      </Form>
    </Modal>
  );
}
