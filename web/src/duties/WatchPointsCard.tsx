import { Alert, App, Button, Card, Col, Form, Input, Popconfirm, Row, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import type { DesignateWatchPointBody, WatchPoint } from '../../../src/modules/duties/watch-schema.ts';
import { errorMessage } from '../api';
import { showFieldError } from '../components/form-errors';
import { ResponsiveList } from '../components/ResponsiveList';
import { RegionPicker } from '../people/RegionPicker';
import { designateWatchPoint, listWatchPoints, removeWatchPoint } from './watch-api';
import { useWatchText } from './watch-messages';

const KIND_COLOR = { observation: 'geekblue', monitoring: 'volcano' } as const;

/**
 * 观测点 / 监测点 for county staff: designate a township or village (region picker), remove one,
 * and see for each the formalism reports filed within it, open and answered. Cards on a phone.
 */
export function WatchPointsCard({
  onChanged,
  reloadOn,
}: {
  onChanged?(): void;
  /** Reloads (the counts) when this changes, e.g. the page's reports. */ reloadOn?: unknown;
}) {
  const w = useWatchText();
  const { message } = App.useApp();
  const [form] = Form.useForm<DesignateWatchPointBody>();
  const [points, setPoints] = useState<WatchPoint[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const load = useCallback(() => {
    listWatchPoints().then(setPoints, (err: unknown) => {
      setError(errorMessage(err));
      setPoints([]);
    });
  }, []);
  useEffect(load, [load, reloadOn]);

  const changed = () => {
    load();
    onChanged?.();
  };

  const designate = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setError(null);
    try {
      await designateWatchPoint({ regionCode: v.regionCode, kind: v.kind, ...(v.note?.trim() ? { note: v.note.trim() } : {}) });
      void message.success(w.designated);
      form.resetFields(['regionCode', 'note']);
      changed();
    } catch (err) {
      if (!showFieldError(form, err, ['regionCode', 'kind', 'note'])) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (p: WatchPoint) => {
    try {
      await removeWatchPoint(p.id);
      void message.success(w.removed);
      changed();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const columns: ColumnsType<WatchPoint> = [
    { key: 'kind', title: w.kindLabel, width: 110, render: (_, p) => <Tag color={KIND_COLOR[p.kind]}>{w.kind[p.kind]}</Tag> },
    {
      key: 'region',
      title: w.region,
      render: (_, p) => (
        <>
          {p.regionName}
          {p.townshipName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {' '}
              · {p.townshipName}
            </Typography.Text>
          )}
        </>
      ),
    },
    { key: 'designatedOn', title: w.designatedOn, width: 110, render: (_, p) => p.designatedOn },
    {
      key: 'reports',
      title: w.reports,
      width: 170,
      render: (_, p) =>
        p.reports && (
          <Space size={4} wrap>
            <Tag color={p.reports.open ? 'orange' : undefined}>
              {w.open} {p.reports.open}
            </Tag>
            <Tag color={p.reports.answered ? 'green' : undefined}>
              {w.answered} {p.reports.answered}
            </Tag>
          </Space>
        ),
    },
    { key: 'note', title: w.note, render: (_, p) => p.note ?? '' },
    {
      key: 'action',
      title: '',
      width: 80,
      render: (_, p) => (
        <Popconfirm title={w.removeConfirm} onConfirm={() => void remove(p)}>
          <Button size="small" danger data-testid="watch-point-remove">
            {w.remove}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Card title={w.title} style={{ marginBottom: 16 }} data-testid="watch-points">
      <Typography.Paragraph type="secondary">{w.intro}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ kind: 'monitoring' }}>
        <Row gutter={12} align="bottom">
          <Col xs={24} md={9}>
            <Form.Item name="regionCode" label={w.region} rules={[{ required: true, message: w.pickRegion }]}>
              <RegionPicker style={{ width: '100%' }} data-testid="watch-point-region" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10} md={5}>
            <Form.Item name="kind" label={w.kindLabel} rules={[{ required: true }]}>
              <Select data-testid="watch-point-kind" options={(['monitoring', 'observation'] as const).map((k) => ({ value: k, label: w.kind[k] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14} md={7}>
            <Form.Item name="note" label={w.note} rules={[{ max: 500 }]}>
              <Input placeholder={w.notePlaceholder} maxLength={500} />
            </Form.Item>
          </Col>
          <Col xs={24} md={3}>
            <Form.Item>
              <Button type="primary" block loading={saving} onClick={() => void designate()} data-testid="watch-point-designate">
                {w.designate}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <ResponsiveList<WatchPoint>
        columns={columns}
        dataSource={points ?? undefined}
        loading={points === null}
        rowKey="id"
        size="small"
        pagination={false}
        locale={{ emptyText: w.empty }}
        onRow={(p) => ({ 'data-testid': 'watch-point-row', 'data-kind': p.kind })}
      />
    </Card>
  );
}
