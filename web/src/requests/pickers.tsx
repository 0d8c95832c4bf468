import { Select } from 'antd';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkOrder } from '../../../src/modules/requests/schema.ts';
import { getDuplicates, listDepartments, listWorkOrders, type Department } from './requests-api';

/** The county's departments (loaded once per session). */
export function useDepartments(): Department[] {
  const [departments, setDepartments] = useState<Department[]>([]);
  useEffect(() => {
    let cancelled = false;
    listDepartments()
      .then((d) => !cancelled && setDepartments(d))
      .catch(() => !cancelled && setDepartments([]));
    return () => {
      cancelled = true;
    };
  }, []);
  return departments;
}

interface DepartmentSelectProps {
  value?: string | string[];
  onChange?(value: string | string[] | undefined): void;
  multiple?: boolean;
  style?: CSSProperties;
  id?: string;
  'data-testid'?: string;
}

/** A department, or several (a whistle summons up to ten), searchable by name. */
export function DepartmentSelect({ value, onChange, multiple, style, id, ...rest }: DepartmentSelectProps) {
  const { t } = useTranslation();
  const departments = useDepartments();
  return (
    <Select<string | string[]>
      id={id}
      data-testid={rest['data-testid']}
      mode={multiple ? 'multiple' : undefined}
      style={style ?? { width: '100%' }}
      value={value}
      onChange={(v) => onChange?.(v)}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('requests.form.departmentPlaceholder')}
      options={departments.map((d) => ({ value: d.id, label: d.name }))}
      maxCount={multiple ? 10 : undefined}
    />
  );
}

interface OrderPickerProps {
  /** The order being merged: it is left out, and its duplicate candidates are offered first. */
  orderId: string;
  value?: string;
  onChange?(id: string | undefined): void;
  id?: string;
}

/** Another work order, found by number or words (for 合并 into it). */
export function OrderPicker({ orderId, value, onChange, id }: OrderPickerProps) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<WorkOrder[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    let cancelled = false;
    getDuplicates(orderId)
      .then((d) => !cancelled && setOptions(d.items.filter((o) => o.id !== orderId)))
      .catch(() => undefined);
    return () => {
      cancelled = true;
      clearTimeout(timer.current);
    };
  }, [orderId]);

  const onSearch = (q: string) => {
    clearTimeout(timer.current);
    if (q.trim().length < 2) return;
    timer.current = setTimeout(() => {
      setLoading(true);
      listWorkOrders({ q: q.trim(), pageSize: 10 })
        .then((d) => setOptions(d.items.filter((o) => o.id !== orderId)))
        .catch(() => undefined)
        .finally(() => setLoading(false));
    }, 300);
  };

  return (
    <Select<string>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v)}
      showSearch={{ filterOption: false, onSearch }}
      loading={loading}
      placeholder={t('requests.form.parentPlaceholder')}
      options={options.map((o) => ({ value: o.id, label: `${o.number} · ${o.title}` }))}
      notFoundContent={null}
      data-testid="merge-parent"
    />
  );
}
