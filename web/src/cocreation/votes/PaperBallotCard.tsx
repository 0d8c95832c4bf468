import { Alert, App, Button, Card, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Elector, Vote } from '../../../../src/modules/cocreation/vote-schema.ts';
import { errorMessage } from '../../api';
import { showFieldError } from '../../components/form-errors';
import { ChoicePicker } from './ChoicePicker';
import { enterPaperBallot } from './votes-api';

interface PaperForm {
  electorId: string;
  choices: string[];
  witnessName: string;
}

/**
 * The clerk enters a paper ballot with a witness. An elector who already voted (online or on
 * paper) is refused by the server; the refusal, with when and how they voted, stays on screen.
 */
export function PaperBallotCard({ vote, electors, onSaved }: { vote: Vote; electors: Elector[]; onSaved(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PaperForm>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setRefusal(null);
    try {
      await enterPaperBallot(vote.id, { electorId: v.electorId, choices: v.choices, witnessName: v.witnessName.trim() });
      void message.success(t('cocreationVotes.paper.saved', { name: electors.find((e) => e.id === v.electorId)?.name ?? '' }));
      form.setFieldsValue({ electorId: undefined, choices: [] });
      onSaved();
    } catch (err) {
      if (!showFieldError(form, err, ['choices', 'witnessName'])) setRefusal(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title={t('cocreationVotes.paper.title')} size="small" data-testid="paper-ballot">
      {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} data-testid="paper-refusal" />}
      <Form form={form} layout="vertical" initialValues={{ choices: [] }}>
        <Form.Item name="electorId" label={t('cocreationVotes.paper.elector')} rules={[{ required: true }]}>
          <Select
            showSearch
            placeholder={t('cocreationVotes.paper.electorPlaceholder')}
            optionFilterProp="label"
            data-testid="paper-elector"
            onChange={() => setRefusal(null)}
            options={electors.map((e) => ({
              value: e.id,
              label: `${e.name}${e.address ? ` · ${e.address}` : ''}${e.voted ? `（${t('cocreationVotes.paper.alreadyVoted')}）` : ''}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="choices" label={t('cocreationVotes.paper.choices')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <ChoicePicker method={vote.method} options={vote.options} />
        </Form.Item>
        <Form.Item
          name="witnessName"
          label={t('cocreationVotes.paper.witness')}
          extra={t('cocreationVotes.paper.witnessHint')}
          rules={[{ required: true, whitespace: true, max: 50 }]}
        >
          <Input data-testid="paper-witness" />
        </Form.Item>
        <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="paper-submit">
          {t('cocreationVotes.paper.submit')}
        </Button>
      </Form>
    </Card>
  );
}
