import { Alert, Button, Card, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { CompactSummary } from '../../../src/modules/compacts/compact-schema.ts';
import { COMPACT_KINDS, type CompactKind } from '../../../src/modules/compacts/kinds.ts';
import { errorMessage } from '../api';
import { hasAnyPermission, useMe } from '../auth';
import { ResponsiveList } from '../components/ResponsiveList';
import { formatDateTime } from '../labels';
import { RegionPicker, useOwnVillage } from '../people/RegionPicker';
import { Refusal, StepTag } from './common';
import { createCompact, listCompacts } from './compacts-api';

/** 村规民约 (/compacts): the compacts in scope with their step, and "start one". */
export default function CompactsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const mayEdit = hasAnyPermission(me, ['compacts.edit']);
  const [region, setRegion] = useState<string>();
  const [rows, setRows] = useState<CompactSummary[] | null>(null);
  const [error, setError] = useState<string>();
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();

  useEffect(() => {
    setRows(null);
    listCompacts(region ? { regionCode: region } : {}).then(setRows, (err: unknown) => {
      setError(errorMessage(err));
      setRows([]);
    });
  }, [region]);

  const columns: ColumnsType<CompactSummary> = [
    {
      key: 'title',
      title: t('compacts.list.title'),
      render: (_, c) => (
        <Link to={`/compacts/${c.id}`} data-testid="compact-link">
          {c.title}
        </Link>
      ),
    },
    { key: 'village', title: t('compacts.list.village'), render: (_, c) => c.regionName },
    { key: 'step', title: t('compacts.list.step'), width: 120, render: (_, c) => <StepTag step={c.step} /> },
    {
      key: 'version',
      title: t('compacts.list.version'),
      width: 90,
      render: (_, c) => (c.versionSeq ? t('compacts.common.version', { seq: c.versionSeq }) : '—'),
    },
    { key: 'updated', title: t('compacts.list.updated'), width: 150, render: (_, c) => formatDateTime(c.updatedAt) },
  ];

  return (
    <div data-testid="compacts-page">
      <Typography.Paragraph type="secondary">{t('compacts.list.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        {me.role !== 'village_cadre' && (
          <RegionPicker allowClear value={region} onChange={setRegion} placeholder={t('compacts.list.region')} style={{ minWidth: 200, maxWidth: '100%' }} />
        )}
        {mayEdit && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="compact-create-open">
            {t('compacts.list.create')}
          </Button>
        )}
      </Flex>
      <Card size="small">
        <ResponsiveList<CompactSummary>
          columns={columns}
          dataSource={rows ?? undefined}
          loading={rows === null}
          rowKey="id"
          size="small"
          pagination={false}
          locale={{ emptyText: t('compacts.common.empty') }}
          onRow={(c) => ({ 'data-testid': 'compact-row', 'data-title': c.title, 'data-step': c.step })}
        />
      </Card>
      {creating && <CreateModal onDone={(id) => void navigate(`/compacts/${id}`)} onClose={() => setCreating(false)} />}
    </div>
  );
}

function CreateModal({ onDone, onClose }: { onDone(id: string): void; onClose(): void }) {
  const { t } = useTranslation();
  const own = useOwnVillage();
  const [form] = Form.useForm<{ regionCode?: string; title: string; kind: CompactKind }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async () => {
    const v = await form.validateFields();
    const regionCode = own ?? v.regionCode;
    if (!regionCode) return;
    setBusy(true);
    setError(undefined);
    try {
      const c = await createCompact({ regionCode, title: v.title.trim(), kind: v.kind });
      onDone(c.id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('compacts.list.create')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'compact-create-submit' }}
      cancelText={t('compacts.common.cancel')}
      destroyOnHidden
    >
      <Refusal error={error} testId="compact-create-refusal" />
      <Form form={form} layout="vertical" initialValues={{ kind: 'village' }}>
        {!own && (
          <Form.Item name="regionCode" label={t('compacts.list.region')} rules={[{ required: true }]}>
            <RegionPicker villagesOnly data-testid="compact-create-region" />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('compacts.list.title')} rules={[{ required: true, min: 2, max: 100 }]}>
          <Input placeholder={t('compacts.list.titlePlaceholder')} data-testid="compact-create-title" />
        </Form.Item>
        <Form.Item name="kind" label={t('compacts.list.kind')}>
          <Select options={COMPACT_KINDS.map((k) => ({ value: k, label: t(`compacts.kind.${k}`) }))} data-testid="compact-create-kind" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
