import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Select, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormalismReport, FormalismReportBody } from '../../../src/modules/duties/task-schema.ts';
import { errorMessage } from '../api';
import { hasAnyPermission, useMe } from '../auth';
import { showFieldError } from '../components/form-errors';
import { ResponsiveList } from '../components/ResponsiveList';
import { RegionPicker } from '../people/RegionPicker';
import { DutiesTabs } from './DutiesTabs';
import { answerFormalismReport, listFormalismReports, submitFormalismReport } from './ledger-api';
import type { WatchPoint } from '../../../src/modules/duties/watch-schema.ts';
import { listWatchPoints } from './watch-api';
import { useWatchText } from './watch-messages';
import { WatchPointsCard } from './WatchPointsCard';

/** 形式主义问题反映: anyone signed in reports (anonymously if they wish); the county answers each. */
export default function FormalismPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const county = hasAnyPermission(me, ['duties.manage']);
  const [form] = Form.useForm<FormalismReportBody>();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reports, setReports] = useState<FormalismReport[] | null>(null);
  const [answering, setAnswering] = useState<FormalismReport | null>(null);
  // Monitoring points in the reporter's scope: picking one fills the region (it is the report's region code).
  const w = useWatchText();
  const [monitoring, setMonitoring] = useState<WatchPoint[]>([]);
  const regionCode = Form.useWatch('regionCode', form);
  const loadPoints = useCallback(() => {
    listWatchPoints({ kind: 'monitoring' }).then(setMonitoring, () => setMonitoring([]));
  }, []);
  useEffect(loadPoints, [loadPoints]);

  const load = useCallback(() => {
    if (county) listFormalismReports().then(setReports, (err: unknown) => setError(errorMessage(err)));
  }, [county]);
  useEffect(load, [load]);

  const send = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSending(true);
    setError(null);
    try {
      await submitFormalismReport({ regionCode: v.regionCode, content: v.content.trim(), anonymous: !!v.anonymous });
      void message.success(t('dutiesLedger.formalism.submitted'));
      form.resetFields(['content', 'anonymous']);
      load();
    } catch (err) {
      if (!showFieldError(form, err, ['regionCode', 'content'])) setError(errorMessage(err));
    } finally {
      setSending(false);
    }
  };

  const columns: ColumnsType<FormalismReport> = [
    { key: 'createdAt', title: t('dutiesLedger.formalism.createdAt'), width: 130, render: (_, r) => r.createdAt.slice(0, 16).replace('T', ' ') },
    { key: 'region', title: t('dutiesLedger.formalism.region'), width: 140, render: (_, r) => r.regionName },
    { key: 'content', title: t('dutiesLedger.formalism.content'), render: (_, r) => r.content },
    {
      key: 'who',
      title: '',
      width: 70,
      render: (_, r) => <Tag>{r.anonymous ? t('dutiesLedger.formalism.anonymous') : t('dutiesLedger.formalism.named')}</Tag>,
    },
    {
      key: 'answer',
      title: t('dutiesLedger.formalism.answer'),
      render: (_, r) =>
        r.status === 'answered' ? (
          r.answer
        ) : (
          <Button size="small" onClick={() => setAnswering(r)} data-testid="formalism-answer-open">
            {t('dutiesLedger.formalism.answer')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <DutiesTabs />
      <div data-testid="formalism-page">
        <Card title={t('dutiesLedger.formalism.title')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t('dutiesLedger.formalism.intro')}</Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="vertical" initialValues={{ regionCode: me.regionCode, anonymous: false }} style={{ maxWidth: 640 }}>
            {monitoring.length > 0 && (
              <Form.Item label={w.monitoringChoice}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={w.monitoringPlaceholder}
                  value={monitoring.some((p) => p.regionCode === regionCode) ? regionCode : undefined}
                  onChange={(code?: string) => code && form.setFieldValue('regionCode', code)}
                  options={monitoring.map((p) => ({ value: p.regionCode, label: p.townshipName ? `${p.regionName}（${p.townshipName}）` : p.regionName }))}
                  data-testid="formalism-monitoring-point"
                />
              </Form.Item>
            )}
            <Form.Item name="regionCode" label={t('dutiesLedger.formalism.region')} rules={[{ required: true }]}>
              <RegionPicker data-testid="formalism-region" />
            </Form.Item>
            <Form.Item name="content" label={t('dutiesLedger.formalism.content')} rules={[{ required: true, whitespace: true, min: 5, max: 2000 }]}>
              <Input.TextArea rows={4} placeholder={t('dutiesLedger.formalism.contentPlaceholder')} data-testid="formalism-content" />
            </Form.Item>
            <Form.Item name="anonymous" valuePropName="checked">
              <Checkbox data-testid="formalism-anonymous">{t('dutiesLedger.formalism.anonymous')}</Checkbox>
            </Form.Item>
            <Button type="primary" loading={sending} onClick={() => void send()} data-testid="formalism-submit">
              {t('dutiesLedger.formalism.submit')}
            </Button>
          </Form>
        </Card>
        {county && <WatchPointsCard onChanged={loadPoints} reloadOn={reports} />}
        {county && (
          <Card title={t('dutiesLedger.formalism.listTitle')}>
            <ResponsiveList<FormalismReport>
              columns={columns}
              dataSource={reports ?? undefined}
              loading={reports === null}
              rowKey="id"
              size="small"
              pagination={false}
              onRow={(r) => ({ 'data-testid': 'formalism-row', 'data-status': r.status })}
            />
          </Card>
        )}
      </div>
      {answering && <AnswerModal report={answering} onDone={load} onClose={() => setAnswering(null)} />}
    </>
  );
}

function AnswerModal({ report, onDone, onClose }: { report: FormalismReport; onDone(): void; onClose(): void }) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!answer.trim()) return;
    setSaving(true);
    try {
      await answerFormalismReport(report.id, answer.trim());
      onDone();
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('dutiesLedger.formalism.answerTitle')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ disabled: !answer.trim(), 'data-testid': 'formalism-answer-submit' }}
    >
      <Typography.Paragraph>{report.content}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Input.TextArea rows={4} value={answer} onChange={(e) => setAnswer(e.target.value)} placeholder={t('dutiesLedger.formalism.answerPlaceholder')} />
    </Modal>
  );
}
