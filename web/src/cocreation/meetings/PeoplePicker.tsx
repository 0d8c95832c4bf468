import { Select, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listHouseholds, listResidents } from '../../people/people-api';

interface Option {
  value: string;
  label: string;
}

interface PeoplePickerProps {
  /** Households (by head's name or address) or persons (by name) of the area. */
  unit: 'household' | 'person';
  regionCode?: string;
  /** Only persons with this registry tag (党员: party_member). */
  tag?: string;
  value?: string[];
  onChange?(ids: string[]): void;
  id?: string;
}

/** Picks several households or residents of the meeting's area, searched as the cadre types. */
export function PeoplePicker({ unit, regionCode, tag, value, onChange, id }: PeoplePickerProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<Option[]>([]);
  const [known, setKnown] = useState<Map<string, string>>(new Map());
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      setLoading(true);
      const q = query.trim() || undefined;
      const load: Promise<Option[]> =
        unit === 'household'
          ? listHouseholds({ regionCode, q, page: 1, pageSize: 30 }).then((p) =>
              p.items.map((h) => ({ value: h.id, label: `${h.headName ?? ''}${h.headName ? '户 · ' : ''}${h.address}` })),
            )
          : listResidents({ regionCode, q, tag, page: 1, pageSize: 30 }).then((p) => p.items.map((r) => ({ value: r.id, label: `${r.name}（${r.age}）` })));
      load
        .then((opts) => {
          if (mine !== seq.current) return;
          setOptions(opts);
          setKnown((m) => new Map([...m, ...opts.map((o) => [o.value, o.label] as [string, string])]));
        })
        .catch(() => mine === seq.current && setOptions([]))
        .finally(() => mine === seq.current && setLoading(false));
    }, 300);
    return () => clearTimeout(timer);
  }, [query, unit, regionCode, tag]);

  // Chosen ones stay labelled when a new search no longer lists them.
  const shown = [...options, ...(value ?? []).filter((v) => !options.some((o) => o.value === v)).map((v) => ({ value: v, label: known.get(v) ?? v }))];
  return (
    <Select<string[]>
      id={id}
      mode="multiple"
      value={value}
      onChange={(ids) => onChange?.(ids)}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      placeholder={t('cocreationMeetings.form.search')}
      notFoundContent={loading ? <Spin size="small" /> : undefined}
      options={shown}
      style={{ width: '100%' }}
      data-testid={`meeting-pick-${unit}`}
    />
  );
}
