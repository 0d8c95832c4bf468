import { createContext, useContext, useEffect, useRef, useState, type Dispatch, type ReactNode, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';

/** A page's own name for the browser tab; the object itself tells one page's claim from the next one's. */
interface Claim {
  page: string;
}

const ClaimContext = createContext<Dispatch<SetStateAction<Claim | undefined>> | null>(null);

/**
 * Keeps document.title at "<page> - <app>" inside the app frame. `page` is the frame's name for the
 * location (the menu entry or the page below it); a page inside can name itself more precisely with
 * usePageTitle. Puts the app's title back when the frame goes (signing out).
 */
export function PageTitle({ page, children }: { page: string | undefined; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const [claim, setClaim] = useState<Claim>();
  const shown = claim?.page ?? page;
  const app = t('app.title');
  const title = shown ? `${shown} - ${app}` : app;
  const latest = useRef(title);
  useEffect(() => {
    latest.current = title;
    document.title = title;
    return () => {
      document.title = app;
    };
  }, [title, app]);
  useEffect(() => {
    // setLanguage (i18n.ts) names the tab after the app once the switch is done, which can be after
    // this frame has re-rendered in the new language: name the page again once it has.
    const rename = () =>
      setTimeout(() => {
        document.title = latest.current;
      });
    i18n.on('languageChanged', rename);
    return () => i18n.off('languageChanged', rename);
  }, [i18n]);
  return <ClaimContext value={setClaim}>{children}</ClaimContext>;
}

/**
 * Names the page in the browser tab more precisely than the frame does ("指挥地图 · 黎平县") while
 * it is shown. Outside the app frame (the full-screen command screen) it sets document.title itself.
 */
export function usePageTitle(page: string | undefined): void {
  const { t } = useTranslation();
  const setClaim = useContext(ClaimContext);
  useEffect(() => {
    if (!page) return;
    if (setClaim) {
      const mine: Claim = { page };
      setClaim(mine);
      // Only withdraw our own claim: the next page may already have made its own.
      return () => setClaim((current) => (current === mine ? undefined : current));
    }
    const app = t('app.title');
    document.title = `${page} - ${app}`;
    return () => {
      document.title = app;
    };
  }, [page, setClaim, t]);
}
