import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Empty, Form, Image, Input, InputNumber, Modal, Progress, Space, Timeline, Typography, Upload, type UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { MAX_MILESTONE_PHOTOS, type ProjectDetail } from '../../../../src/modules/cocreation/project-schema.ts';
import { useProjectText } from './ProjectStatusTag';
import { errorMessage } from '../../api';
import { showFieldError } from '../../components/form-errors';
import { readAsDataUrl } from '../../requests/photos';
import { addMilestone } from './projects-api';

/** What the server takes (MILESTONE_FILES): checked here first so nobody waits for a refusal. */
const MAX_BYTES = 10 * 1024 * 1024;

interface MilestonesProps {
  project: ProjectDetail;
  onSaved(p: ProjectDetail): void;
}

/** 施工进度: the progress bar (the latest milestone's) and each milestone with its photos. */
export function ProjectMilestones({ project, onSaved }: MilestonesProps) {
  const c = useProjectText('milestones.');
  const [adding, setAdding] = useState(false);
  return (
    <>
      <Progress percent={project.progress} data-testid="project-progress" />
      {project.editable && project.status === 'building' && (
        <Button onClick={() => setAdding(true)} style={{ margin: '8px 0 12px' }} data-testid="milestone-add">
          {c('add')}
        </Button>
      )}
      {project.milestones.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={c('empty')} />
      ) : (
        <Timeline
          items={project.milestones.map((m) => ({
            children: (
              <div data-testid="milestone-item">
                <Typography.Text strong>
                  {m.reachedOn} · {m.title} · {m.progress}%
                </Typography.Text>
                {m.note && <Typography.Paragraph style={{ marginBottom: 4 }}>{m.note}</Typography.Paragraph>}
                {m.photos.length > 0 && (
                  <Image.PreviewGroup>
                    <Space wrap size={4}>
                      {m.photos.map((p) => (
                        <Image key={p.id} src={p.url} alt={p.filename} width={72} height={72} style={{ objectFit: 'cover' }} />
                      ))}
                    </Space>
                  </Image.PreviewGroup>
                )}
              </div>
            ),
          }))}
        />
      )}
      {adding && <MilestoneModal project={project} onSaved={onSaved} onClose={() => setAdding(false)} />}
    </>
  );
}

interface MilestoneForm {
  title: string;
  progress: number;
  note?: string;
  reachedOn: Dayjs;
}

function MilestoneModal({ project, onSaved, onClose }: MilestonesProps & { onClose(): void }) {
  const c = useProjectText('milestones.');
  const [form] = Form.useForm<MilestoneForm>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setError(null);
    try {
      const photos = await Promise.all(files.map(async (f) => ({ data: await readAsDataUrl(f.originFileObj as File), filename: f.name.slice(0, 200) })));
      const p = await addMilestone(project.id, {
        title: v.title.trim(),
        progress: v.progress,
        reachedOn: v.reachedOn.format('YYYY-MM-DD'),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        ...(photos.length ? { photos } : {}),
      });
      onSaved(p);
      onClose();
    } catch (err) {
      // A refused photo names `photos[i]`: no form field of that name, so it shows above the form.
      if (!showFieldError(form, err, ['title', 'progress', 'note', 'reachedOn'])) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={c('add')} onOk={() => void submit()} onCancel={onClose} confirmLoading={saving} okButtonProps={{ 'data-testid': 'milestone-submit' }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ progress: project.progress, reachedOn: dayjs() }}>
        <Form.Item name="title" label={c('name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="milestone-title" />
        </Form.Item>
        <Form.Item name="progress" label={c('progress')} rules={[{ required: true }]}>
          <InputNumber min={0} max={100} addonAfter="%" style={{ width: '100%' }} data-testid="milestone-progress" />
        </Form.Item>
        <Form.Item name="reachedOn" label={c('reachedOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="note" label={c('note')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item label={c('photos')} extra={c('photosHelp')}>
          <Upload
            multiple
            accept="image/jpeg,image/png,image/webp"
            listType="picture"
            fileList={files}
            maxCount={MAX_MILESTONE_PHOTOS}
            beforeUpload={(file) => {
              if (file.size > MAX_BYTES) {
                setError(c('tooLarge', { name: file.name }));
                return Upload.LIST_IGNORE;
              }
              return false;
            }}
            onChange={({ fileList }) => setFiles(fileList.slice(0, MAX_MILESTONE_PHOTOS))}
          >
            <Button icon={<UploadOutlined />} data-testid="milestone-photos">
              {c('photos')}
            </Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
