import { describe, expect, it } from 'vitest';
import { lifeDomains, signalStatuses, urgencies, type TeamSignalSummary } from '../api/signals';
import { en, nl } from '../i18n/strings';
import {
  checkStep, domainHintKey, domainKey, domainsText, emptyDraft, escalationText, firstIncompleteStep, formatDateTime,
  groupSignals, publicUpdateText, showsEmergency, signalFieldMessage, statusKey, statusText, stepOf, toRequest,
  transitionKey, urgencyKey, type Draft,
} from './model';

const filled = (over: Partial<Draft> = {}): Draft => ({
  ...emptyDraft('06 12345678'),
  postcode: '9999 ea', identification: 'Mevrouw Jansen, Kerkstraat', personKnows: 'no',
  lifeDomains: ['zorgen', 'ontmoeten'], urgency: 'worried', description: 'Ze komt al weken niet meer naar de club.',
  ...over,
});

describe('the steps of the report form', () => {
  it('asks in step 1 for the neighbourhood, how to find the person, and whether they know', () => {
    expect(checkStep(1, emptyDraft())).toEqual({
      postcode: 'signalErrPostcode', identification: 'signalErrIdentification', personKnows: 'signalErrPersonKnows',
    });
    expect(checkStep(1, filled({ postcode: '12345' })).postcode).toBe('errPostcodeFormat');
    expect(checkStep(1, filled({ identification: 'x'.repeat(201) })).identification).toBe('signalErrIdentificationLong');
    expect(checkStep(1, filled())).toEqual({});
  });

  it('asks for a neighbourhood from the list instead of a postcode when "I only know the neighbourhood"', () => {
    expect(checkStep(1, filled({ where: 'neighbourhood', postcode: '' }))).toEqual({ neighbourhoodId: 'signalErrNeighbourhood' });
    expect(checkStep(1, filled({ where: 'neighbourhood', postcode: '', neighbourhoodId: 'BU99990201' }))).toEqual({});
  });

  it('asks in step 2 for at least one life domain and an urgency', () => {
    expect(checkStep(2, emptyDraft())).toEqual({ lifeDomains: 'signalErrDomains', urgency: 'signalErrUrgency' });
    expect(checkStep(2, filled())).toEqual({});
  });

  it('asks in step 3 for a description of 10 to 4000 characters and a phone number', () => {
    expect(checkStep(3, emptyDraft())).toEqual({ description: 'signalErrDescription', callbackPhone: 'signalErrPhone' });
    expect(checkStep(3, filled({ description: ' kort  ' })).description).toBe('signalErrDescriptionShort');
    expect(checkStep(3, filled({ description: 'x'.repeat(4001) })).description).toBe('signalErrDescriptionLong');
    expect(checkStep(3, filled({ callbackPhone: 'bel me' })).callbackPhone).toBe('errPhone');
    expect(checkStep(3, filled())).toEqual({});
  });

  it('knows which step a field is on, and the first step still to fill in', () => {
    expect(stepOf('postcode')).toBe(1);
    expect(stepOf('neighbourhoodId')).toBe(1);
    expect(stepOf('lifeDomains')).toBe(2);
    expect(stepOf('callbackPhone')).toBe(3);
    expect(stepOf('somethingElse')).toBeNull();
    expect(firstIncompleteStep(filled({ urgency: '' }))).toBe(2);
    expect(firstIncompleteStep(filled())).toBeNull();
  });

  it('shows the emergency box only for "acuut"', () => {
    expect(showsEmergency('urgent')).toBe(true);
    expect(showsEmergency('worried')).toBe(false);
    expect(showsEmergency('normal')).toBe(false);
    expect(showsEmergency('')).toBe(false);
  });

  it('sends exactly one of postcode and neighbourhoodId, trimmed, domains in their usual order', () => {
    expect(toRequest(filled())).toEqual({
      postcode: '9999EA', identification: 'Mevrouw Jansen, Kerkstraat', lifeDomains: ['ontmoeten', 'zorgen'],
      urgency: 'worried', description: 'Ze komt al weken niet meer naar de club.', personKnows: false,
      callbackPhone: '06 12345678',
    });
    const byHood = toRequest(filled({ where: 'neighbourhood', neighbourhoodId: 'BU99990201', personKnows: 'yes' }));
    expect(byHood).not.toHaveProperty('postcode');
    expect(byHood.neighbourhoodId).toBe('BU99990201');
    expect(byHood.personKnows).toBe(true);
  });

  it('turns the server reasons for signal fields into plain words', () => {
    expect(signalFieldMessage(nl, 'nl', 'description', 'must be at least 10 characters').text).toBe(nl.signalErrDescriptionShort);
    expect(signalFieldMessage(nl, 'nl', 'callbackPhone', 'must be a phone number').text).toBe(nl.errPhone);
    expect(signalFieldMessage(nl, 'nl', 'postcode', 'is not a known postcode').text).toBe(nl.errPostcodeUnknown);
    expect(signalFieldMessage(en, 'en', 'identification', 'odd').reason).toBe('odd');
  });
});

describe('the words', () => {
  it('has a Dutch and an English name for every status, domain, urgency and step', () => {
    for (const s of signalStatuses) expect(nl[statusKey(s)] && en[statusKey(s)]).toBeTruthy();
    for (const d of lifeDomains) expect(nl[domainKey(d)] && nl[domainHintKey(d)] && en[domainKey(d)] && en[domainHintKey(d)]).toBeTruthy();
    for (const u of urgencies) expect(nl[urgencyKey(u)] && en[urgencyKey(u)]).toBeTruthy();
    for (const s of signalStatuses.slice(1)) expect(nl[transitionKey(s as never)]).toBeTruthy();
  });

  it('names the statuses as the product does', () => {
    expect(signalStatuses.map((s) => statusText(nl, s))).toEqual([
      'Ontvangen', 'Opgepakt', 'Mee bezig', 'Doorverwezen', 'Opgelost', 'Afgesloten zonder actie',
    ]);
    expect(statusText(nl, 'something_new')).toBe('something_new');
  });

  it('explains rondkomen in one B1 line', () => {
    expect(nl.signalDomainHint_rondkomen).toBe('Geld, schulden, rekeningen betalen.');
    expect(domainsText(nl, ['ontmoeten', 'zorgen'])).toBe('Ontmoeten, Zorgen');
  });

  it('says the escalation level in words', () => {
    expect(escalationText(nl, 0)).toBe('Bij de contactpersoon');
    expect(escalationText(nl, 1)).toBe('Doorgezet naar de vervanger');
    expect(escalationText(nl, 2)).toBe('Doorgezet naar de coördinator');
    expect(escalationText(nl, 5)).toBe('Doorgezet naar de coördinator');
  });

  it('writes dates the Dutch way', () => {
    expect(formatDateTime('nl', '2025-11-23T13:05:00Z')).toMatch(/^2\d november 2025/);
    expect(formatDateTime('en', '2025-11-23T13:05:00Z')).toMatch(/November 2025/);
    expect(formatDateTime('nl', 'not a date')).toBe('not a date');
  });

  it('reads the last public update as text or as an object', () => {
    expect(publicUpdateText('We nemen contact op.')).toBe('We nemen contact op.');
    expect(publicUpdateText({ at: '2025-11-23T13:05:00Z', text: 'Hallo' })).toBe('Hallo');
    expect(publicUpdateText(null)).toBeNull();
    expect(publicUpdateText(undefined)).toBeNull();
  });
});

describe('the contact person\'s list', () => {
  const item = (id: string, deadline: string, over: Partial<TeamSignalSummary> = {}) =>
    ({ id, deadline, status: 'received', overdue: false, ...over }) as TeamSignalSummary;

  it('puts overdue signals on top, then open ones, then finished ones, each by deadline', () => {
    const groups = groupSignals([
      item('late', '2025-11-20T10:00:00Z', { overdue: true }),
      item('later-open', '2025-11-26T10:00:00Z', { status: 'acknowledged' }),
      item('done', '2025-11-19T10:00:00Z', { status: 'resolved' }),
      item('soon-open', '2025-11-24T10:00:00Z'),
      item('very-late', '2025-11-18T10:00:00Z', { overdue: true }),
      item('closed', '2025-11-25T10:00:00Z', { status: 'closed_no_action', overdue: true }),
    ]);
    expect(groups.overdue.map((s) => s.id)).toEqual(['very-late', 'late']);
    expect(groups.open.map((s) => s.id)).toEqual(['soon-open', 'later-open']);
    expect(groups.done.map((s) => s.id)).toEqual(['done', 'closed']);
  });

  it('does not change the list it is given', () => {
    const list = [item('b', '2025-11-26T10:00:00Z'), item('a', '2025-11-24T10:00:00Z')];
    groupSignals(list);
    expect(list.map((s) => s.id)).toEqual(['b', 'a']);
  });
});
