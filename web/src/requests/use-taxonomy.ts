import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORY_EN, UNIT_KIND_EN } from '../locales/names.en';
import { getTaxonomy, type Taxonomy } from './requests-api';

/** The taxonomy with English names (locales/names.en.ts) in place of the Chinese ones. */
function inEnglish(tx: Taxonomy): Taxonomy {
  return {
    ...tx,
    unitKinds: tx.unitKinds.map((k) => ({ ...k, name: UNIT_KIND_EN[k.code] ?? k.name })),
    categories: tx.categories.map((c) => ({
      ...c,
      name: CATEGORY_EN[c.code] ?? c.name,
      children: c.children.map((s) => ({ ...s, name: CATEGORY_EN[s.code] ?? s.name })),
    })),
  };
}

type Subcategory = Taxonomy['categories'][number]['children'][number];

export interface TaxonomyHelpers {
  taxonomy: Taxonomy | null;
  error: unknown;
  /** "0301" → "市容环境 / 占道经营"; unknown codes come back as they are. */
  fullName(code: string | null | undefined): string;
  /** "0301" → its subcategory (with level, default unit, tier). */
  subcategory(code: string | null | undefined): Subcategory | undefined;
  /** Cascader path for a code: a subcategory → [parent, code]; a top category → [code]. */
  pathOf(code: string | null | undefined): string[] | undefined;
  /** Cascader options: category › subcategory. */
  options: { value: string; label: string; children: { value: string; label: string }[] }[];
}

/** The request taxonomy (loaded once per session) and lookups on it. */
export function useTaxonomy(): TaxonomyHelpers {
  const [loaded, setLoaded] = useState<Taxonomy | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';

  useEffect(() => {
    let cancelled = false;
    getTaxonomy()
      .then((tx) => !cancelled && setLoaded(tx))
      .catch((err: unknown) => !cancelled && setError(err));
    return () => {
      cancelled = true;
    };
  }, []);

  return useMemo(() => {
    const taxonomy = loaded && english ? inEnglish(loaded) : loaded;
    const subs = new Map<string, { sub: Subcategory; parentCode: string; parentName: string }>();
    const tops = new Map<string, string>();
    for (const c of taxonomy?.categories ?? []) {
      tops.set(c.code, c.name);
      for (const s of c.children) subs.set(s.code, { sub: s, parentCode: c.code, parentName: c.name });
    }
    return {
      taxonomy,
      error,
      fullName: (code) => {
        if (!code) return '';
        const hit = subs.get(code);
        if (hit) return `${hit.parentName} / ${hit.sub.name}`;
        return tops.get(code) ?? code;
      },
      subcategory: (code) => (code ? subs.get(code)?.sub : undefined),
      pathOf: (code) => {
        if (!code) return undefined;
        const hit = subs.get(code);
        if (hit) return [hit.parentCode, code];
        return tops.has(code) ? [code] : undefined;
      },
      options: (taxonomy?.categories ?? []).map((c) => ({
        value: c.code,
        label: c.name,
        children: c.children.map((s) => ({ value: s.code, label: s.name })),
      })),
    };
  }, [loaded, english, error]);
}
