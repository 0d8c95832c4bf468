import { Alert, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Modal, Popconfirm, Select, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RULE_CADENCES, type RuleCadence } from '../../../src/modules/points/kinds.ts';
import type { Rule } from '../../../src/modules/points/points-schema.ts';
import { errorMessage } from '../api';
import { hasAnyPermission, useMe } from '../auth';
import { showFieldError } from '../components/form-errors';
import { ResponsiveList } from '../components/ResponsiveList';
import { RegionPicker } from '../people/RegionPicker';
import { PickVillageHint, PointsTabs, Refusal, useVillage, VillagePicker } from './common';
import { EditRuleModal, mayChangeRule } from './EditRuleModal';
import { createRule, listRules, updateRule } from './points-api';

/** 积分规则 (/points/rules): the rules that apply in the village, a new one, editing or retiring one. */
export default function RulesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const mayEdit = hasAnyPermission(me, ['points.edit']);
  const village = useVillage();
  const { villageCode } = village;
  const [showRetired, setShowRetired] = useState(false);
  const [rules, setRules] = useState<Rule[] | null>(null);
  const [error, setError] = useState<string>();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Rule>();
  const [reloadKey, setReloadKey] = useState(0);

  const load = useCallback(() => {
    if (!villageCode) return;
    setRules(null);
    setError(undefined);
    listRules(villageCode, showRetired).then(setRules, (err: unknown) => {
      setError(errorMessage(err));
      setRules([]);
    });
  }, [villageCode, showRetired]);
  useEffect(load, [load, reloadKey]);

  const retire = async (r: Rule) => {
    try {
      await updateRule(r.id, { active: false });
      setReloadKey((k) => k + 1);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const columns: ColumnsType<Rule> = [
    { key: 'name', title: t('points.rules.field.name'), render: (_, r) => r.name },
    {
      key: 'points',
      title: t('points.rules.field.points'),
      width: 110,
      render: (_, r) => <Typography.Text type={r.points < 0 ? 'danger' : 'success'}>{r.points > 0 ? `+${r.points}` : r.points}</Typography.Text>,
    },
    { key: 'cadence', title: t('points.rules.field.cadence'), width: 110, render: (_, r) => t(`points.cadence.${r.cadence}`) },
    { key: 'region', title: t('points.rules.field.region'), width: 140, render: (_, r) => r.regionName },
    {
      key: 'status',
      title: t('points.rules.field.status'),
      width: 90,
      render: (_, r) => (r.active ? <Tag color="green">{t('points.rules.active')}</Tag> : <Tag>{t('points.rules.retired')}</Tag>),
    },
    {
      key: 'actions',
      title: '',
      width: 140,
      render: (_, r) =>
        mayEdit && r.active && mayChangeRule(me, r) ? (
          <Flex gap={4} wrap>
            <Button size="small" onClick={() => setEditing(r)} data-testid="rule-edit">
              {t('points.rules.edit')}
            </Button>
            <Popconfirm
              title={t('points.rules.retireConfirm', { name: r.name })}
              onConfirm={() => retire(r)}
              okButtonProps={{ 'data-testid': 'rule-retire-submit' }}
            >
              <Button size="small" danger data-testid="rule-retire">
                {t('points.rules.retire')}
              </Button>
            </Popconfirm>
          </Flex>
        ) : null,
    },
  ];

  return (
    <>
      <PointsTabs />
      <div data-testid="points-rules-page">
        <Typography.Paragraph type="secondary">{t('points.rules.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          <VillagePicker {...village} />
          <Checkbox checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)} data-testid="rules-show-retired">
            {t('points.rules.showRetired')}
          </Checkbox>
          {mayEdit && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="rule-create-open">
              {t('points.rules.create')}
            </Button>
          )}
        </Flex>
        {!villageCode ? (
          <PickVillageHint />
        ) : (
          <Card size="small">
            <ResponsiveList<Rule>
              columns={columns}
              dataSource={rules ?? undefined}
              loading={rules === null}
              rowKey="id"
              size="small"
              pagination={false}
              locale={{ emptyText: t('points.common.empty') }}
              onRow={(r) => ({
                'data-testid': 'rule-row',
                'data-name': r.name,
                'data-code': r.code,
                'data-points': r.points,
                'data-status': r.active ? 'active' : 'retired',
              })}
            />
          </Card>
        )}
      </div>
      {editing && <EditRuleModal rule={editing} onDone={() => setReloadKey((k) => k + 1)} onClose={() => setEditing(undefined)} />}
      {creating && (
        <CreateRuleModal
          defaultRegion={villageCode ?? me.regionCode}
          fixedRegion={me.role === 'village_cadre'}
          onDone={() => setReloadKey((k) => k + 1)}
          onClose={() => setCreating(false)}
        />
      )}
    </>
  );
}

interface RuleForm {
  /** Left out of the form for a village cadre (their own village). */
  regionCode?: string;
  code: string;
  name: string;
  points: number;
  cadence: RuleCadence;
}

function CreateRuleModal({ defaultRegion, fixedRegion, onDone, onClose }: { defaultRegion: string; fixedRegion: boolean; onDone(): void; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RuleForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setError(undefined);
    try {
      await createRule({
        regionCode: fixedRegion ? defaultRegion : (v.regionCode ?? defaultRegion),
        code: v.code.trim(),
        name: v.name.trim(),
        points: v.points,
        cadence: v.cadence,
      });
      onDone();
      onClose();
    } catch (err) {
      if (!showFieldError(form, err, fixedRegion ? ['code', 'name', 'points', 'cadence'] : ['regionCode', 'code', 'name', 'points', 'cadence'])) setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('points.rules.create')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'rule-create-submit' }}
      destroyOnHidden
    >
      <Refusal error={error} testId="rule-create-refusal" />
      <Form form={form} layout="vertical" initialValues={{ regionCode: defaultRegion, cadence: 'each' }}>
        {!fixedRegion && (
          <Form.Item name="regionCode" label={t('points.rules.field.region')} rules={[{ required: true }]}>
            <RegionPicker data-testid="rule-region" />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('points.rules.field.name')} rules={[{ required: true, whitespace: true, min: 2, max: 100 }]}>
          <Input data-testid="rule-name" />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('points.rules.field.code')}
          extra={t('points.rules.field.codeHint')}
          rules={[{ required: true }, { pattern: /^[a-z0-9_]{2,40}$/, message: t('points.rules.field.codeHint') }]}
        >
          <Input data-testid="rule-code" />
        </Form.Item>
        <Form.Item
          name="points"
          label={t('points.rules.field.points')}
          rules={[
            { required: true },
            { validator: (_, v: number | undefined) => (v === 0 ? Promise.reject(new Error(t('points.rules.nonZero'))) : Promise.resolve()) },
          ]}
        >
          <InputNumber precision={0} min={-1000} max={1000} style={{ width: '100%' }} data-testid="rule-points" />
        </Form.Item>
        <Form.Item name="cadence" label={t('points.rules.field.cadence')} rules={[{ required: true }]}>
          <Select data-testid="rule-cadence" options={RULE_CADENCES.map((c) => ({ value: c, label: t(`points.cadence.${c}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
