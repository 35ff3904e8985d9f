import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';

/** Shown for any path the router does not know. */
export function NotFound() {
  const { t } = useI18n();
  useTitle(t.notFoundTitle);
  return (
    <>
      <h1 class="utrecht-heading-1">{t.notFoundTitle}</h1>
      <p class="utrecht-paragraph">{t.notFoundText}</p>
      <p class="utrecht-paragraph">
        <a href="/" class="utrecht-link noaber-action-link">{t.backHome}</a>
      </p>
    </>
  );
}
