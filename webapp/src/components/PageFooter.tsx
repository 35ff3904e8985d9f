import { useI18n } from '../i18n/i18n';

/** The footer on every screen. */
export function PageFooter() {
  const { t } = useI18n();
  return (
    <footer class="utrecht-page-footer noaber-footer">
      <div class="utrecht-page-footer__content">
        <p class="utrecht-paragraph">{t.footerText}</p>
        <p class="utrecht-paragraph">{t.footerOpenSource}</p>
      </div>
    </footer>
  );
}
