import { useI18n } from '../i18n/i18n';

/**
 * Shows the name of the other language in that language ("English" /
 * "Nederlands"), marked with its lang so screen readers pronounce it right.
 */
export function LanguageSwitch() {
  const { lang, t, setLang } = useI18n();
  const other = lang === 'nl' ? 'en' : 'nl';
  return (
    <button
      type="button"
      lang={other}
      class="utrecht-button utrecht-button--secondary-action noaber-language-switch"
      onClick={() => setLang(other)}
    >
      {t.switchLanguage}
    </button>
  );
}
