import { Col, Form, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { buildingOptions, gridOptions, groupOptions } from './place-options';
import { useVillageBuildings, useVillageGrids, useVillageGroups } from './use-village-places';

/** The form fields this component renders; a server error naming one goes on it. */
export const PLACEMENT_FIELDS = ['buildingId', 'groupCode', 'gridCode'] as const;

/**
 * Where in its village a household stands: building (楼栋 / 院落), group (村民小组 / 小区) and
 * grid, all optional. Choosing a building fills in its group and grid; the server refuses a
 * household whose group or grid disagrees with its building's.
 */
export function PlacementFields({ villageCode }: { villageCode: string | undefined }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const groups = useVillageGroups(villageCode);
  const grids = useVillageGrids(villageCode);
  const buildings = useVillageBuildings(villageCode);
  const placeholder = villageCode ? t('people.form.optional') : t('people.form.pickVillageFirst');

  const takeBuilding = (id: string | undefined) => {
    const b = buildings.items.find((x) => x.id === id);
    if (b?.groupCode) form.setFieldValue('groupCode', b.groupCode);
    if (b?.gridCode) form.setFieldValue('gridCode', b.gridCode);
  };

  const select = (testId: string, state: { loading: boolean }, options: { value: string; label: string }[], onChange?: (v: string | undefined) => void) => (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      disabled={!villageCode}
      loading={state.loading}
      options={options}
      placeholder={placeholder}
      onChange={onChange}
      data-testid={testId}
    />
  );

  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item name="buildingId" label={t('people.household.building')} extra={t('people.form.buildingHelp')}>
          {select('place-building', buildings, buildingOptions(t, buildings.items), takeBuilding)}
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="groupCode" label={t('people.household.group')}>
          {select('place-group', groups, groupOptions(t, groups.items))}
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="gridCode" label={t('people.household.grid')}>
          {select('place-grid', grids, gridOptions(grids.items))}
        </Form.Item>
      </Col>
    </Row>
  );
}
