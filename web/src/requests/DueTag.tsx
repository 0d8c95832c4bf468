import { ClockCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../labels';

/** The current time, refreshed every `everyMs` (a countdown needs no more than a tick a minute). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

/** 2 days 3 hours / 3 hours 5 minutes / 12 minutes. */
export function formatSpan(t: TFunction, ms: number): string {
  const minutes = Math.max(1, Math.floor(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return t('requests.due.days', { d: days, h: hours });
  if (hours > 0) return t('requests.due.hours', { h: hours, m: minutes % 60 });
  return t('requests.due.minutes', { m: minutes });
}

/** Within this much of the limit a countdown turns orange. */
const SOON_MS = 4 * 3600_000;

/**
 * A time limit as a live countdown: "剩余 3 小时 5 分" (orange when near), "已超时 2 天" in red
 * once past. The exact time is in the tooltip.
 */
export function DueTag({ at, done, label }: { at: string | null; done?: boolean; label?: string }) {
  const { t } = useTranslation();
  const now = useNow();
  if (!at) return <>{t('common.empty')}</>;
  const left = new Date(at).getTime() - now;
  if (done || Number.isNaN(left)) return <span>{formatDateTime(at)}</span>;
  const color = left < 0 ? 'red' : left < SOON_MS ? 'orange' : 'default';
  const text = left < 0 ? t('requests.due.over', { time: formatSpan(t, left) }) : t('requests.due.left', { time: formatSpan(t, left) });
  return (
    <Tooltip title={`${label ? `${label} ` : ''}${formatDateTime(at)}`}>
      <Tag color={color} icon={<ClockCircleOutlined />} data-testid="due-tag" data-overdue={left < 0 ? 'true' : 'false'}>
        {text}
      </Tag>
    </Tooltip>
  );
}
