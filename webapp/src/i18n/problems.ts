import { ApiError } from '../api/problem';
import { fill, waitTime } from './format';
import type { Lang, StringKey, Strings } from './strings';

/** What to show next to a field: our words, and in English the server's reason too. */
export interface FieldMessage {
  text: string;
  /** The server's own (English) reason, shown as a second line only in English. */
  reason?: string;
}

export interface FormErrors {
  fields: Record<string, FieldMessage>;
  /** An error that belongs to no single field (wrong password, throttled, offline). */
  general: string | null;
}

export const noErrors: FormErrors = { fields: {}, general: null };

// The server's reasons are English sentences. These patterns turn the common
// ones into plain Dutch; field '*' matches any field. First match wins.
const reasons: [field: string, pattern: RegExp, key: StringKey][] = [
  ['*', /required|must not be empty|is empty|missing/i, 'errRequired'],
  ['email', /already/i, 'errEmailTaken'],
  ['email', /.*/, 'errEmailFormat'],
  ['*', /too common|commonly used|breach/i, 'errPasswordCommon'],
  ['*', /at least 8|too short/i, 'errPasswordShort'],
  ['*', /at most 128|too long.*password/i, 'errPasswordLong'],
  ['currentPassword', /.*/, 'errCurrentPassword'],
  ['displayName', /at most|too long/i, 'errDisplayNameLong'],
  ['postcode', /not a known|unknown/i, 'errPostcodeUnknown'],
  ['postcode', /.*/, 'errPostcodeFormat'],
  ['houseNumber', /.*/, 'errHouseNumber'],
  ['phone', /.*/, 'errPhone'],
  ['code', /.*/, 'errCode'],
  ['totpCode', /.*/, 'errCode'],
  ['quietHoursStart', /.*/, 'errTime'],
  ['quietHoursEnd', /.*/, 'errTime'],
  ['suggestionDailyCap', /.*/, 'errCap'],
  // the marketplace
  ['title', /.*/, 'errPostTitle'],
  ['body', /.*/, 'errPostText'],
  ['message', /.*/, 'errPostText'],
  ['momentText', /.*/, 'errPostMoment'],
  ['momentAt', /.*/, 'postErrDate'],
  ['category', /.*/, 'postErrCategory'],
  ['radiusKm', /.*/, 'errPostRadius'],
];

export function fieldMessage(t: Strings, lang: Lang, field: string, reason: string): FieldMessage {
  const rule = reasons.find(([f, pattern]) => (f === field || f === '*') && pattern.test(reason));
  if (rule) return { text: t[rule[2]] };
  return { text: t.errGeneric, reason: lang === 'en' && reason ? reason : undefined };
}

/**
 * Turns whatever a submit threw into messages for the form: invalidParams
 * go to the fields the form has, the rest becomes one general message.
 */
export function errorsFrom(err: unknown, t: Strings, lang: Lang, formFields: string[]): FormErrors {
  if (!(err instanceof ApiError)) return { fields: {}, general: t.errNetwork };
  if (err.status === 429) {
    return { fields: {}, general: fill(t.errThrottled, { wait: waitTime(t, err.retryAfter ?? 60) }) };
  }
  const fields: Record<string, FieldMessage> = {};
  const other: string[] = [];
  for (const p of err.invalidParams) {
    if (formFields.includes(p.name)) fields[p.name] ??= fieldMessage(t, lang, p.name, p.reason);
    else other.push(p.reason);
  }
  if (err.invalidParams.length > 0 && other.length === 0) return { fields, general: null };
  return { fields, general: err.status >= 500 ? t.errServer : t.errFailed };
}

/** Client-side check before sending: only "is it filled in". The server decides the rest. */
export function missingFields(t: Strings, values: Record<string, string>, required: string[]): FormErrors {
  const fields: Record<string, FieldMessage> = {};
  for (const name of required) if (!values[name]?.trim()) fields[name] = { text: t.errRequired };
  return { fields, general: null };
}

export const hasErrors = (e: FormErrors) => e.general !== null || Object.keys(e.fields).length > 0;
