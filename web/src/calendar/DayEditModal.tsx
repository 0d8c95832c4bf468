import { Alert, App, Button, Descriptions, Form, Input, Modal, Radio } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { holidayEn } from '../locales/names.en';
import type { CalendarDay, DayKind } from '../../../src/platform/calendar/schema.ts';
import { isWeekend } from '../../../src/platform/calendar/working-days.ts';
import { errorMessage } from '../api';
import { showFieldError } from '../components/form-errors';
import { clearCalendarDay, setCalendarDay } from './calendar-api';

interface DayForm {
  kind: DayKind;
  name: string;
}

const FIELDS = ['kind', 'name'] as const;

/**
 * Sets one day as a holiday or a 调休 working day, or clears it back to the Monday–Friday rule.
 * A working-day exception is offered only on Saturdays and Sundays, as the server requires.
 */
export function DayEditModal({ day, current, onClose, onDone }: { day: string | null; current?: CalendarDay; onClose(): void; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DayForm>();
  const [busy, setBusy] = useState<'save' | 'clear' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const weekend = day ? isWeekend(day) : false;

  useEffect(() => {
    if (!day) return;
    form.setFieldsValue({ kind: current?.kind ?? (weekend ? 'workday' : 'holiday'), name: current?.name ?? '' });
    setError(null);
  }, [day, current, weekend, form]);

  const fail = (err: unknown) => {
    if (!showFieldError(form, err, FIELDS)) setError(errorMessage(err));
  };

  const save = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values || !day) return;
    setBusy('save');
    setError(null);
    try {
      await setCalendarDay(day, { kind: values.kind, name: values.name.trim() });
      void message.success(t('calendar.edit.saved'));
      onDone();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  const clear = async () => {
    if (!day) return;
    setBusy('clear');
    setError(null);
    try {
      await clearCalendarDay(day);
      void message.success(t('calendar.edit.cleared'));
      onDone();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  const status = current
    ? `${i18n.language === 'en' ? holidayEn(current.name) : current.name}（${t(`calendar.kind.${current.kind}`)}）`
    : weekend
      ? t('calendar.rest')
      : t('calendar.working');

  return (
    <Modal
      open={day !== null}
      title={t('calendar.edit.title', { day: day ?? '' })}
      onCancel={onClose}
      forceRender
      footer={[
        current && (
          <Button key="clear" danger loading={busy === 'clear'} disabled={busy === 'save'} onClick={() => void clear()} data-testid="calendar-clear">
            {t('calendar.edit.clear')}
          </Button>
        ),
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={busy === 'save'} disabled={busy === 'clear'} onClick={() => void save()} data-testid="calendar-save">
          {t('calendar.edit.save')}
        </Button>,
      ]}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }} items={[{ key: 'now', label: t('calendar.edit.current'), children: status }]} />
      <Form<DayForm> form={form} layout="vertical" onValuesChange={() => setError(null)}>
        <Form.Item name="kind" label={t('calendar.edit.kind')} extra={weekend ? undefined : t('calendar.edit.workdayWeekendOnly')}>
          <Radio.Group
            options={[
              { value: 'holiday', label: t('calendar.kind.holiday') },
              { value: 'workday', label: t('calendar.kind.workday'), disabled: !weekend },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('calendar.edit.name')}
          rules={[
            { required: true, whitespace: true, message: t('calendar.edit.nameRequired') },
            { max: 20, message: t('calendar.edit.nameTooLong') },
          ]}
        >
          <Input maxLength={20} placeholder={t('calendar.edit.namePlaceholder')} data-testid="calendar-name" />
        </Form.Item>
      </Form>
      {current && <Alert type="info" title={t('calendar.edit.clearHint')} />}
    </Modal>
  );
}
