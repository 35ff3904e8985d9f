// Moderation (issue 8): reports (meldingen) about a post, a message or a
// person, the brokers' queue and decisions, and a moderator's notice to the
// person concerned. The shapes of /api/v1/reports and /api/v1/moderation-notices.
import { api } from './client';
import type { AreaRef } from './types';

export const subjectTypes = ['post', 'message', 'user'] as const;
export type SubjectType = (typeof subjectTypes)[number];

/** The reasons a person can choose; `auto-flag` is only for automatic flags. */
export const reportReasons = ['spam', 'commercial', 'offensive', 'unsafe', 'personal-data', 'other'] as const;
export type ReportReason = (typeof reportReasons)[number] | 'auto-flag';
export type ReportStatus = 'open' | 'decided';

export const moderationActions = ['hide', 'restore', 'warn', 'suspend', 'dismiss'] as const;
export type ModerationAction = (typeof moderationActions)[number];

/** What the automatic check found in a post (never the text itself). */
export type ModerationFlag = 'commercial' | 'email' | 'iban' | 'money' | 'phone';

export const noteMax = 500;
export const decisionMax = 500;

export interface UserRef {
  id: string;
  displayName: string;
}

export interface NewReport {
  subject: SubjectType;
  subjectId: string;
  reason: (typeof reportReasons)[number];
  note?: string;
}

/** Moderators only: a post's title and text, the message, or the person. */
export interface ReportSubjectSummary {
  title: string | null;
  text: string | null;
  person: UserRef | null;
  neighbourhood: AreaRef | null;
  hidden: boolean;
  suspended: boolean;
}

export interface ReportSubject {
  type: SubjectType;
  id: string;
  summary?: ReportSubjectSummary;
}

export interface ModerationDecision {
  id: string;
  reportId: string;
  action: ModerationAction;
  reason: string;
  messageToUser: string | null;
  moderator: UserRef | null;
  createdAt: string;
}

export interface Report {
  id: string;
  subject: ReportSubject;
  reason: ReportReason;
  flags: ModerationFlag[];
  note: string | null;
  status: ReportStatus;
  automatic: boolean;
  mine: boolean;
  /** The latest decision's action; never its reason. */
  outcome: { action: ModerationAction; decidedAt: string } | null;
  createdAt: string;
  decidedAt: string | null;
  reporter?: UserRef | null;
  decisions?: ModerationDecision[];
}

export interface ModerationNotice {
  id: string;
  action: ModerationAction;
  subjectType: SubjectType;
  subjectId: string;
  messageToUser: string | null;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface NewDecision {
  action: ModerationAction;
  reason: string;
  messageToUser?: string;
}

/** The actions the API accepts for a subject type (internal/moderation actionsFor). */
export const actionsFor: Record<SubjectType, ModerationAction[]> = {
  post: ['hide', 'restore', 'warn', 'suspend', 'dismiss'],
  message: ['hide', 'restore', 'warn', 'suspend', 'dismiss'],
  user: ['restore', 'warn', 'suspend', 'dismiss'],
};

/**
 * The actions worth offering now: those of the subject type, without hiding
 * what is hidden already, restoring what is visible, or suspending twice.
 */
export function actionsNow(subject: ReportSubject): ModerationAction[] {
  const s = subject.summary;
  return actionsFor[subject.type].filter((a) => {
    if (!s) return true;
    if (a === 'hide') return !s.hidden;
    if (a === 'restore') return subject.type === 'user' ? s.suspended : s.hidden;
    if (a === 'suspend') return !s.suspended;
    return true;
  });
}

const enc = encodeURIComponent;

export function createReport(body: NewReport, key: string): Promise<Report> {
  return api<Report>('/reports', { method: 'POST', body, headers: { 'Idempotency-Key': key } });
}

export function listReports(opts: { status?: ReportStatus; cursor?: string | null; limit?: number } = {}): Promise<Page<Report>> {
  const q = new URLSearchParams({ status: opts.status ?? 'open', limit: String(opts.limit ?? 50) });
  if (opts.cursor) q.set('cursor', opts.cursor);
  return api<Page<Report>>(`/reports?${q}`);
}

export function getReport(id: string): Promise<Report> {
  return api<Report>(`/reports/${enc(id)}`);
}

export function decideReport(id: string, body: NewDecision, key: string): Promise<Report> {
  return api<Report>(`/reports/${enc(id)}/decision`, { method: 'POST', body, headers: { 'Idempotency-Key': key } });
}

export function getModerationNotice(id: string): Promise<ModerationNotice> {
  return api<ModerationNotice>(`/moderation-notices/${enc(id)}`);
}
