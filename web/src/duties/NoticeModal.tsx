import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Segmented, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Notice } from '../../../src/modules/duties/notice-schema.ts';
import type { RegionPlace } from '../../../src/modules/regions/schema.ts';
import { errorMessage } from '../api';
import { useMe } from '../auth';
import { showFieldError } from '../components/form-errors';
import { loadPinyin, placeMatches, placesUnder } from '../people/region-search';
import { recordNotice } from './burden-api';

interface NoticeForm {
  kind: Notice['kind'];
  docNumber?: string;
  title: string;
  issuer: string;
  issuedOn: Dayjs;
  targetRegionCodes: string[];
  attendees?: string;
  hours?: number;
}

/** 减文减会: the county office or a township records a document or a meeting it addresses down. */
export function NoticeModal({ onDone, onClose }: { onDone(n: Notice): void; onClose(): void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<NoticeForm>();
  const kind = Form.useWatch('kind', form) ?? 'document';
  const [places, setPlaces] = useState<RegionPlace[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    placesUnder(me.regionCode).then(setPlaces, () => setPlaces([]));
  }, [me.regionCode]);
  const options = useMemo(() => {
    const names = new Map(places.map((p) => [p.code, p.name]));
    return places
      .filter((p) => p.level === 'township' || p.level === 'village')
      .map((p) => {
        const parent = p.level === 'village' && p.parentCode ? names.get(p.parentCode) : undefined;
        return { value: p.code, label: parent ? `${parent} · ${p.name}` : p.name, name: p.name };
      });
  }, [places]);
  const townships = places.filter((p) => p.level === 'township').map((p) => p.code);

  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    try {
      const saved = await recordNotice({
        kind: v.kind,
        title: v.title.trim(),
        issuer: v.issuer.trim(),
        issuedOn: v.issuedOn.format('YYYY-MM-DD'),
        targetRegionCodes: v.targetRegionCodes,
        ...(v.kind === 'document' && v.docNumber?.trim() ? { docNumber: v.docNumber.trim() } : {}),
        ...(v.kind === 'meeting' ? { attendees: v.attendees?.trim() ?? '', ...(v.hours ? { hours: v.hours } : {}) } : {}),
      });
      onDone(saved);
      onClose();
    } catch (err) {
      if (!showFieldError(form, err, ['title', 'issuer', 'issuedOn', 'targetRegionCodes', 'docNumber', 'attendees', 'hours'])) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('dutiesBurden.notices.addTitle')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'notice-submit' }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ kind: 'document', issuedOn: dayjs(), targetRegionCodes: [] }}>
        <Form.Item name="kind" label={t('dutiesBurden.notices.kindLabel')}>
          <Segmented<Notice['kind']>
            data-testid="notice-kind"
            options={(['document', 'meeting'] as const).map((k) => ({ value: k, label: t(`dutiesBurden.notices.kind.${k}`) }))}
          />
        </Form.Item>
        {kind === 'document' && (
          <Form.Item name="docNumber" label={t('dutiesBurden.notices.docNumber')} rules={[{ max: 60 }]}>
            <Input data-testid="notice-doc-number" />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('dutiesBurden.notices.docTitle')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input data-testid="notice-title" />
        </Form.Item>
        <Form.Item name="issuer" label={t('dutiesBurden.notices.issuer')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="notice-issuer" />
        </Form.Item>
        <Form.Item name="issuedOn" label={t('dutiesBurden.notices.issuedOn')} rules={[{ required: true }]}>
          <DatePicker data-testid="notice-issued-on" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item label={t('dutiesBurden.notices.targets')} required>
          <Form.Item name="targetRegionCodes" noStyle rules={[{ required: true, type: 'array', min: 1 }]}>
            <Select
              mode="multiple"
              data-testid="notice-targets"
              options={options}
              placeholder={t('dutiesBurden.notices.targetsPlaceholder')}
              onFocus={() => void loadPinyin()}
              filterOption={(input, option) => placeMatches(option?.name ?? '', input) || (option?.label ?? '').includes(input)}
              style={{ width: '100%' }}
            />
          </Form.Item>
          {townships.length > 1 && (
            <Button
              type="link"
              size="small"
              style={{ paddingInline: 0 }}
              onClick={() => form.setFieldValue('targetRegionCodes', townships)}
              data-testid="notice-all-townships"
            >
              {t('dutiesBurden.notices.allTownships')}
            </Button>
          )}
        </Form.Item>
        {kind === 'meeting' && (
          <>
            <Form.Item name="attendees" label={t('dutiesBurden.notices.attendees')} rules={[{ required: true, whitespace: true, max: 100 }]}>
              <Input data-testid="notice-attendees" placeholder={t('dutiesBurden.notices.attendeesPlaceholder')} />
            </Form.Item>
            <Form.Item name="hours" label={t('dutiesBurden.notices.hours')}>
              <InputNumber min={0.5} max={72} step={0.5} data-testid="notice-hours" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
