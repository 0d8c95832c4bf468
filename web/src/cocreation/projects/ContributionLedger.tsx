import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { CONTRIBUTION_KINDS, type Contribution, type ContributionBody, type ProjectDetail } from '../../../../src/modules/cocreation/project-schema.ts';
import { useProjectText } from './ProjectStatusTag';
import { errorMessage } from '../../api';
import { showFieldError } from '../../components/form-errors';
import { ResponsiveList } from '../../components/ResponsiveList';
import { HouseholdSelect } from '../../people/HouseholdSelect';
import { addContribution, voidContribution } from './projects-api';

interface LedgerProps {
  project: ProjectDetail;
  onSaved(p: ProjectDetail): void;
}

/** 投入台账: each household's money, labour, land and materials, entry by entry; a wrong entry is voided. */
export function ContributionLedger({ project, onSaved }: LedgerProps) {
  const c = useProjectText();
  const [adding, setAdding] = useState(false);
  const [voiding, setVoiding] = useState<Contribution | null>(null);
  const open = project.status !== 'cancelled';

  const what = (e: Contribution) => {
    switch (e.kind) {
      case 'money':
        return `${c('yuan', { n: e.amount })} · ${c('ledger.receipt', { no: e.receiptNo })}`;
      case 'labour':
        return c('days', { n: e.labourDays });
      case 'land':
        return `${c('area', { n: e.areaM2 })} · ${e.description ?? ''}`;
      default:
        return e.description ?? '';
    }
  };
  const columns: ColumnsType<Contribution> = [
    { key: 'household', title: c('ledger.household'), render: (_, e) => `${e.householdName}（${e.address}）` },
    { key: 'kind', title: c('ledger.kind'), width: 90, render: (_, e) => <Tag>{c(`kind.${e.kind}`)}</Tag> },
    {
      key: 'what',
      title: c('ledger.what'),
      render: (_, e) => (
        <Space direction="vertical" size={0}>
          <Typography.Text delete={!!e.voidedAt}>{what(e)}</Typography.Text>
          {e.voidedAt && <Typography.Text type="danger">{c('ledger.voided', { reason: e.voidReason })}</Typography.Text>}
        </Space>
      ),
    },
    { key: 'value', title: c('ledger.value'), width: 100, render: (_, e) => e.valueYuan.toLocaleString() },
    { key: 'day', title: c('ledger.day'), width: 110, render: (_, e) => e.contributedOn },
    {
      key: 'actions',
      title: '',
      width: 70,
      render: (_, e) =>
        project.editable && !e.voidedAt ? (
          <Button size="small" danger onClick={() => setVoiding(e)} data-testid="contribution-void">
            {c('ledger.void')}
          </Button>
        ) : null,
    },
  ];

  if (project.contributions === null) return <Typography.Paragraph type="secondary">{c('ledger.hidden')}</Typography.Paragraph>;
  return (
    <>
      {project.editable && open && (
        <Button type="primary" onClick={() => setAdding(true)} style={{ marginBottom: 12 }} data-testid="contribution-add">
          {c('ledger.add')}
        </Button>
      )}
      <ResponsiveList<Contribution>
        columns={columns}
        dataSource={project.contributions}
        rowKey="id"
        size="small"
        locale={{ emptyText: c('ledger.empty') }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        onRow={(e) => ({ 'data-testid': 'contribution-row', 'data-kind': e.kind, 'data-voided': e.voidedAt ? 'yes' : 'no' })}
      />
      {adding && <ContributionModal project={project} onSaved={onSaved} onClose={() => setAdding(false)} />}
      {voiding && <ContributionVoidModal project={project} entry={voiding} onSaved={onSaved} onClose={() => setVoiding(null)} />}
    </>
  );
}

interface AddForm {
  householdId: string;
  kind: ContributionBody['kind'];
  amount?: number;
  receiptNo?: string;
  labourDays?: number;
  areaM2?: number;
  description?: string;
  value?: number;
  contributedOn: Dayjs;
}
const FIELDS = ['householdId', 'kind', 'amount', 'receiptNo', 'labourDays', 'areaM2', 'description', 'value', 'contributedOn'];

function ContributionModal({ project, onSaved, onClose }: LedgerProps & { onClose(): void }) {
  const c = useProjectText();
  const [form] = Form.useForm<AddForm>();
  const kind = Form.useWatch('kind', form) ?? 'money';
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setError(null);
    const pick = <K extends keyof AddForm>(k: K) => (v[k] === undefined || v[k] === null || v[k] === '' ? {} : { [k]: v[k] });
    try {
      const body = {
        householdId: v.householdId,
        kind: v.kind,
        contributedOn: v.contributedOn.format('YYYY-MM-DD'),
        ...pick('amount'),
        ...pick('receiptNo'),
        ...pick('labourDays'),
        ...pick('areaM2'),
        ...pick('description'),
        ...pick('value'),
      } as ContributionBody;
      onSaved(await addContribution(project.id, body));
      onClose();
    } catch (err) {
      if (!showFieldError(form, err, FIELDS)) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  const num = (name: keyof AddForm, label: string, required: boolean, step = 1) => (
    <Form.Item name={name} label={label} rules={[{ required }]}>
      <InputNumber min={0} step={step} style={{ width: '100%' }} data-testid={`contribution-${name}`} />
    </Form.Item>
  );
  return (
    <Modal
      open
      title={c('ledger.add')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'contribution-submit' }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ kind: 'money', contributedOn: dayjs() }}>
        <Form.Item name="householdId" label={c('ledger.household')} rules={[{ required: true }]}>
          <HouseholdSelect />
        </Form.Item>
        <Form.Item name="kind" label={c('ledger.kind')} rules={[{ required: true }]}>
          <Select data-testid="contribution-kind" options={CONTRIBUTION_KINDS.map((k) => ({ value: k, label: c(`kind.${k}`) }))} />
        </Form.Item>
        {kind === 'money' && num('amount', c('ledger.amount'), true)}
        {kind === 'money' && (
          <Form.Item name="receiptNo" label={c('ledger.receiptNo')} rules={[{ required: true, whitespace: true, max: 50 }]}>
            <Input data-testid="contribution-receipt" />
          </Form.Item>
        )}
        {kind === 'labour' && num('labourDays', c('ledger.labourDays'), true, 0.5)}
        {kind === 'land' && num('areaM2', c('ledger.areaM2'), true)}
        {(kind === 'land' || kind === 'materials') && (
          <Form.Item name="description" label={c('ledger.description')} rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input data-testid="contribution-description" />
          </Form.Item>
        )}
        {kind === 'land' && num('value', c('ledger.valueOptional'), false)}
        {kind === 'materials' && num('value', c('ledger.value'), true)}
        <Form.Item name="contributedOn" label={c('ledger.contributedOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ContributionVoidModal({ project, entry, onSaved, onClose }: LedgerProps & { entry: Contribution; onClose(): void }) {
  const c = useProjectText();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    try {
      onSaved(await voidContribution(project.id, entry.id, v.reason.trim()));
      onClose();
    } catch (err) {
      if (!showFieldError(form, err, ['reason'])) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={c('ledger.voidTitle')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ danger: true, 'data-testid': 'contribution-void-submit' }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph>
        {entry.householdName} · {c(`kind.${entry.kind}`)} · {entry.contributedOn}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={c('ledger.voidReason')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input.TextArea rows={2} data-testid="contribution-void-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
