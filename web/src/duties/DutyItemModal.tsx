import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DUTY_LIST_NAMES, DUTY_LISTS, type CreateDutyItemBody, type DutyItem } from '../../../src/modules/duties/schema.ts';
import { errorMessage } from '../api';
import { useMe } from '../auth';
import { showFieldError } from '../components/form-errors';
import { listDepartments, type Department } from '../requests/requests-api';
import { createDutyItem } from './duties-api';

type DutyList = DutyItem['list'];
interface ItemForm {
  list: DutyList;
  code: string;
  name: string;
  basis?: string;
  departmentId?: string;
  procedure?: string;
  effectiveFrom?: Dayjs;
}
const FIELDS = ['list', 'code', 'name', 'basis', 'departmentId', 'procedure', 'effectiveFrom'] as const;

/** The lists a level keeps: a township its duty and power lists, a village its three lists and small powers. */
function listsFor(level: 'county' | 'township' | 'village'): readonly DutyList[] {
  if (level === 'township') return DUTY_LISTS.filter((l) => l.startsWith('township_'));
  if (level === 'village') return DUTY_LISTS.filter((l) => !l.startsWith('township_'));
  return DUTY_LISTS;
}

/**
 * A new list item: the county's is in force at once (a template item), a township's or a village's
 * is a proposal for its own region that the county approves.
 */
export function DutyItemModal({ level, onDone, onClose }: { level: 'county' | 'township' | 'village'; onDone(item: DutyItem): void; onClose(): void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<ItemForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [departments, setDepartments] = useState<Department[]>([]);
  useEffect(() => {
    listDepartments().then(setDepartments, () => setDepartments([]));
  }, []);

  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    const procedure = (v.procedure ?? '')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    const body: CreateDutyItemBody = {
      list: v.list,
      regionCode: me.regionCode,
      code: v.code.trim(),
      name: v.name.trim(),
      basis: v.basis?.trim() || undefined,
      departmentId: v.departmentId,
      procedure: procedure.length ? procedure : undefined,
      effectiveFrom: v.effectiveFrom?.format('YYYY-MM-DD'),
    };
    setSaving(true);
    try {
      onDone(await createDutyItem(body));
      onClose();
    } catch (err) {
      if (!showFieldError(form, err, FIELDS)) setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const required = { required: true, whitespace: true, message: t('duties.common.required') };
  return (
    <Modal
      open
      title={level === 'county' ? t('duties.lists.add') : t('duties.lists.propose')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'duty-item-submit' }}
      destroyOnHidden
    >
      {level !== 'county' && <Alert type="info" showIcon title={t('duties.lists.proposeHint')} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="list" label={t('duties.lists.list')} rules={[{ required: true, message: t('duties.common.required') }]}>
          <Select data-testid="duty-item-list" options={listsFor(level).map((l) => ({ value: l, label: DUTY_LIST_NAMES[l] }))} />
        </Form.Item>
        <Form.Item name="code" label={t('duties.lists.code')} rules={[required]}>
          <Input maxLength={20} data-testid="duty-item-code" />
        </Form.Item>
        <Form.Item name="name" label={t('duties.lists.name')} rules={[required]}>
          <Input maxLength={200} data-testid="duty-item-name" />
        </Form.Item>
        <Form.Item name="basis" label={t('duties.lists.basis')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('duties.lists.department')}>
          <Select allowClear showSearch optionFilterProp="label" options={departments.map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
        <Form.Item name="procedure" label={t('duties.lists.procedure')}>
          <Input.TextArea rows={3} placeholder={t('duties.lists.procedurePlaceholder')} />
        </Form.Item>
        <Form.Item name="effectiveFrom" label={t('duties.lists.effectiveFrom')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
