import { AimOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Radio, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateRequestBody } from '../../../src/modules/requests/schema.ts';
import { ClassifierHint } from './ClassifierHint';
import { currentPosition, geoProblemOf, type GeoProblem } from './geolocation';
import { useOwnVillage } from '../people/RegionPicker';
import { enqueueReport, reviseReport, type QueuedReport } from './offline-queue';
import type { PhotoInput } from './photos';
import { PhotoPicker } from './PhotoPicker';
import { PinMap, type LatLng } from './PinMap';
import { REQUEST_TYPES, requestTypeLabel } from './request-labels';
import { useClassifier } from './use-classifier';
import { useTaxonomy } from './use-taxonomy';
import { useVillageGrids } from './VillagePinPicker';

interface PatrolForm {
  description?: string;
  requestType?: (typeof REQUEST_TYPES)[number];
  address?: string;
  photos?: PhotoInput[];
}

/** The types a grid worker reports; consultations and praise come from residents. */
const PATROL_TYPES = ['report', 'help', 'complaint', 'suggestion'] as const;

/** Where the matter is: from the phone's GPS, or tapped on the map (accuracy unknown then). */
type Geo = { status: 'idle' | 'locating' } | { status: 'ok'; point: LatLng; accuracy: number; fromMap?: boolean } | { status: 'error'; problem: GeoProblem };

/** A queued photo back as the picker holds it (its size read from the data URL). */
const toPhotoInput = (p: { data: string; filename?: string }): PhotoInput => ({
  data: p.data,
  filename: p.filename ?? 'photo.jpg',
  bytes: Math.floor(((p.data.length - p.data.indexOf(',') - 1) * 3) / 4),
});

/** The form's values from a queued report (to correct a refused one). */
function valuesOf(report: QueuedReport): PatrolForm {
  return {
    description: report.body.description,
    requestType: report.body.requestType as PatrolForm['requestType'],
    address: report.body.address ?? undefined,
    photos: report.body.photos?.map(toPhotoInput),
  };
}

const FORM_FIELDS = ['description', 'requestType', 'address', 'photos'] as const;

/**
 * 上报: what was found, a photo from the camera, where (GPS, taken when the form opens; a tap on
 * the village's grid map moves it), and the classifier's suggestion while online. Saving puts it
 * in the phone's queue; it is sent from there. With `editing`, a report the server refused opens
 * as it was, the refusal's reason on the field it names (a point outside the worker's area on
 * the map, framed on the worker's grids), and saving puts the corrected report back in the queue.
 */
export function PatrolReport({ userId, online, onQueued, editing }: { userId: string; online: boolean; onQueued(): void; editing?: QueuedReport }) {
  const { t } = useTranslation();
  const tx = useTaxonomy();
  const [form] = Form.useForm<PatrolForm>();
  const [geo, setGeo] = useState<Geo>(() =>
    editing?.body.lat !== undefined && editing.body.lng !== undefined
      ? { status: 'ok', point: { lat: editing.body.lat, lng: editing.body.lng }, accuracy: 0 }
      : { status: 'idle' },
  );
  const refusedPoint = editing?.lastErrorField === 'lat' || editing?.lastErrorField === 'lng';
  /** The server's reason the point was refused, until the worker moves it. */
  const [pointError, setPointError] = useState<string | null>(refusedPoint ? (editing?.lastErrorReason ?? editing?.lastError ?? null) : null);
  const ownVillage = useOwnVillage();
  const grids = useVillageGrids(ownVillage);
  const [category, setCategory] = useState<string | undefined>(editing?.body.categoryCode ?? undefined);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const description = Form.useWatch('description', form);
  const { result, loading } = useClassifier(online ? description : undefined);

  const locate = useCallback(() => {
    setGeo({ status: 'locating' });
    currentPosition()
      .then(({ accuracy, ...point }) => {
        setGeo({ status: 'ok', point, accuracy });
        setPointError(null);
      })
      .catch((err: unknown) => setGeo({ status: 'error', problem: geoProblemOf(err) }));
  }, []);

  // A new report takes the GPS position at once; a corrected one keeps its point until moved.
  const editingKey = editing?.key;
  useEffect(() => {
    if (!editingKey) locate();
  }, [locate, editingKey]);

  // A refusal of another field shows on that field.
  const refusedField = editing?.lastErrorField;
  const refusedReason = editing?.lastErrorReason ?? editing?.lastError;
  useEffect(() => {
    const field = FORM_FIELDS.find((f) => f === refusedField);
    if (field && refusedReason) form.setFields([{ name: field, errors: [refusedReason] }]);
  }, [refusedField, refusedReason, form]);

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
      if (editing) await reviseReport(editing, body);
      else await enqueueReport(userId, body);
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
    <Card data-testid="patrol-report" title={editing ? t('requests.patrol.editTitle') : undefined}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<PatrolForm> form={form} layout="vertical" size="large" requiredMark={false} initialValues={editing ? valuesOf(editing) : undefined}>
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
        <Form.Item
          label={t('requests.field.location')}
          validateStatus={pointError ? 'error' : undefined}
          help={pointError ? `${pointError} ${t('requests.patrol.mapOutside')}` : undefined}
          data-testid="patrol-location"
        >
          <Flex vertical gap={6}>
            <Button icon={<AimOutlined />} onClick={locate} loading={geo.status === 'locating'} block>
              {geo.status === 'ok' ? t('requests.location.again') : t('requests.location.useCurrent')}
            </Button>
            {geo.status === 'ok' && (
              <Typography.Text type={pointError ? 'danger' : 'success'} data-testid="patrol-located">
                {geo.fromMap
                  ? t('requests.patrol.picked', { lat: geo.point.lat.toFixed(5), lng: geo.point.lng.toFixed(5) })
                  : t('requests.location.got', { lat: geo.point.lat.toFixed(5), lng: geo.point.lng.toFixed(5), accuracy: Math.round(geo.accuracy) })}
              </Typography.Text>
            )}
            {(grids.length > 0 || geo.status === 'ok') && (
              <>
                <PinMap
                  grids={grids}
                  point={geo.status === 'ok' ? geo.point : null}
                  fitGrids={!!pointError}
                  height={220}
                  onPick={(point) => {
                    setGeo({ status: 'ok', point, accuracy: 0, fromMap: true });
                    setPointError(null);
                  }}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('requests.patrol.mapHint')}
                </Typography.Text>
              </>
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
          {editing
            ? online
              ? t('requests.patrol.resend')
              : t('requests.patrol.resendOffline')
            : online
              ? t('requests.patrol.submit')
              : t('requests.patrol.submitOffline')}
        </Button>
      </Form>
    </Card>
  );
}
