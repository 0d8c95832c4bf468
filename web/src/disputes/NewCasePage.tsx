import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Flex, Form, Input, InputNumber, Result, Row, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PARTY_ROLES, type CreateCaseBody, type DisputeCaseDetail, type DisputeMeta } from '../../../src/modules/disputes/schema.ts';
import { errorMessage } from '../api';
import { showFieldError } from '../components/form-errors';
import { formatDateTime } from '../labels';
import { RegionPicker } from '../people/RegionPicker';
import { createCase, getDisputeMeta } from './disputes-api';
import { DisputesTabs } from './DisputesTabs';
import { LevelTag, RiskTag } from './DisputeTags';
import { ResidentSelect } from './ResidentSelect';

interface PartyRow {
  role: (typeof PARTY_ROLES)[number];
  residentId?: string;
  name?: string;
  phone?: string;
}

interface IntakeForm {
  disputeType?: string;
  title?: string;
  narrative?: string;
  amount?: number | null;
  regionCode?: string;
  parties: PartyRow[];
}

const FIELDS = ['disputeType', 'title', 'narrative', 'amount', 'regionCode', 'parties'] as const;

/** The request body from the form: a party is a registry resident, or an outsider by name. */
function bodyOf(v: IntakeForm): CreateCaseBody {
  return {
    disputeType: v.disputeType!,
    title: v.title?.trim() || undefined,
    narrative: v.narrative!.trim(),
    amount: v.amount ?? undefined,
    regionCode: v.regionCode,
    parties: v.parties.map((p) => ({
      role: p.role,
      ...(p.residentId ? { residentId: p.residentId } : { name: p.name!.trim() }),
      ...(p.phone?.trim() ? { phone: p.phone.trim() } : {}),
    })),
  };
}

/** What the centre sees right after registering: the number, the automatic risk and why, the level and its time limit. */
function Created({ c, onAnother }: { c: DisputeCaseDetail; onAnother(): void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="success"
      title={t('disputes.intake.created', { number: c.number })}
      data-testid="case-created"
      extra={[
        <Link key="open" to={`/disputes/${c.id}`}>
          <Button type="primary">{t('disputes.intake.open')}</Button>
        </Link>,
        <Button key="again" onClick={onAnother}>
          {t('disputes.intake.another')}
        </Button>,
      ]}
    >
      <Descriptions
        column={1}
        size="small"
        items={[
          {
            key: 'risk',
            label: t('disputes.field.risk'),
            children: (
              <Flex vertical gap={4}>
                <span>
                  <RiskTag level={c.riskLevel} />
                </span>
                {c.riskReasons.length ? (
                  <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="risk-reasons">
                    {c.riskReasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                ) : (
                  <Typography.Text type="secondary">{t('disputes.intake.noRiskReason')}</Typography.Text>
                )}
              </Flex>
            ),
          },
          {
            key: 'level',
            label: t('disputes.field.level'),
            children: (
              <Space wrap>
                <LevelTag level={c.level} />
                {t('disputes.intake.levelInfo', { unit: c.unitName ?? '', level: t(`disputes.level.${c.level}`), due: formatDateTime(c.levelDue) })}
              </Space>
            ),
          },
        ]}
      />
    </Result>
  );
}

/**
 * 综治中心 window intake: a walk-in dispute with its parties (from the registry or by name), the
 * amount and the story; the server assesses the risk and picks the level, shown once registered.
 */
export default function NewCasePage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<IntakeForm>();
  const [meta, setMeta] = useState<DisputeMeta | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<DisputeCaseDetail | null>(null);

  useEffect(() => {
    getDisputeMeta()
      .then(setMeta)
      .catch((err: unknown) => setError(errorMessage(err)));
  }, []);

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      setCreated(await createCase(bodyOf(values)));
    } catch (err) {
      if (!showFieldError(form, err, FIELDS)) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  if (created) {
    return (
      <>
        <DisputesTabs />
        <Card>
          <Created
            c={created}
            onAnother={() => {
              form.resetFields();
              setCreated(null);
            }}
          />
        </Card>
      </>
    );
  }

  return (
    <>
      <DisputesTabs />
      <Card title={t('disputes.intake.title')} style={{ maxWidth: 960 }}>
        <Typography.Paragraph type="secondary">{t('disputes.intake.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="intake-error" />}
        <Form<IntakeForm>
          form={form}
          layout="vertical"
          initialValues={{ parties: [{ role: 'applicant' }, { role: 'respondent' }] }}
          onValuesChange={() => setError(null)}
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="disputeType" label={t('disputes.field.type')} rules={[{ required: true, message: t('disputes.intake.typeRequired') }]}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  data-testid="intake-type"
                  options={meta?.types.map((x) => ({ value: x.code, label: `${x.code} ${x.name}` }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="regionCode" label={t('disputes.field.region')}>
                <RegionPicker allowClear />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="title" label={t('disputes.field.title')} rules={[{ max: 60 }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item
            name="narrative"
            label={t('disputes.field.narrative')}
            rules={[
              { required: true, whitespace: true, message: t('disputes.intake.narrativeRequired') },
              { min: 5, message: t('disputes.intake.narrativeRequired') },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={4000} showCount data-testid="intake-narrative" />
          </Form.Item>
          <Form.Item name="amount" label={t('disputes.field.amount')}>
            <InputNumber min={0} max={1e12} style={{ width: 200 }} />
          </Form.Item>
          <Typography.Title level={5}>{t('disputes.field.parties')}</Typography.Title>
          <Form.List
            name="parties"
            rules={[
              {
                validator: async (_, parties: PartyRow[] | undefined) => {
                  if (!parties?.length) throw new Error(t('disputes.intake.partiesRequired'));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <Flex vertical gap={8}>
                {fields.map((field, i) => (
                  <Card key={field.key} size="small" data-testid={`party-${i}`}>
                    <Row gutter={8} align="top">
                      <Col xs={24} sm={6}>
                        <Form.Item name={[field.name, 'role']} label={t('disputes.field.role')} rules={[{ required: true }]}>
                          <Select options={PARTY_ROLES.map((r) => ({ value: r, label: t(`disputes.role.${r}`) }))} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} sm={8}>
                        <Form.Item name={[field.name, 'residentId']} label={t('disputes.intake.resident')}>
                          <ResidentSelect
                            onChange={(id, r) => {
                              form.setFieldValue(['parties', field.name, 'residentId'], id);
                              if (r) form.setFieldValue(['parties', field.name, 'name'], r.name);
                            }}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={24} sm={5}>
                        <Form.Item
                          name={[field.name, 'name']}
                          label={t('disputes.intake.outsider')}
                          dependencies={[['parties', field.name, 'residentId']]}
                          rules={[
                            {
                              validator: async (_, name: string | undefined) => {
                                if (!form.getFieldValue(['parties', field.name, 'residentId']) && !name?.trim()) {
                                  throw new Error(t('disputes.intake.nameOrResident'));
                                }
                              },
                            },
                          ]}
                        >
                          <Input maxLength={100} data-testid={`party-name-${i}`} />
                        </Form.Item>
                      </Col>
                      <Col xs={20} sm={4}>
                        <Form.Item
                          name={[field.name, 'phone']}
                          label={t('disputes.field.phone')}
                          rules={[{ pattern: /^[0-9+\-\s]{5,20}$/, message: t('disputes.intake.phoneInvalid') }]}
                        >
                          <Input inputMode="tel" maxLength={20} data-testid={`party-phone-${i}`} />
                        </Form.Item>
                      </Col>
                      <Col xs={4} sm={1}>
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          style={{ marginTop: 30 }}
                          onClick={() => remove(field.name)}
                          aria-label={t('disputes.intake.removeParty')}
                        />
                      </Col>
                    </Row>
                  </Card>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ role: 'third_party' })} style={{ alignSelf: 'flex-start' }} data-testid="party-add">
                  {t('disputes.intake.addParty')}
                </Button>
                <Form.ErrorList errors={errors} />
              </Flex>
            )}
          </Form.List>
          <Button type="primary" size="large" loading={saving} onClick={() => void submit()} style={{ marginTop: 24 }} data-testid="intake-submit">
            {t('disputes.intake.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
