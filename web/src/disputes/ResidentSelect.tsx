import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Resident } from '../../../src/modules/people/schema.ts';
import { searchResidents } from './disputes-api';

interface ResidentSelectProps {
  value?: string;
  onChange?(id: string | undefined, resident?: Resident): void;
  id?: string;
  'data-testid'?: string;
}

/** A resident of the registry, found by name (masked ID and age shown to tell namesakes apart). */
export function ResidentSelect({ value, onChange, id, ...rest }: ResidentSelectProps) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<Resident[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const onSearch = (q: string) => {
    clearTimeout(timer.current);
    if (!q.trim()) return;
    timer.current = setTimeout(() => {
      setLoading(true);
      searchResidents(q.trim())
        .then((page) => setOptions(page.items))
        .catch(() => setOptions([])) // no registry access: the name field still works
        .finally(() => setLoading(false));
    }, 300);
  };

  return (
    <Select<string>
      id={id}
      data-testid={rest['data-testid']}
      allowClear
      value={value}
      loading={loading}
      placeholder={t('disputes.intake.residentPlaceholder')}
      showSearch={{ filterOption: false, onSearch }}
      notFoundContent={null}
      onChange={(v) =>
        onChange?.(
          v,
          options.find((r) => r.id === v),
        )
      }
      options={options.map((r) => ({ value: r.id, label: [r.name, r.idNumber, r.age ? `${r.age}岁` : null].filter(Boolean).join(' · ') }))}
    />
  );
}
