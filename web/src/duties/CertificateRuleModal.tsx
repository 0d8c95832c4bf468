import { Alert, AutoComplete, Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateRule } from '../../../src/modules/duties/schema.ts';
import { errorMessage } from '../api';
import { showFieldError } from '../components/form-errors';
import { listDepartments } from '../requests/requests-api';
import { createCertificateRule } from './duties-api';

/** The answer read out to a resident who asks for the certificate: stored in Chinese whatever the page's language. */
const ANSWER = {
  commitment: (text: string) => `实行告知承诺制：${text}`,
  department: (department: string) => `不再由村（社区）出具，改由${department}通过部门间核查办理`,
};

interface RuleForm {
  name: string;
  allowed: boolean;
  /** What replaces a certificate no longer issued: a signed commitment, or a department that verifies. */
  instead: 'commitment' | 'department';
  commitment?: string;
  department?: string;
  basis?: string;
  keywords?: string[];
}

/** County staff add a certificate to the list: still issued by villages, or no longer — with what replaces it. */
export function CertificateRuleModal({ onDone, onClose }: { onDone(rule: CertificateRule): void; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RuleForm>();
  const allowed = Form.useWatch('allowed', form) ?? false;
  const instead = Form.useWatch('instead', form) ?? 'commitment';
  const [departments, setDepartments] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    listDepartments().then(
      (all) => setDepartments(all.map((d) => d.name)),
      () => setDepartments([]),
    );
  }, []);

  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    const alternative = v.allowed
      ? undefined
      : v.instead === 'commitment'
        ? ANSWER.commitment(v.commitment?.trim() ?? '')
        : ANSWER.department(v.department?.trim() ?? '');
    setSaving(true);
    try {
      const saved = await createCertificateRule({
        name: v.name.trim(),
        allowed: v.allowed,
        ...(alternative ? { alternative } : {}),
        ...(v.basis?.trim() ? { basis: v.basis.trim() } : {}),
        ...(v.keywords?.length ? { keywords: v.keywords.map((k) => k.trim()).filter(Boolean) } : {}),
      });
      onDone(saved);
      onClose();
    } catch (err) {
      if (!showFieldError(form, err, ['name', 'basis', 'keywords'])) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('dutiesBurden.rules.addTitle')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'rule-submit' }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ allowed: false, instead: 'commitment' }}>
        <Form.Item name="name" label={t('duties.certificates.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="rule-name" />
        </Form.Item>
        <Form.Item name="allowed" label={t('dutiesBurden.rules.mayIssue')}>
          <Radio.Group data-testid="rule-allowed">
            <Radio value={false}>{t('dutiesBurden.rules.no')}</Radio>
            <Radio value={true}>{t('dutiesBurden.rules.yes')}</Radio>
          </Radio.Group>
        </Form.Item>
        {!allowed && (
          <>
            <Form.Item name="instead" label={t('dutiesBurden.rules.instead')}>
              <Radio.Group data-testid="rule-instead">
                <Radio value="commitment">{t('dutiesBurden.rules.commitment')}</Radio>
                <Radio value="department">{t('dutiesBurden.rules.department')}</Radio>
              </Radio.Group>
            </Form.Item>
            {instead === 'commitment' ? (
              <Form.Item
                name="commitment"
                label={t('dutiesBurden.rules.commitmentLabel')}
                rules={[{ required: true, whitespace: true, max: 400 }]}
                extra={t('dutiesBurden.rules.commitmentHint')}
              >
                <Input.TextArea rows={2} data-testid="rule-commitment" />
              </Form.Item>
            ) : (
              <Form.Item name="department" label={t('dutiesBurden.rules.departmentLabel')} rules={[{ required: true, whitespace: true, max: 60 }]}>
                <AutoComplete
                  data-testid="rule-department"
                  options={departments.map((d) => ({ value: d }))}
                  filterOption={(input, option) => (option?.value ?? '').includes(input)}
                />
              </Form.Item>
            )}
          </>
        )}
        <Form.Item name="basis" label={t('duties.certificates.basis')} rules={[{ max: 500 }]}>
          <Input data-testid="rule-basis" />
        </Form.Item>
        <Form.Item name="keywords" label={t('duties.certificates.keywords')} extra={t('dutiesBurden.rules.keywordsHint')}>
          <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} data-testid="rule-keywords" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
