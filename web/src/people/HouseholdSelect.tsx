import { Select, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdListItem } from '../../../src/modules/people/schema.ts';
import { MatchedMembers } from './MatchedMembers';
import { listHouseholds } from './people-api';

interface HouseholdSelectProps {
  value?: string;
  onChange?(id: string | undefined): void;
  /** Left out of the choices (the household the resident is leaving). */
  excludeId?: string;
  id?: string;
}

/** Picks a household in the user's scope by a member's name (the householder's or another's), part of its address, or a phone/ID number's last 4 digits (the server reads the box: GET /households?q=). */
export function HouseholdSelect({ value, onChange, excludeId, id }: HouseholdSelectProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<HouseholdListItem[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    // Wait for a pause in typing rather than querying on every keystroke.
    const timer = setTimeout(() => {
      setLoading(true);
      listHouseholds({ q: query.trim() || undefined, page: 1, pageSize: 20 })
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
      showSearch={{ filterOption: false, onSearch: setQuery }}
      placeholder={t('people.change.targetPlaceholder')}
      notFoundContent={loading ? <Spin size="small" /> : t('people.change.targetNone')}
      options={options
        .filter((h) => h.id !== excludeId)
        .map((h) => ({
          value: h.id,
          label: `${h.address} · ${h.headName ?? t('people.household.noHead')}（${h.villageName}）`,
          matched: h.matchedMembers,
        }))}
      optionRender={(option) => (
        <>
          {option.label}
          <MatchedMembers members={option.data.matched} />
        </>
      )}
      data-testid="household-select"
    />
  );
}
