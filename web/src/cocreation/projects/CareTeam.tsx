import { Alert, Button, Checkbox, Form, Input, List, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { CareMemberBody, ProjectDetail } from '../../../../src/modules/cocreation/project-schema.ts';
import { useProjectText } from './ProjectStatusTag';
import { errorMessage } from '../../api';
import { showFieldError } from '../../components/form-errors';
import { ResidentSelect } from '../../disputes/ResidentSelect';
import { addCareMember, removeCareMember } from './projects-api';

interface CareProps {
  project: ProjectDetail;
  onSaved(p: ProjectDetail): void;
}

/** 管护小组: residents of the village who keep the finished project up, each with a duty and a turn. */
export function CareTeam({ project, onSaved }: CareProps) {
  const c = useProjectText('care.');
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (project.status !== 'completed') return <Typography.Paragraph type="secondary">{c('notYet')}</Typography.Paragraph>;
  const remove = async (memberId: string) => {
    try {
      onSaved(await removeCareMember(project.id, memberId));
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {project.editable && (
        <Button onClick={() => setAdding(true)} style={{ marginBottom: 12 }} data-testid="care-add">
          {c('add')}
        </Button>
      )}
      <List
        size="small"
        dataSource={project.careMembers}
        locale={{ emptyText: c('empty') }}
        renderItem={(m) => (
          <List.Item
            data-testid="care-member"
            actions={
              project.editable
                ? [
                    <Popconfirm key="remove" title={c('removeConfirm', { name: m.name })} onConfirm={() => void remove(m.id)}>
                      <Button size="small" type="link" danger>
                        {c('remove')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Space direction="vertical" size={0}>
              <Space wrap>
                <Typography.Text strong>{m.name}</Typography.Text>
                {m.isLeader && <Tag color="gold">{c('leader')}</Tag>}
                {m.roster && <Tag>{m.roster}</Tag>}
              </Space>
              <Typography.Text type="secondary">{m.duty}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {adding && <CareMemberModal project={project} onSaved={onSaved} onClose={() => setAdding(false)} />}
    </>
  );
}

function CareMemberModal({ project, onSaved, onClose }: CareProps & { onClose(): void }) {
  const c = useProjectText('care.');
  const [form] = Form.useForm<CareMemberBody>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setError(null);
    try {
      onSaved(
        await addCareMember(project.id, {
          residentId: v.residentId,
          duty: v.duty.trim(),
          ...(v.roster?.trim() ? { roster: v.roster.trim() } : {}),
          isLeader: !!v.isLeader,
        }),
      );
      onClose();
    } catch (err) {
      if (!showFieldError(form, err, ['residentId', 'duty', 'roster'])) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={c('add')} onOk={() => void submit()} onCancel={onClose} confirmLoading={saving} okButtonProps={{ 'data-testid': 'care-submit' }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="residentId" label={c('resident')} rules={[{ required: true }]}>
          <ResidentSelect data-testid="care-resident" />
        </Form.Item>
        <Form.Item name="duty" label={c('duty')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input data-testid="care-duty" />
        </Form.Item>
        <Form.Item name="roster" label={c('roster')} rules={[{ max: 100 }]}>
          <Input placeholder={c('rosterHint')} data-testid="care-roster" />
        </Form.Item>
        <Form.Item name="isLeader" valuePropName="checked">
          <Checkbox>{c('leader')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
