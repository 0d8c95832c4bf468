import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DutyItem, WorkItem } from '../../../src/modules/duties/schema.ts';

const WORK_COLOURS: Record<WorkItem['status'], string> = { delivered: 'green', refused: 'red', held: 'orange', rejected: 'default' };
const ITEM_COLOURS: Record<DutyItem['status'], string> = { proposed: 'orange', active: 'green', rejected: 'red', retired: 'default' };

/** A work item's decision: delivered green, refused red, held orange. */
export function WorkStatusTag({ status }: { status: WorkItem['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={WORK_COLOURS[status]} data-status={status}>
      {t(`duties.workStatus.${status}`)}
    </Tag>
  );
}

export function ItemStatusTag({ status }: { status: DutyItem['status'] }) {
  const { t } = useTranslation();
  return <Tag color={ITEM_COLOURS[status]}>{t(`duties.itemStatus.${status}`)}</Tag>;
}
