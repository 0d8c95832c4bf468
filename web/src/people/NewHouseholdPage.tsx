import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, Row, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { CreateHouseholdBody } from '../../../src/modules/people/schema.ts';
import { alertMessage, showNestedFieldError } from './field-errors';
import { MEMBER_FIELDS, MemberFields, toMemberInput, type MemberFormValues } from './MemberFields';
import { createHousehold } from './people-api';
import { PLACEMENT_FIELDS, PlacementFields } from './PlacementFields';
import { RegionPicker, useOwnVillage } from './RegionPicker';

interface HouseholdFormValues {
  villageCode?: string;
  gridCode?: string;
  groupCode?: string;
  buildingId?: string;
  address?: string;
  members: MemberFormValues[];
}

/** Paths of this form a server error may name: "address", "members.2.phone". */
function isFormPath(path: (string | number)[]): boolean {
  if (path.length === 1) return ['villageCode', 'address', ...PLACEMENT_FIELDS].includes(String(path[0]));
  return path.length === 3 && path[0] === 'members' && typeof path[1] === 'number' && (MEMBER_FIELDS as readonly unknown[]).includes(path[2]);
}

/** 登记新户: the household and all its members in one go, exactly one of them the head. */
export default function NewHouseholdPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<HouseholdFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ownVillage = useOwnVillage();
  const villageCode = Form.useWatch('villageCode', form);

  // A village cadre registers in their own village; start there.
  useEffect(() => {
    if (ownVillage && !form.getFieldValue('villageCode')) form.setFieldValue('villageCode', ownVillage);
  }, [ownVillage, form]);

  const submit = async (values: HouseholdFormValues) => {
    const { gridCode, groupCode, buildingId } = values;
    const body: CreateHouseholdBody = {
      villageCode: values.villageCode ?? '',
      ...(gridCode ? { gridCode } : {}),
      ...(groupCode ? { groupCode } : {}),
      ...(buildingId ? { buildingId } : {}),
      address: (values.address ?? '').trim(),
      members: values.members.map(toMemberInput),
    };
    setSaving(true);
    setError(null);
    try {
      const created = await createHousehold(body);
      void message.success(t('people.form.created', { address: created.address }));
      navigate(`/people/households/${created.id}`);
    } catch (err) {
      if (!showNestedFieldError(form, err, isFormPath)) setError(alertMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('people.households.create')} extra={<Link to="/people">{t('people.household.back')}</Link>}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="household-form-error" />}
      <Form<HouseholdFormValues>
        form={form}
        layout="vertical"
        initialValues={{ members: [{ relation: 'head' }] }}
        onFinish={(v) => void submit(v)}
        onValuesChange={(changed: Partial<HouseholdFormValues>) => {
          setError(null);
          // Grids, groups and buildings belong to one village: another village starts them afresh.
          if ('villageCode' in changed) form.setFieldsValue({ gridCode: undefined, groupCode: undefined, buildingId: undefined });
        }}
        scrollToFirstError
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="villageCode" label={t('people.region.village')} rules={[{ required: true, message: t('people.form.required') }]}>
              <RegionPicker villagesOnly data-testid="household-village" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="address"
              label={t('people.household.address')}
              rules={[
                { required: true, whitespace: true, message: t('people.form.required') },
                { min: 2, max: 200 },
              ]}
            >
              <Input data-testid="household-address" placeholder={t('people.form.addressPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
        <PlacementFields villageCode={villageCode} />
        <Form.List
          name="members"
          rules={[
            {
              validator: async (_, members: MemberFormValues[] | undefined) => {
                const heads = (members ?? []).filter((m) => m?.relation === 'head').length;
                if (heads !== 1) throw new Error(heads === 0 ? t('people.form.noHead') : t('people.form.manyHeads'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  type="inner"
                  title={t('people.form.memberN', { n: i + 1 })}
                  style={{ marginBottom: 12 }}
                  extra={
                    fields.length > 1 && (
                      <Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={() => remove(field.name)}>
                        {t('people.form.removeMember')}
                      </Button>
                    )
                  }
                >
                  <MemberFields prefix={[field.name]} fullPath={['members', field.name]} />
                </Card>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ relation: 'other' })} disabled={fields.length >= 30}>
                {t('people.form.addMember')}
              </Button>
            </>
          )}
        </Form.List>
        <Space style={{ marginTop: 24 }}>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="household-submit">
            {t('people.form.submit')}
          </Button>
          <Button onClick={() => navigate('/people')}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
