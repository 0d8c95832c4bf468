import type { TFunction } from 'i18next';
import zhCN from '../locales/zh-CN';

type GridTagKey = keyof typeof zhCN.grid.tag;

/** A grid kind as the user reads it. */
export function gridKindLabel(t: TFunction, kind: 'comprehensive' | 'dedicated'): string {
  return t(`grid.kind.${kind}`);
}

/** A grid tag as the user reads it; a tag added locally that we do not know is shown as its code. */
export function gridTagLabel(t: TFunction, tag: string): string {
  return Object.hasOwn(zhCN.grid.tag, tag) ? t(`grid.tag.${tag as GridTagKey}`) : tag;
}
