import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { languages, type Lang, type Strings } from './strings';

const storageKey = 'noaber.lang';

/** Reads the remembered language; Dutch unless the visitor chose English. */
export function storedLang(): Lang {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'nl';
  } catch {
    return 'nl'; // storage can be blocked (private mode, strict settings)
  }
}

function rememberLang(lang: Lang) {
  try {
    localStorage.setItem(storageKey, lang);
  } catch {
    // not fatal: the choice then lasts only for this visit
  }
}

interface I18n {
  lang: Lang;
  t: Strings;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n>({ lang: 'nl', t: languages.nl, setLang: () => {} });

/** Provides the current language and its strings, and keeps <html lang> in step. */
export function I18nProvider({ initial, children }: { initial?: Lang; children: ComponentChildren }) {
  const [lang, setLangState] = useState<Lang>(initial ?? storedLang);
  const t = languages[lang];

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = (next: Lang) => {
    rememberLang(next);
    setLangState(next);
  };
  return <I18nContext.Provider value={{ lang, t, setLang }}>{children}</I18nContext.Provider>;
}

/** The strings and language of the current visitor. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
