import { useEffect } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';

/** Sets the document title to "<screen> – Noaber", so each screen has its own (WCAG 2.4.2). */
export function useTitle(screenTitle: string) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${screenTitle} – ${t.appName}`;
  }, [screenTitle, t.appName]);
}
