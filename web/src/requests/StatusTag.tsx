import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { STATUS_COLORS, statusLabel } from './request-labels';

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const color = (STATUS_COLORS as Record<string, string>)[status] ?? 'default';
  return (
    <Tag color={color} data-testid="status-tag" data-status={status}>
      {statusLabel(t, status)}
    </Tag>
  );
}
