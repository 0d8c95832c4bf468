import { AimOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Flex, Form, Input, Radio, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicPlace } from '../../../src/modules/requests/public-schema.ts';
import type { CreatedRequest } from '../../../src/modules/requests/schema.ts';
import { errorMessage } from '../api';
import { showFieldError } from '../components/form-errors';
import { ClassifierHint } from '../requests/ClassifierHint';
import { CreatedCard } from '../requests/CreatedCard';
import { currentPosition, geoProblemOf, type GeoProblem } from '../requests/geolocation';
import { ANONYMOUS_PHOTOS_TOTAL_BYTES, type PhotoInput } from '../requests/photos';
import { PhotoPicker } from '../requests/PhotoPicker';
import type { LatLng } from '../requests/PinMap';
import { REQUEST_TYPES, requestTypeLabel } from '../requests/request-labels';
import { useClassifier } from '../requests/use-classifier';
import { useTaxonomy } from '../requests/use-taxonomy';
import { PrivacyNotice } from './PrivacyNotice';
import { PlaceMiniMap } from './PlaceMiniMap';
import { createPublicRequest, publicPlace, type PublicRequestBody } from './public-api';

interface ReportForm {
  description?: string;
  requestType?: (typeof REQUEST_TYPES)[number];
  address?: string;
  photos?: PhotoInput[];
  anonymous?: boolean;
  requesterName?: string;
  requesterPhone?: string;
  privacyAcknowledged?: boolean;
}

const FIELDS = ['description', 'requestType', 'categoryCode', 'address', 'photos', 'requesterName', 'requesterPhone', 'lat', 'lng'] as const;

type Geo = { status: 'idle' | 'locating' } | { status: 'ok'; point: LatLng; accuracy: number } | { status: 'error'; problem: GeoProblem };

/**
 * 我要反映: a resident's report, with no account. Describe the matter (a category is suggested as
 * you type), add up to six photos, say where (the phone's position or an address), and leave a
 * name and phone or stay anonymous. The answer is a work-order number and a query code.
 */
export default function ReportPage() {
  const { t } = useTranslation();
  const tx = useTaxonomy();
  const [form] = Form.useForm<ReportForm>();
  const [category, setCategory] = useState<string | undefined>();
  const [geo, setGeo] = useState<Geo>({ status: 'idle' });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedRequest | null>(null);
  const description = Form.useWatch('description', form);
  const anonymous = Form.useWatch('anonymous', form);
  const { result, loading } = useClassifier(description);
  const address = Form.useWatch('address', form);
  const [place, setPlace] = useState<PublicPlace | null>(null);

  // Where the point falls, by name, and whether the typed address names somewhere else (debounced while typing).
  const point = geo.status === 'ok' ? geo.point : null;
  useEffect(() => {
    if (!point) {
      setPlace(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      publicPlace(point.lat, point.lng, address?.trim() || undefined)
        .then((p) => !cancelled && setPlace(p))
        .catch(() => !cancelled && setPlace(null));
    }, 400);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [point?.lat, point?.lng, address]); // eslint-disable-line react-hooks/exhaustive-deps

  const locate = () => {
    setGeo({ status: 'locating' });
    currentPosition()
      .then(({ accuracy, ...point }) => setGeo({ status: 'ok', point, accuracy }))
      .catch((err: unknown) => setGeo({ status: 'error', problem: geoProblemOf(err) }));
  };

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    setSaving(true);
    setError(null);
    const body: PublicRequestBody = {
      description: values.description!.trim(),
      requestType: values.requestType,
      categoryCode: category,
      address: values.address?.trim() || undefined,
      photos: values.photos?.length ? values.photos.map((p) => ({ data: p.data, filename: p.filename })) : undefined,
      anonymous: values.anonymous || undefined,
      requesterName: values.anonymous ? undefined : values.requesterName?.trim() || undefined,
      requesterPhone: values.anonymous ? undefined : values.requesterPhone?.trim() || undefined,
      ...(geo.status === 'ok' ? geo.point : {}),
      privacyAcknowledged: values.privacyAcknowledged === true,
    };
    try {
      setCreated(await createPublicRequest(body));
      window.scrollTo({ top: 0 });
    } catch (err) {
      if (!showFieldError(form, err, FIELDS)) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  if (created) {
    return (
      <Flex vertical gap={16} data-testid="report-done">
        <CreatedCard created={created} />
        <Button
          size="large"
          block
          onClick={() => {
            form.resetFields();
            setCategory(undefined);
            setGeo({ status: 'idle' });
            setCreated(null);
          }}
        >
          {t('publicSite.report.another')}
        </Button>
      </Flex>
    );
  }

  return (
    <Card data-testid="report-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('publicSite.report.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('publicSite.report.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="report-error" />}
      <Form<ReportForm> form={form} layout="vertical" size="large" requiredMark={false} onValuesChange={() => setError(null)}>
        <Form.Item
          name="description"
          label={t('publicSite.report.what')}
          rules={[
            { required: true, whitespace: true, message: t('requests.intake.descriptionRequired') },
            { min: 5, message: t('requests.intake.descriptionShort') },
            { max: 4000 },
          ]}
          extra={
            <ClassifierHint
              result={result}
              loading={loading}
              tx={tx}
              selected={category}
              showScores={false}
              onPick={(c) => setCategory((old) => (old === c ? undefined : c))}
            />
          }
        >
          <Input.TextArea
            autoSize={{ minRows: 4, maxRows: 10 }}
            maxLength={4000}
            showCount
            placeholder={t('publicSite.report.whatPlaceholder')}
            data-testid="report-description"
          />
        </Form.Item>
        <Form.Item name="requestType" label={t('publicSite.report.type')}>
          <Radio.Group optionType="button" options={REQUEST_TYPES.map((c) => ({ value: c, label: requestTypeLabel(t, c) }))} />
        </Form.Item>
        <Form.Item name="photos" label={t('requests.field.photos')}>
          <PhotoPicker maxTotalBytes={ANONYMOUS_PHOTOS_TOTAL_BYTES} />
        </Form.Item>
        <Form.Item label={t('publicSite.report.where')}>
          <Flex vertical gap={6}>
            <Button icon={<AimOutlined />} onClick={locate} loading={geo.status === 'locating'} data-testid="report-locate">
              {geo.status === 'ok' ? t('requests.location.again') : t('requests.location.useCurrent')}
            </Button>
            {geo.status === 'ok' && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('requests.location.got', { lat: geo.point.lat.toFixed(5), lng: geo.point.lng.toFixed(5), accuracy: Math.round(geo.accuracy) })}
              </Typography.Text>
            )}
            {geo.status === 'ok' && place?.village && (
              <Typography.Text type="success" data-testid="report-place">
                {t('publicSite.place.located', { place: [place.township?.name, place.village.name, place.grid?.name].filter(Boolean).join(' · ') })}
              </Typography.Text>
            )}
            {geo.status === 'ok' && place?.village && place.outline && (
              <PlaceMiniMap outline={place.outline} point={geo.point} caption={[place.village.name, place.grid?.name].filter(Boolean).join(' · ')} />
            )}
            {geo.status === 'ok' && place && !place.village && (
              <Typography.Text type="warning" data-testid="report-place-outside">
                {t('publicSite.place.outside')}
              </Typography.Text>
            )}
            {geo.status === 'ok' && place?.village && place.addressNames && (
              <Alert
                type="warning"
                showIcon
                data-testid="report-place-mismatch"
                title={t('publicSite.place.mismatch', {
                  typed: place.addressNames.name,
                  located: [place.township?.name, place.village.name].filter(Boolean).join(' '),
                })}
              />
            )}
            {geo.status === 'error' && <Typography.Text type="warning">{t(`requests.location.problem.${geo.problem}`)}</Typography.Text>}
          </Flex>
        </Form.Item>
        <Form.Item name="address" label={t('requests.field.address')} rules={[{ max: 200 }]}>
          <Input maxLength={200} placeholder={t('publicSite.report.addressPlaceholder')} data-testid="report-address" />
        </Form.Item>
        <Form.Item name="anonymous" label={t('publicSite.report.anonymous')} valuePropName="checked" extra={t('publicSite.report.anonymousHelp')}>
          <Switch data-testid="report-anonymous" />
        </Form.Item>
        {!anonymous && (
          <>
            <Form.Item name="requesterName" label={t('publicSite.report.name')} rules={[{ max: 50 }]}>
              <Input maxLength={50} autoComplete="name" />
            </Form.Item>
            <Form.Item
              name="requesterPhone"
              label={t('publicSite.report.phone')}
              extra={t('publicSite.report.phoneHelp')}
              rules={[{ pattern: /^[0-9+\-\s]{5,20}$/, message: t('requests.intake.phoneInvalid') }]}
            >
              <Input inputMode="tel" maxLength={20} autoComplete="tel" data-testid="report-phone" />
            </Form.Item>
          </>
        )}
        <PrivacyNotice />
        <Form.Item
          name="privacyAcknowledged"
          valuePropName="checked"
          rules={[{ validator: (_, v) => (v === true ? Promise.resolve() : Promise.reject(new Error(t('publicSite.privacy.required')))) }]}
        >
          <Checkbox data-testid="report-privacy-ack">{t('publicSite.privacy.acknowledge')}</Checkbox>
        </Form.Item>
        <Button
          type="primary"
          block
          icon={<SendOutlined />}
          style={{ height: 52, fontSize: 18 }}
          loading={saving}
          onClick={() => void submit()}
          data-testid="report-submit"
        >
          {t('publicSite.report.submit')}
        </Button>
      </Form>
    </Card>
  );
}
