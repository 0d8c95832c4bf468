import { theme } from 'antd';
import dayjs from 'dayjs';
import type { CSSProperties, KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { holidayEn } from '../locales/names.en';
import type { CalendarDay } from '../../../src/platform/calendar/schema.ts';
import { isWeekend } from '../../../src/platform/calendar/working-days.ts';

/** Monday first, as Chinese calendars print it: dayjs numbers Sunday 0. */
const WEEK = [1, 2, 3, 4, 5, 6, 0];

interface Props {
  year: number;
  /** 0 = January. */
  month: number;
  byDay: ReadonlyMap<string, CalendarDay>;
  today: string;
  /** Given to editors: a day was clicked. */
  onPick?: (day: string) => void;
}

/** One month: holidays in red (休), 调休 working days in blue (班), plain weekends greyed. */
export function MonthGrid({ year, month, byDay, today, onPick }: Props) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const first = dayjs(new Date(year, month, 1));
  const lead = (first.day() + 6) % 7;
  const days = Array.from({ length: first.daysInMonth() }, (_, i) => first.date(i + 1).format('YYYY-MM-DD'));
  const cells: (string | null)[] = [...Array<null>(lead).fill(null), ...days];

  const cellStyle = (day: string): CSSProperties => {
    const ex = byDay.get(day)?.kind;
    const weekend = isWeekend(day);
    return {
      position: 'relative',
      textAlign: 'center',
      lineHeight: '28px',
      borderRadius: token.borderRadiusSM,
      border: `1px solid ${day === today ? token.colorPrimary : 'transparent'}`,
      background: ex === 'holiday' ? token.colorErrorBg : ex === 'workday' ? token.colorPrimaryBg : undefined,
      color: ex === 'holiday' ? token.colorError : ex === 'workday' ? token.colorPrimary : weekend ? token.colorTextTertiary : token.colorText,
      cursor: onPick ? 'pointer' : 'default',
      userSelect: 'none',
    };
  };
  const badgeStyle: CSSProperties = { position: 'absolute', top: -2, right: 2, fontSize: 10, lineHeight: '12px' };

  const describe = (day: string): string => {
    const ex = byDay.get(day);
    if (ex) return `${day} ${i18n.language === 'en' ? holidayEn(ex.name) : ex.name}（${t(`calendar.kind.${ex.kind}`)}）`;
    return `${day} ${isWeekend(day) ? t('calendar.rest') : t('calendar.working')}`;
  };
  const onKey = (day: string) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onPick?.(day);
    }
  };

  return (
    <div data-testid={`calendar-month-${month + 1}`}>
      <div style={{ fontWeight: 600, marginBottom: 4 }}>{first.format('MMMM')}</div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2 }}>
        {WEEK.map((d) => (
          <div key={`h${d}`} style={{ textAlign: 'center', fontSize: 12, color: token.colorTextSecondary }}>
            {dayjs().day(d).format('dd')}
          </div>
        ))}
        {cells.map((day, i) =>
          day === null ? (
            <div key={`e${i}`} />
          ) : (
            <div
              key={day}
              data-testid={`calendar-day-${day}`}
              data-kind={byDay.get(day)?.kind ?? ''}
              style={cellStyle(day)}
              title={describe(day)}
              aria-label={describe(day)}
              role={onPick ? 'button' : undefined}
              tabIndex={onPick ? 0 : undefined}
              onClick={onPick ? () => onPick(day) : undefined}
              onKeyDown={onPick ? onKey(day) : undefined}
            >
              {Number(day.slice(8))}
              {byDay.has(day) && <span style={badgeStyle}>{t(`calendar.badge.${byDay.get(day)!.kind}`)}</span>}
            </div>
          ),
        )}
      </div>
    </div>
  );
}
