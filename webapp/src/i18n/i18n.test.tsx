import { fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { I18nProvider, storedLang, useI18n } from './i18n';

function Title() {
  return <h1>{useI18n().t.welcomeTitle}</h1>;
}

describe('language switch', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => localStorage.clear());

  it('starts in Dutch', () => {
    render(<I18nProvider><Title /><LanguageSwitch /></I18nProvider>);
    expect(screen.getByRole('heading').textContent).toBe('Welkom bij Noaber');
    expect(document.documentElement.lang).toBe('nl');
  });

  it('switches to English, remembers it and sets <html lang>', () => {
    render(<I18nProvider><Title /><LanguageSwitch /></I18nProvider>);
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByRole('heading').textContent).toBe('Welcome to Noaber');
    expect(document.documentElement.lang).toBe('en');
    expect(storedLang()).toBe('en');
    expect(screen.getByRole('button', { name: 'Nederlands' }).getAttribute('lang')).toBe('nl');
  });
});
