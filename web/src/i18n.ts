import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en';
import zhCN from './locales/zh-CN';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'gongzhi.lang';

function storedLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return saved === 'en' ? 'en' : 'zh-CN';
  } catch {
    // Storage can be unavailable (private mode, locked-down browsers); Chinese is the default.
    return 'zh-CN';
  }
}

/** Keeps everything outside i18next (dayjs, <html lang>, the tab title) on the same language. */
function applyLanguage(lng: Language): void {
  dayjs.locale(lng === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lng;
  document.title = i18n.t('app.title');
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false }, // React already escapes.
  returnNull: false,
});
applyLanguage(currentLanguage());

/** The active UI language, narrowed to the ones we ship. */
export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

/** Switches the UI language and remembers the choice in this browser. */
export async function setLanguage(lng: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Not remembered, but the switch still applies to this session.
  }
  await i18n.changeLanguage(lng);
  applyLanguage(lng);
}

export default i18n;
