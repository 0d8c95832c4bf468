import { Select, Spin } from 'antd';
import type { DefaultOptionType } from 'antd/es/select';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdListItem, MatchedMember } from '../../../src/modules/people/schema.ts';
import { MatchedMembers } from '../people/MatchedMembers';
import { searchHouseholds } from './party-api';

type HouseholdSearchProps = {
  id?: string;
  'data-testid'?: string;
} & ({ multiple?: false; value?: string; onChange?(id: string | undefined): void } | { multiple: true; value?: string[]; onChange?(ids: string[]): void });

const label = (h: HouseholdListItem, none: string) => `${h.address} · ${h.headName ?? none}（${h.villageName}）`;

/**
 * Picks a household in the user's scope by a member's name, part of its address or a number's
 * last four digits (GET /api/v1/households?q=; the list says which member matched), or
 * several with `multiple` (the households a member links to). Chosen households keep their
 * labels while the user searches for the next one.
 */
export function HouseholdSearch(props: HouseholdSearchProps) {
  const { id } = props;
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<HouseholdListItem[]>([]);
  const [chosen, setChosen] = useState<HouseholdListItem[]>([]);
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

  const none = t('common.empty');
  const shown = [...chosen.filter((c) => !options.some((o) => o.id === c.id)), ...options];
  const common = {
    id,
    allowClear: true,
    showSearch: { filterOption: false, onSearch: setQuery },
    placeholder: t('stewardship.visit.householdPlaceholder'),
    notFoundContent: loading ? <Spin size="small" /> : t('stewardship.visit.householdNone'),
    options: shown.map((h) => ({ value: h.id, label: label(h, none), matched: h.matchedMembers })),
    // Which member the text found the household through (匹配：龙小梅（子女）), under its label in the list only.
    optionRender: (option: { label?: ReactNode; data: DefaultOptionType }) => (
      <>
        {option.label}
        <MatchedMembers members={option.data.matched as MatchedMember[] | undefined} />
      </>
    ),
    'data-testid': props['data-testid'] ?? 'visit-household',
  };
  const remember = (ids: string[]) => setChosen(shown.filter((h) => ids.includes(h.id)));

  if (props.multiple) {
    return (
      <Select<string[]>
        {...common}
        mode="multiple"
        maxCount={50}
        value={props.value}
        onChange={(v) => {
          remember(v);
          props.onChange?.(v);
        }}
      />
    );
  }
  return (
    <Select<string>
      {...common}
      value={props.value}
      onChange={(v) => {
        remember(v ? [v] : []);
        props.onChange?.(v);
      }}
    />
  );
}
