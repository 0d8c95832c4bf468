import { EnvironmentOutlined, PhoneOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Flex, Form, Input, Radio, Row, Select, Space, Switch, Typography, type InputRef } from 'antd';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedRequest, CreateRequestBody } from '../../../src/modules/requests/schema.ts';
import { errorMessage } from '../api';
import { showFieldError } from '../components/form-errors';
import { CallerHistoryCard } from './CallerHistoryCard';
import { CategoryCascader } from './CategoryCascader';
import { ClassifierHint } from './ClassifierHint';
import { CreatedCard } from './CreatedCard';
import type { LatLng } from './PinMap';
import { channelLabel, REQUEST_TYPES, requestTypeLabel } from './request-labels';
import { createRequest } from './requests-api';
import { useClassifier } from './use-classifier';
import { useTaxonomy } from './use-taxonomy';
import { VillagePinPicker } from './VillagePinPicker';

type RequestType = (typeof REQUEST_TYPES)[number];

interface IntakeForm {
  requesterPhone?: string;
  requesterName?: string;
  anonymous?: boolean;
  description?: string;
  requestType?: RequestType;
  categoryCode?: string;
  address?: string;
  channel: NonNullable<CreateRequestBody['channel']>;
  answerNowOn?: boolean;
  answerNow?: string;
}

const FIELDS = ['requesterPhone', 'requesterName', 'description', 'requestType', 'categoryCode', 'address', 'channel', 'answerNow', 'lat', 'lng'] as const;
const OPERATOR_CHANNELS = ['hotline', 'wechat', 'app', 'web', 'supervision'] as const;

/**
 * 受理台: the 12345 operator's console. One compact form, driven from the keyboard: the phone is
 * focused first (its history shows at 11 digits), Enter moves on, Alt+1…6 picks the request type,
 * Ctrl+Enter files the order. The classifier's suggestion follows the description as it is typed.
 */
export default function IntakePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const tx = useTaxonomy();
  const [form] = Form.useForm<IntakeForm>();
  const phoneRef = useRef<InputRef>(null);
  const nameRef = useRef<InputRef>(null);
  const descRef = useRef<HTMLTextAreaElement | null>(null);
  const [typeTouched, setTypeTouched] = useState(false);
  const [point, setPoint] = useState<LatLng | null>(null);
  const [showMap, setShowMap] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [last, setLast] = useState<CreatedRequest | null>(null);

  const phone = Form.useWatch('requesterPhone', form);
  const description = Form.useWatch('description', form);
  const requestType = Form.useWatch('requestType', form);
  const categoryCode = Form.useWatch('categoryCode', form);
  const anonymous = Form.useWatch('anonymous', form);
  const answerNowOn = Form.useWatch('answerNowOn', form);
  const { result: suggestion, loading: classifying } = useClassifier(description);

  // Until the operator picks a type, it follows the classifier.
  useEffect(() => {
    if (!typeTouched && suggestion) form.setFieldValue('requestType', suggestion.requestType);
  }, [suggestion, typeTouched, form]);

  const pickType = (type: RequestType) => {
    setTypeTouched(true);
    form.setFieldValue('requestType', type);
  };

  const reset = () => {
    form.resetFields();
    setTypeTouched(false);
    setPoint(null);
    setShowMap(false);
    setError(null);
    phoneRef.current?.focus();
  };

  const submit = async () => {
    if (saving) return;
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    setSaving(true);
    setError(null);
    const body: CreateRequestBody = {
      channel: values.channel,
      description: values.description!.trim(),
      requestType: values.requestType,
      categoryCode: values.categoryCode,
      address: values.address?.trim() || undefined,
      requesterName: values.anonymous ? undefined : values.requesterName?.trim() || undefined,
      requesterPhone: values.requesterPhone?.trim() || undefined,
      anonymous: values.anonymous || undefined,
      answerNow: values.requestType === 'consult' && values.answerNowOn ? values.answerNow?.trim() : undefined,
      ...(point ?? {}),
    };
    try {
      const created = await createRequest(body);
      setLast(created);
      void message.success(t('requests.intake.created', { number: created.number }));
      reset();
    } catch (err) {
      if (!showFieldError(form, err, FIELDS)) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      void submit();
      return;
    }
    const digit = /^Digit([1-6])$/.exec(e.code);
    if (e.altKey && !e.ctrlKey && digit) {
      e.preventDefault();
      pickType(REQUEST_TYPES[Number(digit[1]) - 1]!);
    }
  };

  /** Enter in a one-line field moves to the next one rather than filing a half-typed order. */
  const next = (focus: () => void) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      focus();
    }
  };

  const suggestedName = suggestion ? tx.fullName(suggestion.categoryCode) : null;

  return (
    <div onKeyDown={onKeyDown} data-testid="intake-page">
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card
            title={
              <Space>
                <PhoneOutlined />
                {t('requests.intake.title')}
              </Space>
            }
            extra={<Typography.Text type="secondary">{t('requests.intake.keys')}</Typography.Text>}
          >
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="intake-error" />}
            <Form<IntakeForm>
              form={form}
              layout="vertical"
              size="middle"
              requiredMark={false}
              initialValues={{ channel: 'hotline' }}
              onValuesChange={() => setError(null)}
            >
              <Row gutter={12}>
                <Col span={10}>
                  <Form.Item
                    name="requesterPhone"
                    label={t('requests.field.phone')}
                    rules={[{ pattern: /^[0-9+\-\s]{5,20}$/, message: t('requests.intake.phoneInvalid') }]}
                  >
                    <Input
                      ref={phoneRef}
                      autoFocus
                      inputMode="tel"
                      maxLength={20}
                      allowClear
                      data-testid="intake-phone"
                      onKeyDown={next(() => nameRef.current?.focus())}
                    />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="requesterName" label={t('requests.field.requester')} rules={[{ max: 50 }]}>
                    <Input ref={nameRef} maxLength={50} disabled={anonymous} data-testid="intake-name" onKeyDown={next(() => descRef.current?.focus())} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name="anonymous" label=" " valuePropName="checked">
                    <Checkbox tabIndex={-1}>{t('requests.field.anonymous')}</Checkbox>
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name="description"
                label={t('requests.field.description')}
                rules={[
                  { required: true, whitespace: true, message: t('requests.intake.descriptionRequired') },
                  { min: 5, message: t('requests.intake.descriptionShort') },
                  { max: 4000 },
                ]}
                extra={
                  <ClassifierHint
                    result={suggestion}
                    loading={classifying}
                    tx={tx}
                    selected={categoryCode}
                    onPick={(code) => form.setFieldValue('categoryCode', code)}
                  />
                }
              >
                <Input.TextArea
                  ref={(el) => {
                    descRef.current = el?.resizableTextArea?.textArea ?? null;
                  }}
                  autoSize={{ minRows: 4, maxRows: 10 }}
                  maxLength={4000}
                  showCount
                  data-testid="intake-description"
                />
              </Form.Item>
              <Form.Item name="requestType" label={t('requests.field.requestType')} extra={t('requests.intake.typeKeys')}>
                <Radio.Group optionType="button" buttonStyle="solid" data-testid="intake-type" onChange={() => setTypeTouched(true)}>
                  {REQUEST_TYPES.map((code, i) => (
                    <Radio.Button key={code} value={code} data-testid={`intake-type-${code}`} title={`Alt+${i + 1}`}>
                      {requestTypeLabel(t, code)}
                      <Typography.Text type="secondary" style={{ fontSize: 11, marginInlineStart: 4 }}>
                        {i + 1}
                      </Typography.Text>
                    </Radio.Button>
                  ))}
                </Radio.Group>
              </Form.Item>
              <Row gutter={12}>
                <Col span={14}>
                  <Form.Item
                    name="categoryCode"
                    label={t('requests.field.category')}
                    extra={!categoryCode && suggestedName ? t('requests.intake.categoryDefault', { name: suggestedName }) : undefined}
                  >
                    <CategoryCascader tx={tx} style={{ width: '100%' }} data-testid="intake-category" />
                  </Form.Item>
                </Col>
                <Col span={10}>
                  <Form.Item name="channel" label={t('requests.field.channel')}>
                    <Select options={OPERATOR_CHANNELS.map((c) => ({ value: c, label: channelLabel(t, c) }))} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item label={t('requests.field.address')} style={{ marginBottom: showMap ? 8 : undefined }}>
                <Space.Compact style={{ width: '100%' }}>
                  <Form.Item name="address" noStyle rules={[{ max: 200 }]}>
                    <Input maxLength={200} data-testid="intake-address" />
                  </Form.Item>
                  <Button icon={<EnvironmentOutlined />} type={point ? 'primary' : 'default'} onClick={() => setShowMap((s) => !s)} tabIndex={-1}>
                    {point ? t('requests.map.pinned') : t('requests.map.pin')}
                  </Button>
                </Space.Compact>
              </Form.Item>
              {showMap && (
                <div style={{ marginBottom: 16 }}>
                  <VillagePinPicker value={point} onChange={setPoint} />
                </div>
              )}
              {requestType === 'consult' && (
                <Card size="small" style={{ marginBottom: 16, background: '#fafafa' }}>
                  <Form.Item name="answerNowOn" valuePropName="checked" style={{ marginBottom: answerNowOn ? 8 : 0 }}>
                    <Switch
                      checkedChildren={t('requests.intake.answerNow')}
                      unCheckedChildren={t('requests.intake.answerNow')}
                      data-testid="intake-answer-now"
                    />
                  </Form.Item>
                  {answerNowOn && (
                    <Form.Item
                      name="answerNow"
                      label={t('requests.intake.answer')}
                      extra={t('requests.intake.answerHelp')}
                      rules={[{ required: true, whitespace: true, min: 2, message: t('requests.intake.answerRequired') }, { max: 2000 }]}
                      style={{ marginBottom: 0 }}
                    >
                      <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="intake-answer" />
                    </Form.Item>
                  )}
                </Card>
              )}
              <Flex gap={8}>
                <Button type="primary" icon={<SendOutlined />} loading={saving} onClick={() => void submit()} data-testid="intake-submit">
                  {t('requests.intake.submit')}
                </Button>
                <Button onClick={reset}>{t('requests.intake.clear')}</Button>
              </Flex>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16}>
            {last && <CreatedCard created={last} compact />}
            <CallerHistoryCard phone={phone} />
          </Flex>
        </Col>
      </Row>
    </div>
  );
}
