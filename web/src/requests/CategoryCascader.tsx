import { Cascader } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaxonomyHelpers } from './use-taxonomy';

interface CategoryCascaderProps {
  tx: TaxonomyHelpers;
  /** A 4-digit subcategory code (or a 2-digit category when `allowCategory`). */
  value?: string | null;
  onChange?(code: string | undefined): void;
  /** Lets a whole category be chosen (list filters); intake and dispatch need a subcategory. */
  allowCategory?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  id?: string;
  size?: 'small' | 'middle' | 'large';
  'data-testid'?: string;
}

/** Category › subcategory from the taxonomy, searchable by name (type "占道" to find 占道经营). */
export function CategoryCascader({ tx, value, onChange, allowCategory, placeholder, style, id, size, ...rest }: CategoryCascaderProps) {
  const { t } = useTranslation();
  return (
    <Cascader
      id={id}
      data-testid={rest['data-testid']}
      size={size}
      style={style}
      options={tx.options}
      value={tx.pathOf(value)}
      onChange={(path) => onChange?.(path && path.length ? String(path[path.length - 1]) : undefined)}
      changeOnSelect={allowCategory}
      showSearch={{ filter: (input, path) => path.some((o) => String(o.label).includes(input.trim())) }}
      placeholder={placeholder ?? t('requests.field.categoryPlaceholder')}
      allowClear
      loading={!tx.taxonomy}
      popupMatchSelectWidth={false}
    />
  );
}
