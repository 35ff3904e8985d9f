import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import { errorsFrom, fieldMessage, missingFields } from './problems';
import { en, nl } from './strings';

const invalid = (...params: [string, string][]) =>
  new ApiError(400, 'https://noaber.nl/problems/invalid-input', 'Bad Request', '', params.map(([name, reason]) => ({ name, reason })));

describe('field errors from the server', () => {
  it.each([
    ['email', 'is already registered', nl.errEmailTaken],
    ['email', 'must be a valid e-mail address', nl.errEmailFormat],
    ['password', 'is too common', nl.errPasswordCommon],
    ['password', 'must be at least 8 characters', nl.errPasswordShort],
    ['newPassword', 'must be at least 8 characters', nl.errPasswordShort],
    ['postcode', 'is not a known postcode', nl.errPostcodeUnknown],
    ['postcode', 'must look like 1234AB', nl.errPostcodeFormat],
    ['displayName', 'is required', nl.errRequired],
    ['currentPassword', 'is not correct', nl.errCurrentPassword],
    ['code', 'is not valid', nl.errCode],
  ])('%s "%s" is said in plain Dutch', (field, reason, want) => {
    expect(fieldMessage(nl, 'nl', field, reason)).toEqual({ text: want });
  });

  it('falls back to a general text; the English reason only in English', () => {
    expect(fieldMessage(nl, 'nl', 'displayName', 'contains a forbidden word')).toEqual({ text: nl.errGeneric });
    expect(fieldMessage(en, 'en', 'displayName', 'contains a forbidden word'))
      .toEqual({ text: en.errGeneric, reason: 'contains a forbidden word' });
  });

  it('puts known fields at their field and the rest in the summary', () => {
    const errors = errorsFrom(invalid(['postcode', 'is not a known postcode'], ['organisation', 'x']), nl, 'nl', ['postcode']);
    expect(errors.fields).toEqual({ postcode: { text: nl.errPostcodeUnknown } });
    expect(errors.general).toBe(nl.errFailed);
    expect(errorsFrom(invalid(['postcode', 'is not a known postcode']), nl, 'nl', ['postcode']).general).toBeNull();
  });

  it('says how long to wait after 429', () => {
    const throttled = (s: number) => new ApiError(429, '', '', '', [], s);
    expect(errorsFrom(throttled(30), nl, 'nl', []).general).toBe('Je hebt het te vaak geprobeerd. Probeer het over 30 seconden opnieuw.');
    expect(errorsFrom(throttled(600), en, 'en', []).general).toBe('You tried too often. Try again in 10 minutes.');
  });

  it('says offline for a network error and server trouble for 5xx', () => {
    expect(errorsFrom(new TypeError('Failed to fetch'), nl, 'nl', []).general).toBe(nl.errNetwork);
    expect(errorsFrom(new ApiError(500, '', '', ''), nl, 'nl', []).general).toBe(nl.errServer);
  });

  it('checks only that required fields are filled in', () => {
    expect(missingFields(nl, { a: ' ', b: 'x' }, ['a', 'b', 'c']).fields).toEqual({
      a: { text: nl.errRequired }, c: { text: nl.errRequired },
    });
  });
});
