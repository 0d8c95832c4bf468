import { Alert, Col, Form, Input, InputNumber, Modal, Radio, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Building, BuildingKind } from '../../../src/modules/people/building-schema.ts';
import { createBuilding, updateBuilding } from '../people/buildings-api';
import { alertMessage, showNestedFieldError } from '../people/field-errors';
import { buildingKindOptions } from '../people/people-labels';
import { useVillageGrids, useVillageGroups } from '../people/use-village-places';
import { gridOptions, groupOptions } from '../people/place-options';

interface BuildingFormValues {
  name: string;
  kind: BuildingKind;
  groupCode?: string;
  gridCode?: string;
  address?: string;
  floors?: number | null;
  units?: number | null;
}

const FIELDS = ['name', 'kind', 'groupCode', 'gridCode', 'address', 'floors', 'units'];

interface BuildingModalProps {
  villageCode: string;
  /** The building to change; null adds a new one. */
  building: Building | null;
  /** A new building's group, when added from a group's page. */
  defaultGroupCode?: string;
  onClose(): void;
  onSaved(building: Building): void;
}

/** Adds or changes a 楼栋 / 院落: its name, kind, group and grid, floors and units. Mounted while open. */
export function BuildingModal({ villageCode, building, defaultGroupCode, onClose, onSaved }: BuildingModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<BuildingFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const groups = useVillageGroups(villageCode);
  const grids = useVillageGrids(villageCode);

  const save = (v: BuildingFormValues): Promise<Building> => {
    const address = v.address?.trim() || undefined;
    if (building) {
      return updateBuilding(building.id, {
        name: v.name.trim(),
        kind: v.kind,
        groupCode: v.groupCode ?? null,
        gridCode: v.gridCode ?? null,
        address: address ?? null,
        floors: v.floors ?? null,
        units: v.units ?? null,
      });
    }
    return createBuilding({
      villageCode,
      name: v.name.trim(),
      kind: v.kind,
      ...(v.groupCode ? { groupCode: v.groupCode } : {}),
      ...(v.gridCode ? { gridCode: v.gridCode } : {}),
      ...(address ? { address } : {}),
      ...(v.floors ? { floors: v.floors } : {}),
      ...(v.units ? { units: v.units } : {}),
    });
  };

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      onSaved(await save(values));
    } catch (err) {
      if (!showNestedFieldError(form, err, (p) => p.length === 1 && FIELDS.includes(String(p[0])))) setError(alertMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={640}
      title={building ? t('people.building.editTitle', { name: building.name }) : t('people.building.add')}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'building-submit' }}
    >
      {(error ?? groups.error ?? grids.error) && <Alert type="error" showIcon title={error ?? groups.error ?? grids.error} style={{ marginBottom: 16 }} />}
      <Form<BuildingFormValues>
        form={form}
        layout="vertical"
        onValuesChange={() => setError(null)}
        initialValues={{
          name: building?.name ?? '',
          kind: building?.kind ?? 'building',
          groupCode: building ? (building.groupCode ?? undefined) : defaultGroupCode,
          gridCode: building?.gridCode ?? undefined,
          address: building?.address ?? '',
          floors: building?.floors ?? null,
          units: building?.units ?? null,
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('people.building.field.name')}
              rules={[{ required: true, whitespace: true, message: t('people.form.required') }, { max: 50 }]}
            >
              <Input placeholder={t('people.building.namePlaceholder')} maxLength={50} data-testid="building-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label={t('people.building.field.kind')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={buildingKindOptions(t)} data-testid="building-kind" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="groupCode" label={t('people.building.field.group')}>
              <Select
                allowClear
                loading={groups.loading}
                options={groupOptions(t, groups.items)}
                placeholder={t('people.form.optional')}
                data-testid="building-group"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="gridCode" label={t('people.building.field.grid')}>
              <Select
                allowClear
                loading={grids.loading}
                options={gridOptions(grids.items)}
                placeholder={t('people.form.optional')}
                data-testid="building-grid"
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="address" label={t('people.building.field.address')} rules={[{ max: 200 }]}>
              <Input placeholder={t('people.form.optional')} maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="floors" label={t('people.building.field.floors')}>
              <InputNumber min={1} max={200} precision={0} style={{ width: '100%' }} data-testid="building-floors" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="units" label={t('people.building.field.units')}>
              <InputNumber min={1} max={50} precision={0} style={{ width: '100%' }} data-testid="building-units" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
