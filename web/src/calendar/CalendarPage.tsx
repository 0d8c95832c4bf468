import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { holidayEn } from '../locales/names.en';
import type { CalendarDay, CalendarYear } from '../../../src/platform/calendar/schema.ts';
import { errorMessage } from '../api';
import { hasAnyPermission, useMe } from '../auth';
import { getCalendarYear } from './calendar-api';
import { DayEditModal } from './DayEditModal';
import { MonthGrid } from './MonthGrid';

const MIN_YEAR = 2000;
const MAX_YEAR = 2099;

/** Consecutive days with the same kind and name, for the list under the grid. */
interface Span {
  key: string;
  name: string;
  kind: CalendarDay['kind'];
  from: string;
  to: string;
  days: number;
}

function spansOf(days: readonly CalendarDay[]): Span[] {
  const spans: Span[] = [];
  for (const d of days) {
    const last = spans.at(-1);
    if (last && last.kind === d.kind && last.name === d.name && dayjs(last.to).add(1, 'day').format('YYYY-MM-DD') === d.day) {
      last.to = d.day;
      last.days++;
    } else {
      spans.push({ key: d.day, name: d.name, kind: d.kind, from: d.day, to: d.day, days: 1 });
    }
  }
  return spans;
}

/**
 * 工作日历: the year's public holidays and 调休 working weekends, which work-order time limits
 * count on. Everyone signed in reads it; those holding 'calendar.edit' click a day to change it.
 */
export default function CalendarPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const canEdit = hasAnyPermission(me, ['calendar.edit']);
  const [year, setYear] = useState(() => dayjs().year());
  const [data, setData] = useState<CalendarYear | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const [editing, setEditing] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    getCalendarYear(year)
      .then((d) => !cancelled && setData(d))
      .catch((err: unknown) => !cancelled && void message.error(errorMessage(err)))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [year, tick, message]);

  const shown = data?.year === year ? data : null;
  const byDay = useMemo(() => new Map((shown?.days ?? []).map((d) => [d.day, d])), [shown]);
  const spans = useMemo(() => spansOf(shown?.days ?? []), [shown]);
  const today = dayjs().format('YYYY-MM-DD');

  const columns: ColumnsType<Span> = [
    { key: 'name', title: t('calendar.list.name'), render: (_, s) => (i18n.language === 'en' ? holidayEn(s.name) : s.name) },
    {
      key: 'dates',
      title: t('calendar.list.dates'),
      render: (_, s) => (s.from === s.to ? s.from : t('calendar.list.range', { from: s.from, to: s.to })),
    },
    { key: 'kind', title: t('calendar.list.kind'), render: (_, s) => <Tag color={s.kind === 'holiday' ? 'red' : 'blue'}>{t(`calendar.kind.${s.kind}`)}</Tag> },
    { key: 'days', title: t('calendar.list.days'), dataIndex: 'days' },
  ];

  const yearSwitch = (
    <Space.Compact>
      <Button icon={<LeftOutlined />} aria-label={t('calendar.prevYear')} disabled={year <= MIN_YEAR} onClick={() => setYear((y) => y - 1)} />
      <Button data-testid="calendar-year" onClick={() => setYear(dayjs().year())} title={t('calendar.thisYear')}>
        {t('calendar.year', { year })}
      </Button>
      <Button icon={<RightOutlined />} aria-label={t('calendar.nextYear')} disabled={year >= MAX_YEAR} onClick={() => setYear((y) => y + 1)} />
    </Space.Compact>
  );

  return (
    <Card title={t('nav.calendar')} extra={yearSwitch}>
      {shown && !shown.seeded && (
        <Alert
          type="warning"
          showIcon
          data-testid="calendar-unseeded"
          title={t('calendar.unseeded', { year })}
          description={canEdit ? t('calendar.unseededEdit') : t('calendar.unseededRead')}
          style={{ marginBottom: 16 }}
        />
      )}
      <Space wrap size="middle" style={{ marginBottom: 16 }}>
        <Tag color="red">{t('calendar.badge.holiday')}</Tag>
        <span>{t('calendar.kind.holiday')}</span>
        <Tag color="blue">{t('calendar.badge.workday')}</Tag>
        <span>{t('calendar.kind.workday')}</span>
        <Typography.Text type="secondary">{t('calendar.legendWeekend')}</Typography.Text>
        {canEdit && <Typography.Text type="secondary">{t('calendar.editHint')}</Typography.Text>}
      </Space>
      <Spin spinning={loading}>
        <Row gutter={[16, 16]}>
          {Array.from({ length: 12 }, (_, m) => (
            <Col key={m} xs={24} sm={12} lg={8} xxl={6}>
              <MonthGrid year={year} month={m} byDay={byDay} today={today} onPick={canEdit ? setEditing : undefined} />
            </Col>
          ))}
        </Row>
      </Spin>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('calendar.list.title', { year })}
      </Typography.Title>
      <Table<Span>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={spans}
        pagination={false}
        loading={loading}
        locale={{ emptyText: t('calendar.list.empty') }}
        data-testid="calendar-list"
      />
      {canEdit && (
        <DayEditModal
          day={editing}
          current={editing ? byDay.get(editing) : undefined}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            setTick((n) => n + 1);
          }}
        />
      )}
    </Card>
  );
}
