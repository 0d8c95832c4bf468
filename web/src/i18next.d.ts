import type { Messages } from './locales/zh-CN';

// Typed keys: t('nav.hmoe') fails the type check instead of showing a raw key.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
