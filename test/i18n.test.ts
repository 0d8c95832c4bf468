import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RATE_FORMULAS } from '../src/modules/requests/rates-service.js';

/**
 * The web app's locale modules, loaded at run time: they are compiled by the web project (bundler
 * resolution), not by this one, so the paths are kept out of the server's type check.
 */
const WEB_LOCALES = '../web/src/locales/';
const load = async <T>(name: string): Promise<T> => (await import(/* @vite-ignore */ `${WEB_LOCALES}${name}.ts`)) as T;
const { default: zhCN } = await load<{ default: unknown }>('zh-CN');
const { default: en } = await load<{ default: unknown }>('en');
type Names = Record<string, string>;
const { CATEGORY_EN, FORMULA_EN, HOLIDAY_EN, JOB_TITLE_EN, UNIT_KIND_EN, hasChinese, holidayEn, jobTitleEn } = await load<{
  CATEGORY_EN: Names;
  FORMULA_EN: Names;
  HOLIDAY_EN: Names;
  JOB_TITLE_EN: Names;
  UNIT_KIND_EN: Names;
  hasChinese(text: string): boolean;
  holidayEn(name: string): string;
  jobTitleEn(title: string): string;
}>('names.en');

/**
 * English strings that are Chinese on purpose, by key: the language switch names the other
 * language in its own script; a holiday is entered by its name in the State Council's notice.
 */
const CHINESE_ALLOWED = new Set(['lang.switchTo', 'calendar.edit.namePlaceholder']);

function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, value);
  return out;
}

describe('the English locale', () => {
  const zh = flatten(zhCN);
  const english = flatten(en);

  it('has every key the Chinese one has, and no other', () => {
    expect([...zh.keys()].filter((k) => !english.has(k))).toEqual([]);
    expect([...english.keys()].filter((k) => !zh.has(k))).toEqual([]);
  });

  it('has no Chinese characters in an English string (outside a short allowlist)', () => {
    const untranslated = [...english]
      .filter(([k, v]) => typeof v === 'string' && hasChinese(v) && !CHINESE_ALLOWED.has(k))
      .map(([k, v]) => `${k}: ${String(v)}`);
    expect(untranslated).toEqual([]);
  });

  it('keeps the same {{placeholders}} in both languages', () => {
    const vars = (s: unknown) => [...String(s).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    const differ = [...zh].filter(([k, v]) => typeof v === 'string' && JSON.stringify(vars(v)) !== JSON.stringify(vars(english.get(k)))).map(([k]) => k);
    expect(differ).toEqual([]);
  });
});

describe('English names for data that arrives in Chinese', () => {
  const taxonomy = JSON.parse(fs.readFileSync('src/modules/requests/taxonomy/request-categories.json', 'utf8')) as {
    unitKinds: { code: string }[];
    categories: { code: string; children: { code: string }[] }[];
  };

  it('names every category, subcategory and dispute type (12xx) and every unit kind', () => {
    const codes = taxonomy.categories.flatMap((c) => [c.code, ...c.children.map((s) => s.code)]);
    expect(codes.filter((c) => !CATEGORY_EN[c])).toEqual([]);
    expect(taxonomy.unitKinds.map((u) => u.code).filter((c) => !UNIT_KIND_EN[c])).toEqual([]);
  });

  it('states every rate formula the server sends', () => {
    expect(Object.keys(RATE_FORMULAS).filter((k) => !FORMULA_EN[k])).toEqual([]);
  });

  it('has no Chinese in any English name', () => {
    const all = { ...CATEGORY_EN, ...UNIT_KIND_EN, ...FORMULA_EN, ...HOLIDAY_EN, ...JOB_TITLE_EN };
    expect(Object.entries(all).filter(([, v]) => hasChinese(v))).toEqual([]);
  });

  it('names holidays, make-up working days and joined job titles', () => {
    expect(holidayEn('春节')).toBe('Spring Festival');
    expect(holidayEn('国庆节调休上班')).toBe('National Day (make-up working day)');
    expect(jobTitleEn('县委常委、组织部部长')).toBe('Member of the county Party standing committee, Head of the Organization Department');
  });
});
