import { Alert, Button, Card, Drawer, Flex, Form, Input, List, Modal, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROPOSAL_STATUSES, type Opinion, type Proposal, type ProposalDetail } from '../../../../src/modules/cocreation/opinion-schema.ts';
import { errorMessage } from '../../api';
import { hasAnyPermission, useMe } from '../../auth';
import { showFieldError } from '../../components/form-errors';
import { ResponsiveList } from '../../components/ResponsiveList';
import { usePhone } from '../../components/use-phone';
import { RegionPicker } from '../../people/RegionPicker';
import { CocreationTabs } from '../CocreationTabs';
import { createProposal, getProposal, listOpinions, listProposals, moveProposal } from './opinions-api';
import { OpinionStatusTag, ProposalStatusTag } from './status-tags';

type Status = Proposal['status'];
/** Where a proposal may go next (the server holds the same rule). */
const NEXT: Record<Status, Status[]> = { open: ['deliberating', 'closed'], deliberating: ['decided', 'closed'], decided: ['closed'], closed: [] };

/** 议题: list, create (adopting open opinions at once), a drawer with its opinions and the next status. */
export default function ProposalsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const mayEdit = hasAnyPermission(me, ['cocreation.edit']);
  const [status, setStatus] = useState<Status>();
  const [items, setItems] = useState<Proposal[] | null>(null);
  const [error, setError] = useState<string>();
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string>();

  const load = useCallback(() => {
    setItems(null);
    listProposals({ status }).then(setItems, (err: unknown) => {
      setError(errorMessage(err));
      setItems([]);
    });
  }, [status]);
  useEffect(load, [load]);

  const columns: ColumnsType<Proposal> = [
    {
      key: 'title',
      title: t('cocreationOpinions.proposals.name'),
      render: (_, p) => (
        <Typography.Link onClick={() => setOpenId(p.id)} data-testid="proposal-open" style={{ overflowWrap: 'anywhere' }}>
          {p.title}
        </Typography.Link>
      ),
    },
    { key: 'region', title: t('cocreationOpinions.field.village'), width: 140, render: (_, p) => p.regionName },
    { key: 'status', title: t('cocreationOpinions.field.status'), width: 100, render: (_, p) => <ProposalStatusTag status={p.status} /> },
    { key: 'count', title: t('cocreationOpinions.proposals.opinionCount'), width: 90, render: (_, p) => p.opinionCount },
    { key: 'created', title: t('cocreationOpinions.field.createdAt'), width: 110, render: (_, p) => p.createdAt.slice(0, 10) },
  ];

  return (
    <>
      <CocreationTabs />
      <div data-testid="proposals-page">
        <Typography.Paragraph type="secondary">{t('cocreationOpinions.proposals.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Card
          size="small"
          title={
            <Select
              allowClear
              placeholder={t('cocreationOpinions.field.status')}
              style={{ minWidth: 120 }}
              value={status}
              onChange={setStatus}
              options={PROPOSAL_STATUSES.map((s) => ({ value: s, label: t(`cocreationOpinions.proposals.status.${s}`) }))}
            />
          }
          extra={
            mayEdit && (
              <Button type="primary" onClick={() => setCreating(true)} data-testid="proposal-create-open">
                {t('cocreationOpinions.proposals.create')}
              </Button>
            )
          }
        >
          <ResponsiveList<Proposal>
            columns={columns}
            dataSource={items ?? undefined}
            loading={items === null}
            rowKey="id"
            size="small"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t('cocreationOpinions.proposals.empty') }}
            onRow={(p) => ({ 'data-testid': 'proposal-row', 'data-status': p.status })}
          />
        </Card>
      </div>
      {creating && (
        <CreateProposalModal
          onDone={(p) => {
            load();
            setOpenId(p.id);
          }}
          onClose={() => setCreating(false)}
        />
      )}
      {openId && <ProposalDrawer id={openId} mayEdit={mayEdit} onChanged={load} onClose={() => setOpenId(undefined)} />}
    </>
  );
}

interface CreateForm {
  regionCode?: string;
  title: string;
  description?: string;
  opinionIds?: string[];
}

function CreateProposalModal({ onDone, onClose }: { onDone(p: ProposalDetail): void; onClose(): void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<CreateForm>();
  const regionCode = Form.useWatch('regionCode', form);
  const [open, setOpen] = useState<Opinion[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    setOpen([]);
    // A group's proposal takes its village's opinions: the list is read for the village part of the code.
    if (regionCode)
      listOpinions({ regionCode: regionCode.slice(0, 12), status: 'open', pageSize: 100 }).then(
        (p) => setOpen(p.items),
        () => undefined,
      );
  }, [regionCode]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v?.regionCode) return;
    setSaving(true);
    setError(undefined);
    try {
      const p = await createProposal({
        regionCode: v.regionCode,
        title: v.title.trim(),
        ...(v.description?.trim() ? { description: v.description.trim() } : {}),
        ...(v.opinionIds?.length ? { opinionIds: v.opinionIds } : {}),
      });
      onDone(p);
      onClose();
    } catch (err) {
      if (!showFieldError(form, err, ['regionCode', 'title', 'description', 'opinionIds'])) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('cocreationOpinions.proposals.create')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'proposal-create-submit' }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ regionCode: me.role === 'village_cadre' ? me.regionCode : undefined }}>
        <Form.Item name="regionCode" label={t('cocreationOpinions.proposals.region')} rules={[{ required: true }]}>
          <RegionPicker withGroups data-testid="proposal-region" />
        </Form.Item>
        <Form.Item name="title" label={t('cocreationOpinions.proposals.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="proposal-title" />
        </Form.Item>
        <Form.Item name="description" label={t('cocreationOpinions.proposals.description')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} data-testid="proposal-description" />
        </Form.Item>
        <Form.Item name="opinionIds" label={t('cocreationOpinions.proposals.opinions')}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            data-testid="proposal-opinions"
            options={open.map((o) => ({ value: o.id, label: `${o.authorName}：${o.content.slice(0, 40)}` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ProposalDrawer({ id, mayEdit, onChanged, onClose }: { id: string; mayEdit: boolean; onChanged(): void; onClose(): void }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const [p, setP] = useState<ProposalDetail>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    getProposal(id).then(setP, (err: unknown) => setError(errorMessage(err)));
  }, [id]);
  const move = async (status: Status) => {
    setBusy(true);
    setError(undefined);
    try {
      setP(await moveProposal(id, status));
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open onClose={onClose} size={phone ? '100%' : 560} title={p?.title ?? t('cocreationOpinions.proposals.detail')} data-testid="proposal-drawer">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {p && (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Flex gap={8} wrap align="center">
            <ProposalStatusTag status={p.status} />
            <Typography.Text type="secondary">{p.regionName}</Typography.Text>
          </Flex>
          {p.description && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{p.description}</Typography.Paragraph>}
          {mayEdit && NEXT[p.status].length > 0 && (
            <Space wrap>
              {NEXT[p.status].map((s) => (
                <Button key={s} loading={busy} type={s === 'closed' ? 'default' : 'primary'} onClick={() => void move(s)} data-testid={`proposal-move-${s}`}>
                  {t(`cocreationOpinions.proposals.next.${s as Exclude<Status, 'open'>}`)}
                </Button>
              ))}
            </Space>
          )}
          <Typography.Text strong>
            {t('cocreationOpinions.proposals.opinionCount')}（{p.opinions.length}）
          </Typography.Text>
          <List
            size="small"
            dataSource={p.opinions}
            locale={{ emptyText: t('cocreationOpinions.proposals.noOpinions') }}
            renderItem={(o) => (
              <List.Item data-testid="proposal-opinion" style={{ display: 'block', paddingInline: 0 }}>
                <div style={{ overflowWrap: 'anywhere' }}>{o.content}</div>
                <Space size={4} wrap style={{ marginTop: 4 }}>
                  <OpinionStatusTag status={o.status} overdue={o.overdue} />
                  <Typography.Text type="secondary">
                    {o.authorName} · {t(`cocreationOpinions.source.${o.source}`)}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Space>
      )}
    </Drawer>
  );
}
