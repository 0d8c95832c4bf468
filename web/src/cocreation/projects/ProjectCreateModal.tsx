import { Alert, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import type { ProjectDetail } from '../../../../src/modules/cocreation/project-schema.ts';
import { useProjectText } from './ProjectStatusTag';
import { errorMessage } from '../../api';
import { useMe } from '../../auth';
import { showFieldError } from '../../components/form-errors';
import { RegionPicker } from '../../people/RegionPicker';
import { createProject } from './projects-api';

interface CreateForm {
  villageCode: string;
  title: string;
  plan?: string;
  resolutionId?: string;
  voteOptionId?: string;
  labourDayWage?: number;
}

interface ProjectCreateModalProps {
  /** Filled in when the meeting or vote page opens this (…/projects?resolutionId=…). */
  initial?: Partial<CreateForm>;
  onCreated(p: ProjectDetail): void;
  onClose(): void;
}

const FIELDS = ['villageCode', 'title', 'plan', 'resolutionId', 'voteOptionId', 'labourDayWage'];

/** 立项: a project of a village from a resolution and/or the winning option of a closed vote. */
export function ProjectCreateModal({ initial, onCreated, onClose }: ProjectCreateModalProps) {
  const me = useMe();
  const [form] = Form.useForm<CreateForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const c = useProjectText('create.');

  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setError(null);
    try {
      const p = await createProject({
        villageCode: v.villageCode,
        title: v.title.trim(),
        ...(v.plan?.trim() ? { plan: v.plan.trim() } : {}),
        ...(v.resolutionId?.trim() ? { resolutionId: v.resolutionId.trim() } : {}),
        ...(v.voteOptionId?.trim() ? { voteOptionId: v.voteOptionId.trim() } : {}),
        ...(v.labourDayWage !== undefined && v.labourDayWage !== null ? { labourDayWage: v.labourDayWage } : {}),
      });
      onCreated(p);
      onClose();
    } catch (err) {
      if (!showFieldError(form, err, FIELDS)) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={c('title')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'project-create-submit' }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ villageCode: me.role === 'village_cadre' ? me.regionCode : undefined, labourDayWage: 150, ...initial }}
      >
        <Form.Item name="villageCode" label={c('village')} rules={[{ required: true }]}>
          <RegionPicker villagesOnly />
        </Form.Item>
        <Form.Item name="title" label={c('name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="project-title" />
        </Form.Item>
        <Form.Item name="plan" label={c('plan')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={3} data-testid="project-plan" />
        </Form.Item>
        <Form.Item name="resolutionId" label={c('resolution')} extra={c('resolutionHelp')}>
          <Input data-testid="project-resolution" />
        </Form.Item>
        <Form.Item name="voteOptionId" label={c('voteOption')} extra={c('voteOptionHelp')}>
          <Input data-testid="project-vote-option" />
        </Form.Item>
        <Form.Item name="labourDayWage" label={c('wage')}>
          <InputNumber min={0} max={10000} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
