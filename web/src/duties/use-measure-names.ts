import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getMeasures } from './duties-api';

/** Measure id → its name in the UI's language (the id itself until the catalogue loads, or if it cannot). */
export function useMeasureNames(): (id: string) => string {
  const { i18n } = useTranslation();
  const [names, setNames] = useState<Map<string, { zh: string; en: string }>>(new Map());
  useEffect(() => {
    getMeasures().then(
      (all) => setNames(new Map(all.map((m) => [m.id, { zh: m.name, en: m.nameEn }]))),
      () => undefined,
    );
  }, []);
  const english = i18n.language.startsWith('en');
  return (id) => {
    const n = names.get(id);
    return n ? (english ? n.en : n.zh) : id;
  };
}
