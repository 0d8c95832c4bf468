import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage } from '../i18n';

/** Toggles 中文 ↔ English; its label names the language it switches to. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const next = currentLanguage() === 'en' ? 'zh-CN' : 'en';
  return (
    <Button type="text" icon={<GlobalOutlined />} data-testid="lang-switch" lang={next} onClick={() => void setLanguage(next)}>
      {t('lang.switchTo')}
    </Button>
  );
}
