import { Button, Card, DatePicker, Flex, Form, Input, Modal, Select, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Body, Shift } from '../../../src/modules/councils/council-schema.ts';
import { SHIFT_PERIODS, type ShiftPeriod } from '../../../src/modules/councils/kinds.ts';
import { hasAnyPermission, useMe } from '../auth';
import { CouncilTabs, Refusal, useVillage, VillagePicker } from './common';
import { createShift, listBodies, listShifts } from './councils-api';

/** 值班表 (/councils/shifts): the village's shifts for the next month, and planning one. */
export default function ShiftsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const mayEdit = hasAnyPermission(me, ['councils.edit']);
  const village = useVillage();
  const { villageCode } = village;
  const [shifts, setShifts] = useState<Shift[] | null>(null);
  const [bodies, setBodies] = useState<Body[]>([]);
  const [error, setError] = useState<unknown>();
  const [planning, setPlanning] = useState(false);
  const load = useCallback(() => {
    if (!villageCode) return;
    listShifts(villageCode).then(setShifts, setError);
    listBodies(villageCode).then(setBodies, setError);
  }, [villageCode]);
  useEffect(load, [load]);
  return (
    <>
      <CouncilTabs />
      <div data-testid="shifts-page">
        <Typography.Paragraph type="secondary">{t('councils.shifts.intro')}</Typography.Paragraph>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <VillagePicker {...village} />
          {mayEdit && villageCode && (
            <Button type="primary" onClick={() => setPlanning(true)} data-testid="shift-add-open">
              {t('councils.shifts.add')}
            </Button>
          )}
        </Flex>
        <Refusal error={error} testId="shifts-error" />
        {shifts?.length === 0 && <Typography.Text type="secondary">{t('councils.shifts.empty')}</Typography.Text>}
        <Flex vertical gap={8}>
          {shifts?.map((s) => (
            <Card key={s.id} size="small" data-testid="shift-row">
              <Flex gap={8} wrap align="center">
                <Typography.Text strong>{s.dutyOn}</Typography.Text>
                <Tag>{t(`councils.period.${s.period}`)}</Tag>
                <Typography.Text>{s.bodyName}</Typography.Text>
                <Typography.Text>{s.members.map((m) => m.name).join('、')}</Typography.Text>
                {s.task && <Typography.Text type="secondary">{s.task}</Typography.Text>}
                {s.remindedAt && <Tag color="green">{t('councils.shifts.reminded')}</Tag>}
              </Flex>
            </Card>
          ))}
        </Flex>
      </div>
      {planning && <ShiftModal bodies={bodies.filter((b) => b.active)} onDone={load} onClose={() => setPlanning(false)} />}
    </>
  );
}

function ShiftModal({ bodies, onDone, onClose }: { bodies: Body[]; onDone(): void; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ bodyId: string; dutyOn: Dayjs; period: ShiftPeriod; task?: string; memberIds: string[] }>();
  const bodyId = Form.useWatch('bodyId', form);
  const body = bodies.find((b) => b.id === bodyId);
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    try {
      await createShift(v.bodyId, {
        dutyOn: v.dutyOn.format('YYYY-MM-DD'),
        period: v.period,
        memberIds: v.memberIds,
        ...(v.task?.trim() ? { task: v.task.trim() } : {}),
      });
      onDone();
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('councils.shifts.title')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'shift-submit' }}
    >
      <Refusal error={error} testId="shift-error" />
      <Form form={form} layout="vertical" initialValues={{ dutyOn: dayjs().add(1, 'day'), period: 'day' }}>
        <Form.Item name="bodyId" label={t('councils.shifts.body')} rules={[{ required: true }]}>
          <Select options={bodies.map((b) => ({ value: b.id, label: b.name }))} onChange={() => form.setFieldValue('memberIds', [])} />
        </Form.Item>
        <Form.Item name="dutyOn" label={t('councils.shifts.dutyOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="period" label={t('councils.shifts.period')} rules={[{ required: true }]}>
          <Select options={SHIFT_PERIODS.map((p) => ({ value: p, label: t(`councils.period.${p}`) }))} />
        </Form.Item>
        <Form.Item name="memberIds" label={t('councils.shifts.members')} rules={[{ required: true }]}>
          <Select mode="multiple" options={(body?.members ?? []).map((m) => ({ value: m.id, label: m.name }))} />
        </Form.Item>
        <Form.Item name="task" label={t('councils.shifts.task')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
