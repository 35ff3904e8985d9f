// Pure helpers for the marketplace screens: distances, moments, months.
import type { Category, Exchange, Post, Recurrence } from '../api/market';
import { fill } from '../i18n/format';
import type { Lang, Strings } from '../i18n/strings';

const locale = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'nl-NL');

/** "In jouw buurt", or "ca. 1,5 km" (the server rounds to 0.5 km). Exact addresses are never shown. */
export function distanceText(t: Strings, lang: Lang, p: Pick<Post, 'distanceKm' | 'proximity'>): string {
  if (p.proximity === 'same' || !p.distanceKm) return t.marketNearSame;
  const km = new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 1 }).format(p.distanceKm);
  return fill(t.marketNearKm, { km });
}

export function formatDate(lang: Lang, iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(locale(lang), { weekday: 'long', day: 'numeric', month: 'long' });
}

export function formatDateTime(lang: Lang, iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(locale(lang), { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
}

/** "2026-11" → "nov 2026" (short) or "november 2026". */
export function monthLabel(lang: Lang, month: string, short = true): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  return new Date(Date.UTC(y, m - 1, 15)).toLocaleDateString(locale(lang), { month: short ? 'short' : 'long', year: 'numeric', timeZone: 'UTC' });
}

export const recurrenceKey = (r: Recurrence) =>
  (({ once: 'marketRecurrenceOnce', weekly: 'marketRecurrenceWeekly', monthly: 'marketRecurrenceMonthly', regularly: 'marketRecurrenceRegularly' }) as const)[r] ?? 'marketRecurrenceOnce';

/** When, in words: the free text, the date, and how often; null when nothing was said. */
export function momentText(t: Strings, lang: Lang, p: Pick<Post, 'momentText' | 'momentAt' | 'recurrence'>): string | null {
  const parts = [p.momentText?.trim(), p.momentAt ? formatDate(lang, p.momentAt) : null].filter(Boolean) as string[];
  if (p.recurrence && p.recurrence !== 'once') parts.push(t[recurrenceKey(p.recurrence)].toLowerCase());
  return parts.length ? parts.join(', ') : null;
}

export function categoryLabel(lang: Lang, categories: Category[] | null, id: string): string {
  const c = categories?.find((x) => x.id === id);
  return c ? c.labels[lang] || c.labels.nl : id;
}

export const exchangeStatusKey = (s: Exchange['status']) =>
  (({ agreed: 'exchangeStatusAgreed', completed: 'exchangeStatusCompleted', cancelled: 'exchangeStatusCancelled', not_happened: 'exchangeStatusNotHappened' }) as const)[s] ?? 'exchangeStatusAgreed';

export const postStatusKey = (s: Post['status']) =>
  (({ open: 'postStatusOpen', closed: 'postStatusClosed', withdrawn: 'postStatusWithdrawn', expired: 'postStatusExpired' }) as const)[s] ?? 'postStatusOpen';

/** A local date (yyyy-mm-dd from <input type=date>) as RFC 3339 at noon local time, or null. */
export function dateToRfc3339(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const d = new Date(`${date}T12:00:00`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** The other way: RFC 3339 → yyyy-mm-dd in local time, for <input type=date>. */
export function rfc3339ToDate(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Parses a Dutch or English decimal ("1,5" or "1.5"); NaN when it is not a number. */
export function parseDecimal(s: string): number {
  const n = Number(s.trim().replace(',', '.'));
  return s.trim() === '' ? NaN : n;
}

/** The radius choices of the post form (km). */
export const radiusChoices = [0.5, 1, 2, 3, 5, 10, 15];
