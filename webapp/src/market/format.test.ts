import { describe, expect, it } from 'vitest';
import { en, nl } from '../i18n/strings';
import { dateToRfc3339, distanceText, momentText, monthLabel, parseDecimal, rfc3339ToDate } from './format';

describe('marketplace formatting', () => {
  it('says "in jouw buurt" for the same neighbourhood and a rounded distance otherwise, never an address', () => {
    expect(distanceText(nl, 'nl', { distanceKm: 0, proximity: 'same' })).toBe('In jouw buurt');
    expect(distanceText(nl, 'nl', { distanceKm: 1.5, proximity: 'bordering' })).toBe('ca. 1,5 km');
    expect(distanceText(en, 'en', { distanceKm: 1.5, proximity: 'bordering' })).toBe('about 1.5 km');
    expect(distanceText(nl, 'nl', { distanceKm: 4, proximity: 'nearby' })).toBe('ca. 4 km');
  });

  it('puts the moment in words: free text, date and how often', () => {
    expect(momentText(nl, 'nl', { momentText: 'zaterdagochtend', momentAt: null, recurrence: 'weekly' })).toBe('zaterdagochtend, elke week');
    expect(momentText(nl, 'nl', { momentText: null, momentAt: null, recurrence: 'once' })).toBeNull();
    expect(momentText(nl, 'nl', { momentText: null, momentAt: '2026-06-16T10:00:00Z', recurrence: 'once' })).toMatch(/16 juni/);
  });

  it('names months in the language of the reader', () => {
    expect(monthLabel('nl', '2026-11', false)).toBe('november 2026');
    expect(monthLabel('en', '2026-03', false)).toBe('March 2026');
    expect(monthLabel('nl', 'rubbish')).toBe('rubbish');
  });

  it('turns a date from the date field into RFC 3339 and back', () => {
    const iso = dateToRfc3339('2026-06-16');
    expect(iso).toMatch(/^2026-06-1[56]T/);
    expect(rfc3339ToDate(iso)).toBe('2026-06-16');
    expect(dateToRfc3339('16-06-2026')).toBeNull();
    expect(rfc3339ToDate(null)).toBe('');
  });

  it('reads Dutch and English decimals', () => {
    expect(parseDecimal('1,5')).toBe(1.5);
    expect(parseDecimal('2.5')).toBe(2.5);
    expect(parseDecimal('')).toBeNaN();
    expect(parseDecimal('veel')).toBeNaN();
  });
});
