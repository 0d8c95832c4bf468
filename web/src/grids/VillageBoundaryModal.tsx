import { Alert, App, Button, Form, Modal, Popconfirm, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Region } from '../../../src/modules/regions/schema.ts';
import { errorMessage } from '../api';
import { alertMessage } from '../components/form-errors';
import { getRegion } from '../regions/regions-api';
import { BoundaryInput, boundaryRules } from './BoundaryInput';
import { parsePolygon, vertexCount } from './geojson-input';
import { setVillageBoundary } from './grid-edit-api';
import { showGridFieldError } from './grid-field-errors';

interface BoundaryFormValues {
  boundary: string;
}

interface VillageBoundaryModalProps {
  village: { code: string; name: string };
  onClose(): void;
  onSaved(village: Region): void;
}

/**
 * Draws a village's boundary from GeoJSON, or removes it. Township and county staff only (the
 * server refuses a village cadre); every grid of the village must lie inside, and when one does
 * not, the server's reason lands on the boundary field. Mounted while open.
 */
export function VillageBoundaryModal({ village, onClose, onSaved }: VillageBoundaryModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<BoundaryFormValues>();
  const [region, setRegion] = useState<Region | null>(null);
  const [saving, setSaving] = useState<'save' | 'clear' | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    getRegion(village.code)
      .then((r) => !cancelled && setRegion(r))
      .catch((err: unknown) => !cancelled && setError(errorMessage(err)));
    return () => {
      cancelled = true;
    };
  }, [village.code]);

  const current = region?.boundary ? parsePolygon(JSON.stringify(region.boundary)) : undefined;

  const save = async (clear: boolean) => {
    let boundary = null;
    if (!clear) {
      const values = await form.validateFields().catch(() => undefined);
      const parsed = values && parsePolygon(values.boundary);
      if (!parsed?.ok) return;
      boundary = parsed.polygon;
    }
    setSaving(clear ? 'clear' : 'save');
    setError(null);
    let saved: Region;
    try {
      saved = await setVillageBoundary(village.code, boundary);
    } catch (err) {
      if (clear || !showGridFieldError(form, err, ['boundary'])) setError(alertMessage(err));
      return;
    } finally {
      setSaving(null);
    }
    message.success(clear ? t('gridEdit.village.cleared') : t('gridEdit.village.saved'));
    onSaved(saved);
  };

  return (
    <Modal
      open
      width={640}
      title={t('gridEdit.village.title', { name: village.name })}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose} data-testid="village-boundary-cancel">
          {t('common.cancel')}
        </Button>,
        <Popconfirm key="clear" title={t('gridEdit.village.clearConfirm')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => save(true)}>
          <Button danger disabled={!region?.boundary || saving !== null} loading={saving === 'clear'} data-testid="village-boundary-clear">
            {t('gridEdit.village.clear')}
          </Button>
        </Popconfirm>,
        <Button
          key="save"
          type="primary"
          disabled={!region || saving !== null}
          loading={saving === 'save'}
          onClick={() => void save(false)}
          data-testid="village-boundary-submit"
        >
          {t('gridEdit.village.save')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{t('gridEdit.village.hint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="village-boundary-error" />}
      {!region && !error ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <>
          <Typography.Paragraph data-testid="village-boundary-current">
            {current?.ok ? t('gridEdit.village.current', { points: vertexCount(current.polygon) }) : t('gridEdit.village.none')}
          </Typography.Paragraph>
          <Form<BoundaryFormValues>
            form={form}
            name="village-boundary"
            layout="vertical"
            initialValues={{ boundary: '' }}
            onValuesChange={() => setError(null)}
          >
            <div data-testid="village-boundary">
              <Form.Item name="boundary" label={t('gridEdit.field.boundary')} required rules={boundaryRules(t, true)}>
                <BoundaryInput testId="village-boundary" />
              </Form.Item>
            </div>
          </Form>
        </>
      )}
    </Modal>
  );
}
