// Signals (vroegsignalering): a key figure's worry about someone, routed to
// the contact person of the area team. The shapes of /api/v1/signals,
// /api/v1/processing-log and the public area tree (/api/v1/areas).
import { api } from './client';
import type { AreaRef } from './types';

export const lifeDomains = [
  'wonen', 'huishouden', 'ontmoeten', 'meedoen', 'werken', 'opgroeien', 'rondkomen', 'leren', 'zorgen',
] as const;
export type LifeDomain = (typeof lifeDomains)[number];

export const urgencies = ['normal', 'worried', 'urgent'] as const;
export type Urgency = (typeof urgencies)[number];

export const signalStatuses = ['received', 'acknowledged', 'in_progress', 'referred', 'resolved', 'closed_no_action'] as const;
export type SignalStatus = (typeof signalStatuses)[number];
/** The statuses a contact person can move a signal to. */
export type Transition = Exclude<SignalStatus, 'received'>;

export interface NewSignal {
  postcode?: string;
  neighbourhoodId?: string;
  identification: string;
  lifeDomains: LifeDomain[];
  urgency: Urgency;
  description: string;
  personKnows: boolean;
  callbackPhone: string;
}

export interface Emergency {
  text: string;
  textEn: string;
  phoneNumbers: string[];
}

/** The answer to POST /signals. */
export interface SignalReceipt {
  id: string;
  status: SignalStatus;
  deadline: string;
  promise: { contactName: string; text: string; textEn: string };
  emergency: Emergency | null;
}

/** The last public update may come as text or as {at, text}. */
export type PublicUpdate = string | { at?: string; text: string } | null;

interface SignalBase {
  id: string;
  status: SignalStatus;
  urgency: Urgency;
  lifeDomains: LifeDomain[];
  neighbourhood: AreaRef;
  createdAt: string;
  deadline: string;
}

/** A key figure's own signal in GET /signals. */
export interface OwnSignalSummary extends SignalBase {
  lastPublicUpdate?: PublicUpdate;
}

export interface Person {
  id?: string;
  displayName: string;
}

/** A signal of the contact person's team in GET /signals. */
export interface TeamSignalSummary extends SignalBase {
  overdue: boolean;
  escalationLevel: number;
  assignee?: Person | null;
  /** Some answers name only the id of the assignee. */
  assigneeId?: string | null;
}

export interface SignalContact {
  displayName: string;
  initials: string;
  phone: string | null;
  email: string;
  photoUrl: string | null;
}

export interface TimelineEntry {
  at: string;
  status: SignalStatus;
  publicUpdate: string | null;
}

/** GET /signals/{id} for the key figure who reported it. */
export interface OwnSignal extends SignalBase {
  identification: string;
  description: string;
  personKnows: boolean;
  timeline: TimelineEntry[];
  contact: SignalContact | null;
}

export interface SignalEvent {
  at: string;
  kind: string;
  from: SignalStatus | null;
  to: SignalStatus | null;
  actor: Person | null;
  publicUpdate: string | null;
  internalNote: string | null;
}

/** GET /signals/{id} for a professional of the team. */
export interface TeamSignal extends OwnSignal {
  reporter: { displayName: string; phone: string | null };
  callbackPhone: string | null;
  escalationLevel: number;
  assignee: Person | null;
  assigneeId?: string | null;
  overdue: boolean;
  allowedTransitions: Transition[];
  events: SignalEvent[];
}

export interface SignalNote {
  id: string;
  author: Person;
  text: string;
  createdAt: string;
}

export interface ProcessingLogEntry {
  id: string;
  at: string;
  actor: Person;
  signalId: string | null;
  action: string;
  purpose: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function createSignal(body: NewSignal): Promise<SignalReceipt> {
  return api<SignalReceipt>('/signals', { method: 'POST', body });
}

export function listSignals<T extends OwnSignalSummary | TeamSignalSummary>(
  opts: { cursor?: string | null; limit?: number; status?: SignalStatus } = {},
): Promise<Page<T>> {
  return api<Page<T>>(`/signals${query({ cursor: opts.cursor, limit: opts.limit, status: opts.status })}`);
}

/** The server names people by actorId + actorName; the screens use a Person. */
type ActorIn = { actor?: Person | null; actorId?: string | null; actorName?: string | null };

export function actorOf(e: ActorIn): Person | null {
  if (e.actor) return e.actor;
  return e.actorName ? { id: e.actorId ?? undefined, displayName: e.actorName } : null;
}

function withActors<T extends OwnSignal | TeamSignal>(s: T): T {
  if (!('events' in s) || !Array.isArray(s.events)) return s;
  return { ...s, events: s.events.map((e) => ({ ...e, actor: actorOf(e as SignalEvent & ActorIn) })) };
}

export async function getSignal<T extends OwnSignal | TeamSignal>(id: string): Promise<T> {
  return withActors(await api<T>(`/signals/${encodeURIComponent(id)}`));
}

export async function transitionSignal(
  id: string,
  body: { to: Transition; note?: string; publicUpdate?: string },
): Promise<TeamSignal> {
  return withActors(await api<TeamSignal>(`/signals/${encodeURIComponent(id)}/transitions`, { method: 'POST', body }));
}

/** A note as the server may also send it: a flat author name and `at`. */
type NoteIn = Partial<SignalNote> & { id: string; text: string; authorName?: string | null; at?: string };

const noteFrom = (n: NoteIn): SignalNote => ({
  id: n.id,
  text: n.text,
  author: n.author ?? { displayName: n.authorName ?? '' },
  createdAt: n.createdAt ?? n.at ?? '',
});

/** The notes may come as a list or as a page. */
export async function listNotes(id: string): Promise<SignalNote[]> {
  const res = await api<NoteIn[] | Page<NoteIn>>(`/signals/${encodeURIComponent(id)}/notes`);
  return (Array.isArray(res) ? res : res.items).map(noteFrom);
}

export async function addNote(id: string, text: string): Promise<SignalNote> {
  return noteFrom(await api<NoteIn>(`/signals/${encodeURIComponent(id)}/notes`, { method: 'POST', body: { text } }));
}

export async function processingLog(
  opts: { signalId?: string; userId?: string; cursor?: string | null; limit?: number },
): Promise<Page<ProcessingLogEntry>> {
  const page = await api<Page<ProcessingLogEntry & ActorIn>>(`/processing-log${query(opts)}`);
  return { ...page, items: page.items.map((e) => ({ ...e, actor: actorOf(e) ?? { displayName: '—' } })) };
}

interface AreaNode {
  id: string;
  name: string;
  kind: 'municipality' | 'district' | 'neighbourhood';
  children?: AreaNode[];
}

export interface NeighbourhoodOption extends AreaRef {
  /** The district (wijk) it lies in, to group the choices. */
  district: string;
}

/** Every neighbourhood in the public area tree, with its district, in tree order. */
export function neighbourhoodsOf(tree: AreaNode[]): NeighbourhoodOption[] {
  const out: NeighbourhoodOption[] = [];
  const walk = (nodes: AreaNode[], district: string) => {
    for (const n of nodes) {
      if (n.kind === 'neighbourhood') out.push({ id: n.id, name: n.name, district });
      else walk(n.children ?? [], n.kind === 'district' ? n.name : district);
    }
  };
  walk(tree, '');
  return out;
}

export async function listNeighbourhoods(): Promise<NeighbourhoodOption[]> {
  return neighbourhoodsOf((await api<Page<AreaNode>>('/areas')).items);
}
