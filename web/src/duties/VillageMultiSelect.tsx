import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionPlace } from '../../../src/modules/regions/schema.ts';
import { useMe } from '../auth';
import { loadPinyin, placeMatches, placesUnder } from '../people/region-search';

interface VillageMultiSelectProps {
  value?: string[];
  onChange?(codes: string[]): void;
  id?: string;
}

/** The villages (村、社区) in the user's area, several at once, found by name or pinyin; each shows its township. */
export function VillageMultiSelect({ value, onChange, id }: VillageMultiSelectProps) {
  const { t } = useTranslation();
  const me = useMe();
  const [places, setPlaces] = useState<RegionPlace[]>([]);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    placesUnder(me.regionCode)
      .then(setPlaces, () => setPlaces([]))
      .finally(() => setLoading(false));
  }, [me.regionCode]);

  const options = useMemo(() => {
    const names = new Map(places.map((p) => [p.code, p.name]));
    return places
      .filter((p) => p.level === 'village')
      .map((p) => {
        const parent = p.parentCode ? names.get(p.parentCode) : undefined;
        return { value: p.code, label: parent ? `${parent} · ${p.name}` : p.name, name: p.name };
      });
  }, [places]);

  return (
    <Select
      id={id}
      mode="multiple"
      data-testid="send-targets"
      value={value}
      onChange={onChange}
      loading={loading}
      options={options}
      placeholder={t('duties.send.targetsPlaceholder')}
      onFocus={() => void loadPinyin()}
      filterOption={(input, option) => placeMatches(option?.name ?? '', input) || (option?.label ?? '').includes(input)}
      style={{ width: '100%' }}
    />
  );
}
