import { Select, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Resident } from '../../../src/modules/people/schema.ts';
import { searchResidents } from './party-api';

interface ResidentSearchProps {
  /** Only residents living in this region (the organization's) are offered. */
  regionCode?: string;
  id?: string;
  value?: string;
  onChange?(id: string | undefined): void;
  'data-testid'?: string;
}

/** Picks an active resident by name; the masked ID number and the age tell namesakes apart. */
export function ResidentSearch({ regionCode, id, value, onChange, ...rest }: ResidentSearchProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<Resident[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    const q = query.trim();
    const mine = ++seq.current;
    if (!q) return;
    // Wait for a pause in typing rather than asking on every keystroke.
    const timer = setTimeout(() => {
      setLoading(true);
      searchResidents(q, regionCode)
        .then((page) => mine === seq.current && setOptions(page.items))
        .catch(() => mine === seq.current && setOptions([]))
        .finally(() => mine === seq.current && setLoading(false));
    }, 300);
    return () => clearTimeout(timer);
  }, [query, regionCode]);

  return (
    <Select<string>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQuery }}
      placeholder={t('party.memberForm.residentPlaceholder')}
      notFoundContent={loading ? <Spin size="small" /> : query.trim() ? t('party.memberForm.residentNone') : null}
      options={options.map((r) => ({
        value: r.id,
        label: [r.name, t(`party.sex.${r.sex}`), t('party.memberForm.age', { age: r.age }), r.idNumber].filter(Boolean).join(' · '),
      }))}
      data-testid={rest['data-testid']}
    />
  );
}
