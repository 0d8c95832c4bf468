import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Popconfirm, Select, Space, Table, Typography, type SelectProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoutingRule, RoutingRuleBody } from '../../../src/modules/requests/schema.ts';
import { errorMessage } from '../api';
import { showFieldError } from '../components/form-errors';
import { formatDateTime } from '../labels';
import { UNIT_KIND_EN } from '../locales/names.en';
import { RegionPicker } from '../people/RegionPicker';
import { useDepartments } from './pickers';
import { deleteRoutingRule, listRoutingRules, saveRoutingRule, updateRoutingRule } from './requests-api';
import { useTaxonomy } from './use-taxonomy';

/** Unit kinds that are offices of the region itself (网格, 村, 乡镇), not departments to route to. */
const OFFICE_KINDS = new Set(['grid', 'village', 'township']);

const FIELDS = ['regionCode', 'unitKind', 'departmentId'] as const;

type RuleForm = Partial<RoutingRuleBody>;

/**
 * 派单路由表: for a region and a unit kind, the department that takes the order. The most
 * specific region wins (村 → 乡镇 → 县); without a rule the county's first department of the
 * kind takes it.
 */
export default function RoutingRulesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { taxonomy } = useTaxonomy();
  const departments = useDepartments();
  const [form] = Form.useForm<RuleForm>();
  const unitKind = Form.useWatch('unitKind', form);
  const [rules, setRules] = useState<RoutingRule[]>([]);
  const [loading, setLoading] = useState(true);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  /** The rule being edited in place and the department picked for it. */
  const [editing, setEditing] = useState<{ id: string; departmentId: string } | null>(null);

  const load = useCallback(() => {
    setLoading(true);
    return listRoutingRules()
      .then((r) => {
        setRules(r);
        setError(null);
      })
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setLoading(false));
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const unitKindOptions = useMemo(
    () => (taxonomy?.unitKinds ?? []).filter((k) => !OFFICE_KINDS.has(k.code)).map((k) => ({ value: k.code, label: k.name })),
    [taxonomy],
  );

  /** Departments of the kind first; the others stay choosable. */
  const optionsFor = useCallback(
    (kind: string | undefined): SelectProps['options'] => {
      const all = departments.map((d) => ({ value: d.id, label: d.name, kind: d.unitKind }));
      if (!kind) return all.map(({ value, label }) => ({ value, label }));
      const matching = all.filter((d) => d.kind === kind).map(({ value, label }) => ({ value, label }));
      const others = all.filter((d) => d.kind !== kind).map(({ value, label }) => ({ value, label }));
      if (matching.length === 0) return others;
      return [
        { label: t('requests.routing.matchingDepartments'), title: 'matching', options: matching },
        ...(others.length ? [{ label: t('requests.routing.otherDepartments'), title: 'others', options: others }] : []),
      ];
    },
    [departments, t],
  );
  const departmentOptions = useMemo(() => optionsFor(unitKind), [optionsFor, unitKind]);

  const onUpdate = async () => {
    if (!editing) return;
    try {
      await updateRoutingRule(editing.id, editing.departmentId);
      void message.success(t('requests.routing.updated'));
      setEditing(null);
      await load();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  const onSave = async (values: RuleForm) => {
    if (!values.regionCode || !values.unitKind || !values.departmentId) return;
    setSaving(true);
    setFormError(null);
    try {
      await saveRoutingRule({ regionCode: values.regionCode, unitKind: values.unitKind, departmentId: values.departmentId });
      void message.success(t('requests.routing.saved'));
      form.resetFields(['departmentId']);
      await load();
    } catch (err) {
      if (!showFieldError(form, err, FIELDS)) setFormError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const onDelete = async (rule: RoutingRule) => {
    try {
      await deleteRoutingRule(rule.id);
      void message.success(t('requests.routing.deleted'));
      await load();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  const columns: ColumnsType<RoutingRule> = [
    { key: 'region', title: t('requests.routing.region'), render: (_, r) => r.regionName || r.regionCode },
    {
      key: 'unitKind',
      title: t('requests.routing.unitKind'),
      render: (_, r) => (i18n.language === 'en' ? UNIT_KIND_EN[r.unitKind] : undefined) ?? (r.unitKindName || r.unitKind),
    },
    {
      key: 'department',
      title: t('requests.routing.department'),
      render: (_, r) =>
        editing?.id === r.id ? (
          <Select
            size="small"
            style={{ width: 220 }}
            value={editing.departmentId}
            options={optionsFor(r.unitKind)}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(departmentId: string) => setEditing({ id: r.id, departmentId })}
            data-testid={`routing-edit-department-${r.id}`}
          />
        ) : (
          r.departmentName
        ),
    },
    { key: 'updatedAt', title: t('requests.routing.updatedAt'), width: 160, render: (_, r) => formatDateTime(r.updatedAt) },
    {
      key: 'actions',
      title: t('requests.routing.actions'),
      width: 180,
      render: (_, r) =>
        editing?.id === r.id ? (
          <Space size={4}>
            <Button size="small" type="primary" onClick={() => void onUpdate()} data-testid={`routing-edit-save-${r.id}`}>
              {t('requests.routing.editSave')}
            </Button>
            <Button size="small" onClick={() => setEditing(null)}>
              {t('requests.routing.editCancel')}
            </Button>
          </Space>
        ) : (
          <Space size={4}>
            <Button
              size="small"
              icon={<EditOutlined />}
              onClick={() => setEditing({ id: r.id, departmentId: r.departmentId })}
              data-testid={`routing-edit-${r.id}`}
            >
              {t('requests.routing.edit')}
            </Button>
            <Popconfirm
              title={t('requests.routing.deleteConfirm')}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => onDelete(r)}
            >
              <Button size="small" danger icon={<DeleteOutlined />} data-testid={`routing-delete-${r.id}`}>
                {t('requests.routing.delete')}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card title={t('nav.routing-rules')}>
        <Typography.Paragraph type="secondary" data-testid="routing-intro">
          {t('requests.routing.intro')}
        </Typography.Paragraph>
        <Typography.Title level={5}>{t('requests.routing.add')}</Typography.Title>
        <Form<RuleForm>
          form={form}
          layout="inline"
          onFinish={(v) => void onSave(v)}
          onValuesChange={(changed: RuleForm) => {
            setFormError(null);
            if ('unitKind' in changed) form.setFields([{ name: 'departmentId', errors: [] }]);
          }}
          style={{ rowGap: 12 }}
          data-testid="routing-form"
        >
          <Form.Item name="regionCode" label={t('requests.routing.region')} rules={[{ required: true, message: t('requests.routing.regionRequired') }]}>
            <RegionPicker style={{ width: 220 }} data-testid="routing-region" />
          </Form.Item>
          <Form.Item name="unitKind" label={t('requests.routing.unitKind')} rules={[{ required: true, message: t('requests.routing.unitKindRequired') }]}>
            <Select style={{ width: 180 }} options={unitKindOptions} showSearch={{ optionFilterProp: 'label' }} data-testid="routing-unit-kind" />
          </Form.Item>
          <Form.Item
            name="departmentId"
            label={t('requests.routing.department')}
            rules={[{ required: true, message: t('requests.routing.departmentRequired') }]}
          >
            <Select style={{ width: 240 }} options={departmentOptions} showSearch={{ optionFilterProp: 'label' }} data-testid="routing-department" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="routing-save">
              {t('requests.routing.save')}
            </Button>
          </Form.Item>
        </Form>
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
          {t('requests.routing.replaceHint')}
        </Typography.Text>
        {formError && <Alert type="error" showIcon title={formError} style={{ marginTop: 12 }} />}
      </Card>
      <Card>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<RoutingRule>
          data-testid="routing-table"
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rules}
          loading={loading}
          pagination={false}
          locale={{ emptyText: t('requests.routing.empty') }}
        />
      </Card>
    </Flex>
  );
}
