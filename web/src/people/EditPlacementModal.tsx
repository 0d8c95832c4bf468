import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdDetail } from '../../../src/modules/people/schema.ts';
import { alertMessage, showNestedFieldError } from './field-errors';
import { updateHousehold } from './people-api';
import { PLACEMENT_FIELDS, PlacementFields } from './PlacementFields';

interface PlacementFormValues {
  address: string;
  gridCode?: string;
  groupCode?: string;
  buildingId?: string;
}

const FIELDS: readonly string[] = ['address', ...PLACEMENT_FIELDS];

interface EditPlacementModalProps {
  household: HouseholdDetail;
  onClose(): void;
  onSaved(household: HouseholdDetail): void;
}

/** 调整位置: a household's address, grid, group and building within its village. Mounted while open. */
export function EditPlacementModal({ household, onClose, onSaved }: EditPlacementModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PlacementFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      // A cleared select sends null: the household leaves that grid, group or building.
      const saved = await updateHousehold(household.id, {
        address: values.address.trim(),
        gridCode: values.gridCode ?? null,
        groupCode: values.groupCode ?? null,
        buildingId: values.buildingId ?? null,
      });
      onSaved(saved);
    } catch (err) {
      if (!showNestedFieldError(form, err, (p) => p.length === 1 && FIELDS.includes(String(p[0])))) setError(alertMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={820}
      title={t('people.household.placementTitle')}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'placement-submit' }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="placement-error" />}
      <Form<PlacementFormValues>
        form={form}
        layout="vertical"
        onValuesChange={() => setError(null)}
        initialValues={{
          address: household.address,
          gridCode: household.gridCode ?? undefined,
          groupCode: household.groupCode ?? undefined,
          buildingId: household.buildingId ?? undefined,
        }}
      >
        <Form.Item
          name="address"
          label={t('people.household.address')}
          rules={[
            { required: true, whitespace: true, message: t('people.form.required') },
            { min: 2, max: 200 },
          ]}
        >
          <Input maxLength={200} data-testid="placement-address" />
        </Form.Item>
        <PlacementFields villageCode={household.villageCode} />
      </Form>
    </Modal>
  );
}
