import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DUTY_LIST_NAMES, type DutyItem } from '../../../src/modules/duties/schema.ts';
import { listDutyItems } from './duties-api';

/** The village lists a work item can fall under; the forbidden list is shown so a sender sees it will be refused. */
const VILLAGE_LISTS = ['village_main', 'village_assist', 'village_forbidden'] as const;

interface DutyItemSelectProps {
  value?: string;
  onChange?(id: string | undefined): void;
  /** The item picked (or none), for the page to warn about the forbidden list. */
  onPicked?(item: DutyItem | undefined): void;
  disabled?: boolean;
  id?: string;
}

/** Picks the list item a work item falls under: grouped by list, each option "list · code name". */
export function DutyItemSelect({ value, onChange, onPicked, disabled, id }: DutyItemSelectProps) {
  const { t } = useTranslation();
  const [items, setItems] = useState<DutyItem[]>([]);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    listDutyItems()
      .then(
        (all) => setItems(all.filter((i) => i.status === 'active')),
        () => setItems([]),
      )
      .finally(() => setLoading(false));
  }, []);

  const options = VILLAGE_LISTS.map((list) => ({
    label: DUTY_LIST_NAMES[list],
    title: list,
    options: items.filter((i) => i.list === list).map((i) => ({ value: i.id, label: `${i.listName} · ${i.code} ${i.name}` })),
  })).filter((g) => g.options.length > 0);

  return (
    <Select
      id={id}
      data-testid="send-duty-item"
      value={value}
      disabled={disabled}
      loading={loading}
      allowClear
      showSearch
      optionFilterProp="label"
      placeholder={t('duties.send.dutyItemPlaceholder')}
      options={options}
      onChange={(v: string | undefined) => {
        onChange?.(v);
        onPicked?.(items.find((i) => i.id === v));
      }}
      style={{ width: '100%' }}
    />
  );
}
