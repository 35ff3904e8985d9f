import { describe, expect, it } from 'vitest';
import { en, languages, nl } from './strings';

describe('UI strings', () => {
  it('has the same keys in every language', () => {
    const keys = Object.keys(nl).sort();
    for (const table of Object.values(languages)) {
      expect(Object.keys(table).sort()).toEqual(keys);
    }
  });

  it.each(Object.entries(languages))('has no empty strings in %s', (_lang, table) => {
    for (const [key, value] of Object.entries(table)) {
      expect(value.trim(), key).not.toBe('');
    }
  });

  it('uses the same {placeholders} in every language', () => {
    const holes = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const [key, value] of Object.entries(nl)) {
      expect(holes(en[key as keyof typeof en]), key).toEqual(holes(value));
    }
  });

  it('names the other language on the switch, in that language', () => {
    expect(nl.switchLanguage).toBe('English');
    expect(en.switchLanguage).toBe('Nederlands');
  });
});
