import { Alert, Button, Card, Form, Input, List, Select, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResidentOpinionsView } from '../../../../src/modules/cocreation/opinion-schema.ts';
import { ApiError, errorMessage } from '../../api';
import { residentOpinions, sendResidentOpinion } from './opinions-api';
import { OpinionStatusTag, ProposalStatusTag } from './status-tags';

interface SendForm {
  proposalId?: string;
  content: string;
}

/**
 * The resident's opinions card on the village page: the village's proposals open for views
 * (titles only), a form to send an opinion, and "my opinions" with their status and answer.
 * No id or code is ever shown; a refused pass sends the resident back to the pass form.
 */
export function ResidentOpinionsCard({ villageCode, onExpired }: { villageCode: string; onExpired: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SendForm>();
  const [view, setView] = useState<ResidentOpinionsView>();
  const [error, setError] = useState<string>();
  const [sent, setSent] = useState<string>();
  const [busy, setBusy] = useState(false);

  const fail = useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && err.status === 401) onExpired();
      else setError(errorMessage(err));
    },
    [onExpired],
  );
  const load = useCallback(() => residentOpinions(villageCode).then(setView, fail), [villageCode, fail]);
  useEffect(() => void load(), [load]);

  const send = async (v: SendForm) => {
    setBusy(true);
    setError(undefined);
    setSent(undefined);
    try {
      const mine = await sendResidentOpinion(villageCode, { content: v.content.trim(), ...(v.proposalId ? { proposalId: v.proposalId } : {}) });
      setSent(t('cocreationOpinions.resident.sent', { dueOn: mine.dueOn }));
      form.resetFields();
      await load();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('cocreationOpinions.resident.title')} data-testid="resident-opinions">
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text strong>{t('cocreationOpinions.resident.proposals')}</Typography.Text>
        <List
          size="small"
          loading={!view && !error}
          dataSource={view?.proposals ?? []}
          locale={{ emptyText: t('cocreationOpinions.resident.noProposals') }}
          renderItem={(p) => (
            <List.Item data-testid="resident-proposal" style={{ paddingInline: 0 }}>
              <Space wrap size={4}>
                <span style={{ overflowWrap: 'anywhere' }}>{p.title}</span>
                <ProposalStatusTag status={p.status} />
              </Space>
            </List.Item>
          )}
        />
        {error && <Alert type="error" showIcon title={error} data-testid="resident-opinion-error" />}
        {sent && <Alert type="success" showIcon title={sent} data-testid="resident-opinion-sent" />}
        <Form form={form} layout="vertical" onFinish={(v) => void send(v)}>
          {!!view?.proposals.length && (
            <Form.Item name="proposalId" label={t('cocreationOpinions.resident.about')}>
              <Select allowClear options={view.proposals.map((p) => ({ value: p.id, label: p.title }))} data-testid="resident-opinion-proposal" />
            </Form.Item>
          )}
          <Form.Item name="content" label={t('cocreationOpinions.resident.content')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
            <Input.TextArea rows={3} placeholder={t('cocreationOpinions.resident.placeholder')} data-testid="resident-opinion-content" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block data-testid="resident-opinion-send">
            {t('cocreationOpinions.resident.send')}
          </Button>
        </Form>
        <Typography.Text strong>{t('cocreationOpinions.resident.mine')}</Typography.Text>
        <List
          size="small"
          dataSource={view?.mine ?? []}
          locale={{ emptyText: t('cocreationOpinions.resident.noMine') }}
          renderItem={(o) => (
            <List.Item data-testid="resident-my-opinion" data-status={o.status} style={{ display: 'block', paddingInline: 0 }}>
              <div style={{ overflowWrap: 'anywhere' }}>{o.content}</div>
              <Space wrap size={4} style={{ marginTop: 4 }}>
                <OpinionStatusTag status={o.status} />
                {o.proposalTitle && <Typography.Text type="secondary">{o.proposalTitle}</Typography.Text>}
                {o.status === 'open' && <Typography.Text type="secondary">{t('cocreationOpinions.resident.dueOn', { dueOn: o.dueOn })}</Typography.Text>}
              </Space>
              {o.answer && (
                <Typography.Paragraph style={{ margin: '4px 0 0' }} data-testid="resident-my-answer">
                  {t('cocreationOpinions.resident.answer', { answer: o.answer })}
                </Typography.Paragraph>
              )}
            </List.Item>
          )}
        />
      </Space>
    </Card>
  );
}
