// The broker's workbench (issue 8): the queue of unmatched requests, match
// proposals, follow-up flags and private notes, managed residents (people who
// are not online) and their conversations, the printable notice board and key
// figures. The shapes follow api/openapi.yaml (tag `broker`, and tag
// `matching` for the proposals); lists are pages { items, nextCursor }.
import { api } from './client';
import { query, type HelperSuggestion, type Page, type PostKind, type PostStatus, type Recurrence, type UserRef } from './market';

export interface WorkbenchRef {
  id: string;
  name: string;
}

export interface WorkbenchPerson {
  id: string;
  displayName: string;
}

export interface FollowUp {
  dueOn: string | null;
  note: string | null;
  flaggedAt: string;
  flaggedBy: WorkbenchPerson | null;
}

export type ProposalOutcome = 'open' | 'agreed' | 'declined' | 'expired';

/** One unmatched request in GET /broker/queue. */
export interface QueueItem {
  postId: string;
  title: string;
  category: string;
  categoryLabel: string;
  createdAt: string;
  ageDays: number;
  author: { id: string; displayName: string; neighbourhood: WorkbenchRef; managed: boolean };
  responseCount: number;
  openProposal: boolean;
  proposals: { id: string; helper: WorkbenchPerson; outcome: ProposalOutcome; createdAt: string }[];
  followUp: FollowUp | null;
  noteCount: number;
  suggestions: HelperSuggestion[];
}

export interface QueueFilter {
  category?: string;
  followUp?: boolean;
  minAgeDays?: number | null;
}

/** A helper a broker invited into a conversation with the requester (GET /posts/{id}/invitations). */
export interface MatchProposal {
  id: string;
  conversationId: string;
  broker: UserRef;
  helper: UserRef;
  outcome: ProposalOutcome;
  createdAt: string;
  decidedAt: string | null;
}

export interface BrokerNote {
  id: string;
  author: WorkbenchPerson | null;
  text: string;
  createdAt: string;
}

export interface ManagedResident {
  id: string;
  displayName: string;
  neighbourhood: WorkbenchRef;
  phone: string | null;
  consentAt: string;
  consentNote: string | null;
  managedBy: WorkbenchPerson | null;
  createdAt: string;
  unreadMessages: number;
}

/** The body of POST /managed-residents: exactly one of postcode and neighbourhoodId. */
export interface NewManagedResident {
  displayName: string;
  postcode?: string;
  neighbourhoodId?: string;
  phone?: string;
  consentAt: string;
  consentNote?: string | null;
}

export interface ManagedConversation {
  id: string;
  post: { id: string; kind: PostKind; category: string; title: string; status: PostStatus };
  role: 'author' | 'responder';
  other: WorkbenchPerson;
  lastMessageAt: string;
  unreadCount: number;
}

export interface ManagedMessage {
  id: string;
  mine: boolean;
  sender: WorkbenchPerson;
  sentByBroker: WorkbenchPerson | null;
  body: string;
  createdAt: string;
}

export interface NoticeBoardItem {
  kind: PostKind;
  category: string;
  categoryLabel: string;
  title: string;
  body: string;
  momentText: string | null;
  momentAt: string | null;
  recurrence: Recurrence;
  displayName: string;
  neighbourhood: WorkbenchRef;
}

export interface NoticeBoard {
  area: { id: string; name: string; kind: string };
  week: string;
  from: string;
  to: string;
  respondVia: string;
  contact: { name: string; phone: string | null };
  items: NoticeBoardItem[];
}

export interface KeyfigureInvitation {
  id: string;
  email: string;
  name: string;
  area: WorkbenchRef;
  organisation: WorkbenchRef | null;
  status: 'granted' | 'pending';
  code: string | null;
  createdAt: string;
  expiresAt: string;
}

export interface Keyfigure {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  organisation: WorkbenchRef | null;
  neighbourhoods: WorkbenchRef[];
}

/** The limits of the contract, checked in the forms before sending. */
export const brokerLimits = { note: 2000, followUpNote: 500, consentNote: 500, displayName: 60, message: 2000 } as const;

const id = encodeURIComponent;
const idem = (key: string) => ({ 'Idempotency-Key': key });

export const brokerQueue = (f: QueueFilter, cursor: string | null, limit = 20) =>
  api<Page<QueueItem>>(`/broker/queue${query({
    category: f.category, followUp: f.followUp ? 'true' : null, minAgeDays: f.minAgeDays ?? null, cursor, limit,
  })}`);
export const setFollowUp = (postId: string, body: { dueOn: string | null; note: string | null }) =>
  api<FollowUp>(`/broker/queue/${id(postId)}/follow-up`, { method: 'PUT', body });
export const clearFollowUp = (postId: string) => api<void>(`/broker/queue/${id(postId)}/follow-up`, { method: 'DELETE' });

export const listProposals = (postId: string, cursor: string | null = null) =>
  api<Page<MatchProposal>>(`/posts/${id(postId)}/invitations${query({ cursor, limit: 50 })}`);

export const listBrokerNotes = (postId: string, cursor: string | null = null) =>
  api<Page<BrokerNote>>(`/posts/${id(postId)}/broker-notes${query({ cursor, limit: 50 })}`);
export const addBrokerNote = (postId: string, text: string, key: string) =>
  api<BrokerNote>(`/posts/${id(postId)}/broker-notes`, { method: 'POST', body: { text }, headers: idem(key) });

export const listManagedResidents = (cursor: string | null, limit = 20) =>
  api<Page<ManagedResident>>(`/managed-residents${query({ cursor, limit })}`);
export const getManagedResident = (residentId: string) => api<ManagedResident>(`/managed-residents/${id(residentId)}`);
export const createManagedResident = (body: NewManagedResident, key: string) =>
  api<ManagedResident>('/managed-residents', { method: 'POST', body, headers: idem(key) });
export const listManagedConversations = (residentId: string, cursor: string | null = null) =>
  api<Page<ManagedConversation>>(`/managed-residents/${id(residentId)}/conversations${query({ cursor, limit: 50 })}`);
export const listManagedMessages = (residentId: string, convId: string, cursor: string | null = null) =>
  api<Page<ManagedMessage>>(`/managed-residents/${id(residentId)}/conversations/${id(convId)}/messages${query({ cursor, limit: 50 })}`);
export const sendManagedMessage = (residentId: string, convId: string, body: string, key: string) =>
  api<ManagedMessage>(`/managed-residents/${id(residentId)}/conversations/${id(convId)}/messages`, {
    method: 'POST', body: { body }, headers: idem(key),
  });
export const markManagedRead = (residentId: string, convId: string) =>
  api<void>(`/managed-residents/${id(residentId)}/conversations/${id(convId)}/read`, { method: 'POST' });

export const noticeBoard = (areaId: string, week?: string | null) =>
  api<NoticeBoard>(`/areas/${id(areaId)}/notice-board${query({ week })}`);

export const inviteKeyfigure = (body: { email: string; name: string; areaId: string; organisationId?: string | null }, key: string) =>
  api<KeyfigureInvitation>('/keyfigure-invitations', { method: 'POST', body, headers: idem(key) });
export const listKeyfigures = (areaId: string | null, cursor: string | null, limit = 50) =>
  api<Page<Keyfigure>>(`/keyfigures${query({ areaId, cursor, limit })}`);

/** The ISO week of a date, as the notice board wants it: "2026-W48". */
export function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const dayNr = (t.getUTCDay() + 6) % 7; // Monday 0
  t.setUTCDate(t.getUTCDate() - dayNr + 3); // the Thursday of this week decides the year
  const firstThursday = new Date(Date.UTC(t.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((t.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The week n weeks after `week` ("2026-W48", 1 → "2026-W49"). */
export function shiftWeek(week: string, n: number): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return week;
  const jan4 = new Date(Date.UTC(Number(m[1]), 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000 + (Number(m[2]) - 1 + n) * 7 * 86_400_000);
  return isoWeek(new Date(monday.getUTCFullYear(), monday.getUTCMonth(), monday.getUTCDate()));
}
