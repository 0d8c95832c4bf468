import { Alert, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinkChoices, Opinion, OpinionOutcome } from '../../../../src/modules/cocreation/opinion-schema.ts';
import { errorMessage } from '../../api';
import { showFieldError } from '../../components/form-errors';
import { answerOpinion, linkChoices, listOpinions } from './opinions-api';

interface AnswerForm {
  outcome: OpinionOutcome;
  answer?: string;
  proposalId?: string;
  projectId?: string;
  mergedInto?: string;
}

const OUTCOMES: OpinionOutcome[] = ['adopted', 'merged', 'answered', 'declined'];

/** The four outcomes of an open opinion: adopted (into a proposal or project), merged, answered, declined with a reason. */
export function AnswerOpinionModal({ opinion, onDone, onClose }: { opinion: Opinion; onDone(): void; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AnswerForm>();
  const outcome = Form.useWatch('outcome', form) ?? 'adopted';
  const [choices, setChoices] = useState<LinkChoices>();
  const [others, setOthers] = useState<Opinion[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    linkChoices(opinion.regionCode).then(setChoices, (err: unknown) => setError(errorMessage(err)));
    listOpinions({ regionCode: opinion.regionCode, pageSize: 100 }).then(
      (page) => setOthers(page.items.filter((o) => o.id !== opinion.id && o.status !== 'merged')),
      () => undefined,
    );
  }, [opinion]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setError(undefined);
    try {
      await answerOpinion(opinion.id, {
        outcome: v.outcome,
        ...(v.answer?.trim() ? { answer: v.answer.trim() } : {}),
        ...(v.outcome === 'adopted' && v.proposalId ? { proposalId: v.proposalId } : {}),
        ...(v.outcome === 'adopted' && v.projectId ? { projectId: v.projectId } : {}),
        ...(v.outcome === 'merged' && v.mergedInto ? { mergedInto: v.mergedInto } : {}),
      });
      onDone();
      onClose();
    } catch (err) {
      if (!showFieldError(form, err, ['answer', 'proposalId', 'projectId', 'mergedInto'])) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const needsText = outcome === 'answered' || outcome === 'declined';
  return (
    <Modal
      open
      title={t('cocreationOpinions.answerModal.title')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'answer-submit' }}
      width={560}
    >
      <Typography.Paragraph type="secondary" style={{ overflowWrap: 'anywhere' }}>
        {opinion.authorName}：{opinion.content}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ outcome: 'adopted', proposalId: opinion.proposalId ?? undefined }}>
        <Form.Item name="outcome">
          <Radio.Group
            optionType="button"
            data-testid="answer-outcome"
            options={OUTCOMES.map((o) => ({ value: o, label: t(`cocreationOpinions.outcome.${o}`) }))}
          />
        </Form.Item>
        {outcome === 'adopted' && (
          <>
            <Typography.Paragraph type="secondary">{t('cocreationOpinions.answerModal.adoptedHint')}</Typography.Paragraph>
            <Form.Item name="proposalId" label={t('cocreationOpinions.field.proposal')}>
              <Select allowClear data-testid="answer-proposal" options={(choices?.proposals ?? []).map((p) => ({ value: p.id, label: p.title }))} />
            </Form.Item>
            <Form.Item name="projectId" label={t('cocreationOpinions.field.project')}>
              <Select allowClear data-testid="answer-project" options={(choices?.projects ?? []).map((p) => ({ value: p.id, label: p.title }))} />
            </Form.Item>
          </>
        )}
        {outcome === 'merged' && (
          <>
            <Typography.Paragraph type="secondary">{t('cocreationOpinions.answerModal.mergedHint')}</Typography.Paragraph>
            <Form.Item name="mergedInto" label={t('cocreationOpinions.field.mergedInto')} rules={[{ required: true }]}>
              <Select
                showSearch
                optionFilterProp="label"
                placeholder={t('cocreationOpinions.answerModal.pickOpinion')}
                data-testid="answer-merged-into"
                options={others.map((o) => ({ value: o.id, label: `${o.authorName}：${o.content.slice(0, 40)}` }))}
              />
            </Form.Item>
          </>
        )}
        {outcome === 'declined' && <Typography.Paragraph type="secondary">{t('cocreationOpinions.answerModal.declinedHint')}</Typography.Paragraph>}
        <Form.Item
          name="answer"
          label={outcome === 'declined' ? t('cocreationOpinions.field.reason') : t('cocreationOpinions.field.answer')}
          rules={[{ required: needsText, whitespace: true, max: 2000 }]}
        >
          <Input.TextArea rows={3} data-testid="answer-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
