import { useI18n } from '../i18n/i18n';

/** First focusable element: jumps past the header to the main content (WCAG 2.4.1). */
export function SkipLink() {
  const { t } = useI18n();
  return (
    <a href="#main" class="utrecht-skip-link utrecht-skip-link--visible-on-focus">
      {t.skipToContent}
    </a>
  );
}
