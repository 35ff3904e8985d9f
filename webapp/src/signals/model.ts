// The logic of the signal screens, without any UI: the steps of the report
// form and their checks, the words for statuses and life domains, and the
// order of a contact person's list. Tested in model.test.ts.
import { normalisePostcode } from '../api/postcode';
import type {
  LifeDomain, NewSignal, PublicUpdate, SignalStatus, TeamSignalSummary, Transition, Urgency,
} from '../api/signals';
import { fieldMessage, type FieldMessage } from '../i18n/problems';
import type { Lang, StringKey, Strings } from '../i18n/strings';

// --- The report form --------------------------------------------------------

export type Step = 1 | 2 | 3;
export const stepCount = 3;

export interface Draft {
  /** How the reporter names the neighbourhood. */
  where: 'postcode' | 'neighbourhood';
  postcode: string;
  neighbourhoodId: string;
  identification: string;
  /** '' until chosen: nobody should be "yes" by default. */
  personKnows: '' | 'yes' | 'no';
  lifeDomains: LifeDomain[];
  urgency: '' | Urgency;
  description: string;
  callbackPhone: string;
}

export const emptyDraft = (callbackPhone = ''): Draft => ({
  where: 'postcode', postcode: '', neighbourhoodId: '', identification: '', personKnows: '',
  lifeDomains: [], urgency: '', description: '', callbackPhone,
});

export const limits = {
  identification: 200,
  descriptionMin: 10,
  description: 4000,
  publicUpdate: 500,
} as const;

/** The fields of each step, in screen order (also the order focus goes to errors). */
export const stepFields: Record<Step, string[]> = {
  1: ['postcode', 'neighbourhoodId', 'identification', 'personKnows'],
  2: ['lifeDomains', 'urgency'],
  3: ['description', 'callbackPhone'],
};

/** The step a field is on; the server may name a field of an earlier step. */
export function stepOf(field: string): Step | null {
  for (const step of [1, 2, 3] as Step[]) if (stepFields[step].includes(field)) return step;
  return null;
}

const phonePattern = /^\+?[\d\s()-]{8,20}$/;

/**
 * Checks one step before going on. Returns the string key of each problem by
 * field name; empty when the step is fine. The server checks again.
 */
export function checkStep(step: Step, d: Draft): Record<string, StringKey> {
  const errors: Record<string, StringKey> = {};
  if (step === 1) {
    if (d.where === 'postcode') {
      if (!d.postcode.trim()) errors.postcode = 'signalErrPostcode';
      else if (!normalisePostcode(d.postcode)) errors.postcode = 'errPostcodeFormat';
    } else if (!d.neighbourhoodId) errors.neighbourhoodId = 'signalErrNeighbourhood';
    if (!d.identification.trim()) errors.identification = 'signalErrIdentification';
    else if (d.identification.trim().length > limits.identification) errors.identification = 'signalErrIdentificationLong';
    if (!d.personKnows) errors.personKnows = 'signalErrPersonKnows';
  } else if (step === 2) {
    if (d.lifeDomains.length === 0) errors.lifeDomains = 'signalErrDomains';
    if (!d.urgency) errors.urgency = 'signalErrUrgency';
  } else {
    const length = d.description.trim().length;
    if (length === 0) errors.description = 'signalErrDescription';
    else if (length < limits.descriptionMin) errors.description = 'signalErrDescriptionShort';
    else if (length > limits.description) errors.description = 'signalErrDescriptionLong';
    if (!d.callbackPhone.trim()) errors.callbackPhone = 'signalErrPhone';
    else if (!phonePattern.test(d.callbackPhone.trim())) errors.callbackPhone = 'errPhone';
  }
  return errors;
}

/** The first step that is not filled in well, or null when all are. */
export function firstIncompleteStep(d: Draft): Step | null {
  for (const step of [1, 2, 3] as Step[]) if (Object.keys(checkStep(step, d)).length) return step;
  return null;
}

/** Acuut: show at once when to call 112 or Veilig Thuis instead. */
export const showsEmergency = (urgency: Draft['urgency']) => urgency === 'urgent';

/** The body of POST /signals: exactly one of postcode and neighbourhoodId. */
export function toRequest(d: Draft): NewSignal {
  return {
    ...(d.where === 'postcode'
      ? { postcode: normalisePostcode(d.postcode) ?? d.postcode.trim() }
      : { neighbourhoodId: d.neighbourhoodId }),
    identification: d.identification.trim(),
    lifeDomains: lifeDomainOrder.filter((x) => d.lifeDomains.includes(x)),
    urgency: d.urgency as Urgency,
    description: d.description.trim(),
    personKnows: d.personKnows === 'yes',
    callbackPhone: d.callbackPhone.trim(),
  };
}

/** Turns the server's reason for a field into words for the form. */
export function signalFieldMessage(t: Strings, lang: Lang, field: string, reason: string): FieldMessage {
  const own: [string, RegExp, StringKey][] = [
    ['description', /at least|too short/i, 'signalErrDescriptionShort'],
    ['description', /at most|too long/i, 'signalErrDescriptionLong'],
    ['identification', /at most|too long/i, 'signalErrIdentificationLong'],
    ['callbackPhone', /.*/, 'errPhone'],
    ['neighbourhoodId', /.*/, 'signalErrNeighbourhood'],
    ['lifeDomains', /.*/, 'signalErrDomains'],
    ['urgency', /.*/, 'signalErrUrgency'],
    ['publicUpdate', /at most|too long/i, 'signalErrPublicUpdateLong'],
  ];
  const rule = own.find(([f, p]) => f === field && p.test(reason));
  return rule ? { text: t[rule[2]] } : fieldMessage(t, lang, field, reason);
}

// --- Words ----------------------------------------------------------------

export const lifeDomainOrder: LifeDomain[] = [
  'wonen', 'huishouden', 'ontmoeten', 'meedoen', 'werken', 'opgroeien', 'rondkomen', 'leren', 'zorgen',
];

export const statusKey = (s: SignalStatus): StringKey => `signalStatus_${s}`;
export const domainKey = (d: LifeDomain): StringKey => `signalDomain_${d}`;
export const domainHintKey = (d: LifeDomain): StringKey => `signalDomainHint_${d}`;
export const urgencyKey = (u: Urgency): StringKey => `signalUrgency_${u}`;
export const transitionKey = (to: Transition): StringKey => `signalAction_${to}`;

/** The name of a status, or the code itself for one we do not know yet. */
export function statusText(t: Strings, s: string): string {
  return (t as Record<string, string>)[`signalStatus_${s}`] ?? s;
}

export function domainsText(t: Strings, domains: string[]): string {
  return domains.map((d) => (t as Record<string, string>)[`signalDomain_${d}`] ?? d).join(', ');
}

/** Who has the signal now: the contact (0), the backup (1), the coordinator (2 or more). */
export function escalationText(t: Strings, level: number): string {
  if (!level || level <= 0) return t.signalEscalation0;
  return level === 1 ? t.signalEscalation1 : t.signalEscalation2;
}

export function publicUpdateText(u: PublicUpdate | undefined): string | null {
  if (!u) return null;
  return typeof u === 'string' ? u : u.text || null;
}

/** "23 november 2025 om 14:05" (nl-NL) or "23 November 2025 at 14:05" (en-GB). */
export function formatDateTime(lang: Lang, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

// --- The contact person's list ------------------------------------------------

const doneStatuses: SignalStatus[] = ['resolved', 'closed_no_action'];
export const isDone = (s: SignalStatus) => doneStatuses.includes(s);

const byDeadline = (a: { deadline: string }, b: { deadline: string }) =>
  (Date.parse(a.deadline) || 0) - (Date.parse(b.deadline) || 0);

export interface Grouped<T> {
  /** Past the deadline to acknowledge, and not yet acknowledged: on top. */
  overdue: T[];
  /** Still open, soonest deadline first. */
  open: T[];
  /** Resolved or closed. */
  done: T[];
}

/**
 * Splits the team's signals in overdue, open and done, each sorted by
 * deadline. The server's `overdue` decides; a signal that is done is never overdue.
 */
export function groupSignals<T extends Pick<TeamSignalSummary, 'status' | 'deadline' | 'overdue'>>(items: T[]): Grouped<T> {
  const sorted = [...items].sort(byDeadline);
  return {
    overdue: sorted.filter((s) => s.overdue && !isDone(s.status)),
    open: sorted.filter((s) => !s.overdue && !isDone(s.status)),
    done: sorted.filter((s) => isDone(s.status)),
  };
}
