import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets document.title to "<page> - <app>" while the page is shown, and puts the app's title back after. */
export function usePageTitle(page: string | undefined): void {
  const { t } = useTranslation();
  useEffect(() => {
    if (!page) return;
    const app = t('app.title');
    document.title = `${page} - ${app}`;
    return () => {
      document.title = app;
    };
  }, [page, t]);
}
