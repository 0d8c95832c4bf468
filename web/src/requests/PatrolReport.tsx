import { AimOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Radio, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateRequestBody } from '../../../src/modules/requests/schema.ts';
import { ClassifierHint } from './ClassifierHint';
import { currentPosition, geoProblemOf, type GeoProblem } from './geolocation';
import { enqueueReport } from './offline-queue';
import type { PhotoInput } from './photos';
import { PhotoPicker } from './PhotoPicker';
import type { LatLng } from './PinMap';
import { REQUEST_TYPES, requestTypeLabel } from './request-labels';
import { useClassifier } from './use-classifier';
import { useTaxonomy } from './use-taxonomy';

interface PatrolForm {
  description?: string;
  requestType?: (typeof REQUEST_TYPES)[number];
  address?: string;
  photos?: PhotoInput[];
}

/** The types a grid worker reports; consultations and praise come from residents. */
const PATROL_TYPES = ['report', 'help', 'complaint', 'suggestion'] as const;

type Geo = { status: 'idle' | 'locating' } | { status: 'ok'; point: LatLng; accuracy: number } | { status: 'error'; problem: GeoProblem };

/**
 * 上报: what was found, a photo from the camera, where (GPS, taken when the form opens), and the
 * classifier's suggestion while online. Saving puts it in the phone's queue; it is sent from there.
 */
export function PatrolReport({ userId, online, onQueued }: { userId: string; online: boolean; onQueued(): void }) {
  const { t } = useTranslation();
  const tx = useTaxonomy();
  const [form] = Form.useForm<PatrolForm>();
  const [geo, setGeo] = useState<Geo>({ status: 'idle' });
  const [category, setCategory] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const description = Form.useWatch('description', form);
  const { result, loading } = useClassifier(online ? description : undefined);

  const locate = useCallback(() => {
    setGeo({ status: 'locating' });
    currentPosition()
      .then(({ accuracy, ...point }) => setGeo({ status: 'ok', point, accuracy }))
      .catch((err: unknown) => setGeo({ status: 'error', problem: geoProblemOf(err) }));
  }, []);

  useEffect(() => locate(), [locate]);

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    setSaving(true);
    setError(null);
    const body: CreateRequestBody = {
      channel: 'patrol',
      description: values.description!.trim(),
      requestType: values.requestType,
      categoryCode: category,
      address: values.address?.trim() || undefined,
      photos: values.photos?.length ? values.photos.map((p) => ({ data: p.data, filename: p.filename })) : undefined,
      ...(geo.status === 'ok' ? geo.point : {}),
    };
    try {
      await enqueueReport(userId, body);
      form.resetFields();
      onQueued();
    } catch (err) {
      // IndexedDB refused (private mode, storage full): say so rather than lose the report silently.
      setError(t('requests.patrol.storeError', { error: err instanceof Error ? err.message : String(err) }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card data-testid="patrol-report">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<PatrolForm> form={form} layout="vertical" size="large" requiredMark={false}>
        <Form.Item
          name="description"
          label={t('requests.patrol.what')}
          rules={[
            { required: true, whitespace: true, message: t('requests.intake.descriptionRequired') },
            { min: 5, message: t('requests.intake.descriptionShort') },
            { max: 4000 },
          ]}
          extra={
            <ClassifierHint result={result} loading={loading} tx={tx} selected={category} onPick={(c) => setCategory((old) => (old === c ? undefined : c))} />
          }
        >
          <Input.TextArea
            autoSize={{ minRows: 4, maxRows: 10 }}
            maxLength={4000}
            placeholder={t('requests.patrol.whatPlaceholder')}
            data-testid="patrol-description"
          />
        </Form.Item>
        <Form.Item name="requestType" label={t('requests.field.requestType')}>
          <Radio.Group optionType="button" options={PATROL_TYPES.map((c) => ({ value: c, label: requestTypeLabel(t, c) }))} />
        </Form.Item>
        <Form.Item name="photos" label={t('requests.field.photos')} valuePropName="value">
          <PhotoPicker camera size="large" />
        </Form.Item>
        <Form.Item label={t('requests.field.location')}>
          <Flex vertical gap={6}>
            <Button icon={<AimOutlined />} onClick={locate} loading={geo.status === 'locating'} block>
              {geo.status === 'ok' ? t('requests.location.again') : t('requests.location.useCurrent')}
            </Button>
            {geo.status === 'ok' && (
              <Typography.Text type="success" data-testid="patrol-located">
                {t('requests.location.got', { lat: geo.point.lat.toFixed(5), lng: geo.point.lng.toFixed(5), accuracy: Math.round(geo.accuracy) })}
              </Typography.Text>
            )}
            {geo.status === 'error' && <Typography.Text type="warning">{t(`requests.location.problem.${geo.problem}`)}</Typography.Text>}
          </Flex>
        </Form.Item>
        <Form.Item name="address" label={t('requests.field.address')} rules={[{ max: 200 }]}>
          <Input maxLength={200} placeholder={t('requests.patrol.addressPlaceholder')} />
        </Form.Item>
        <Button
          type="primary"
          block
          icon={<SendOutlined />}
          style={{ height: 56, fontSize: 18 }}
          loading={saving}
          onClick={() => void submit()}
          data-testid="patrol-submit"
        >
          {online ? t('requests.patrol.submit') : t('requests.patrol.submitOffline')}
        </Button>
      </Form>
    </Card>
  );
}
