import { Select, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Household } from '../../../src/modules/people/schema.ts';
import { searchHouseholds } from './party-api';

interface HouseholdSearchProps {
  id?: string;
  value?: string;
  onChange?(id: string | undefined): void;
}

/** Picks a household in the user's scope by part of its address (GET /api/v1/households?q=). */
export function HouseholdSearch({ id, value, onChange }: HouseholdSearchProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<Household[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    // Wait for a pause in typing rather than asking on every keystroke.
    const timer = setTimeout(() => {
      setLoading(true);
      searchHouseholds(query.trim())
        .then((page) => mine === seq.current && setOptions(page.items))
        .catch(() => mine === seq.current && setOptions([]))
        .finally(() => mine === seq.current && setLoading(false));
    }, 300);
    return () => clearTimeout(timer);
  }, [query]);

  return (
    <Select<string>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQuery }}
      placeholder={t('stewardship.visit.householdPlaceholder')}
      notFoundContent={loading ? <Spin size="small" /> : t('stewardship.visit.householdNone')}
      options={options.map((h) => ({ value: h.id, label: `${h.address} · ${h.headName ?? t('common.empty')}（${h.villageName}）` }))}
      data-testid="visit-household"
    />
  );
}
