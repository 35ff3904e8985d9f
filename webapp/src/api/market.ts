// The marketplace (issue 4): categories, posts and the feed, responses and
// conversations, exchanges, reciprocity, blocks and the holiday pause. The
// shapes follow the marketplace contract; lists are pages { items, nextCursor }.
import { api } from './client';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type PostKind = 'request' | 'offer';
export type Recurrence = 'once' | 'weekly' | 'monthly' | 'regularly';
export type PostStatus = 'open' | 'closed' | 'withdrawn' | 'expired';
export type ExchangeStatus = 'agreed' | 'completed' | 'cancelled' | 'not_happened';
export const recurrences: Recurrence[] = ['once', 'weekly', 'monthly', 'regularly'];

export interface UserRef {
  id: string;
  displayName: string;
  neighbourhood: { id: string; name: string } | null;
}

export interface PostRef {
  id: string;
  kind: PostKind;
  category: string;
  title: string;
  status: PostStatus;
}

export interface Category {
  id: string;
  labels: { nl: string; en: string };
  icon: string;
  position: number;
  retired?: boolean;
}

export interface Post {
  id: string;
  kind: PostKind;
  category: string;
  title: string;
  body: string;
  momentText: string | null;
  momentAt: string | null;
  recurrence: Recurrence;
  radiusKm: number;
  status: PostStatus;
  author: UserRef;
  organisation: { id: string; name: string } | null;
  distanceKm: number;
  proximity: 'same' | 'bordering' | 'nearby';
  mine: boolean;
  myConversationId: string | null;
  responseCount: number | null;
  expiresAt: string;
  createdAt: string;
  updatedAt: string;
}

/** The body of POST /posts (PATCH takes the same without kind). */
export interface PostInput {
  kind: PostKind;
  category: string;
  title: string;
  body: string;
  momentText?: string | null;
  momentAt?: string | null;
  recurrence?: Recurrence;
  radiusKm?: number;
}

export interface Conversation {
  id: string;
  post: PostRef;
  role: 'author' | 'responder';
  other: UserRef;
  lastMessage: { body: string; mine: boolean; createdAt: string } | null;
  unreadCount: number;
  exchange: { id: string; status: ExchangeStatus } | null;
  canAccept: boolean;
  createdAt: string;
  lastMessageAt: string | null;
}

export interface Message {
  id: string;
  conversationId: string;
  mine: boolean;
  sender: UserRef;
  body: string;
  createdAt: string;
}

export interface Exchange {
  id: string;
  post: PostRef;
  conversationId: string;
  helper: UserRef;
  receiver: UserRef;
  role: 'helper' | 'receiver';
  status: ExchangeStatus;
  momentAt: string | null;
  checkAt: string;
  myAnswer: boolean | null;
  otherAnswered: boolean;
  hours: number | null;
  thanks: string | null;
  thankedAt: string | null;
  cancelReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Reciprocity {
  given: { count: number; hours: number };
  received: { count: number; hours: number };
  byCategory: { category: string; given: number; received: number }[];
  byMonth: { month: string; given: number; received: number }[];
  inviteToGive: boolean;
}

export interface Pause {
  paused: boolean;
  since: string | null;
  until: string | null;
}

export interface Block {
  user: UserRef;
  createdAt: string;
}

/** The limits of the contract, checked in the form before sending. */
export const postLimits = { title: [3, 80], body: [1, 1000], momentText: 80, radius: [0.5, 15] } as const;
export const messageMax = 2000;
export const thanksMax = 500;
export const reasonMax = 500;

export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

const id = encodeURIComponent;

let categoriesOnce: Promise<Category[]> | null = null;
/** GET /categories, once per app run (they change rarely). */
export function listCategories(): Promise<Category[]> {
  categoriesOnce ??= api<{ items: Category[] }>('/categories').then(
    (r) => [...r.items].sort((a, b) => a.position - b.position),
    (err) => {
      categoriesOnce = null;
      throw err;
    },
  );
  return categoriesOnce;
}

export interface FeedFilter {
  kind?: PostKind | '';
  category?: string;
  q?: string;
  /** The reader's radius (km); the server's default is 5, at most 15. */
  radiusKm?: string;
}

export const feed = (f: FeedFilter, cursor: string | null, limit = 20) =>
  api<Page<Post>>(`/posts${query({ kind: f.kind, category: f.category, q: f.q?.trim(), radiusKm: f.radiusKm, cursor, limit })}`);
export const getPost = (postId: string) => api<Post>(`/posts/${id(postId)}`);
export const createPost = (body: PostInput, idempotencyKey: string) =>
  api<Post>('/posts', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });
export const updatePost = (postId: string, body: Omit<PostInput, 'kind'>) =>
  api<Post>(`/posts/${id(postId)}`, { method: 'PATCH', body });
export const withdrawPost = (postId: string) => api<void>(`/posts/${id(postId)}`, { method: 'DELETE' });
export const renewPost = (postId: string) => api<Post>(`/posts/${id(postId)}/renewal`, { method: 'POST' });
export const myPosts = (cursor: string | null, limit = 20) => api<Page<Post>>(`/me/posts${query({ cursor, limit })}`);

export const respond = (postId: string, message: string, idempotencyKey: string) =>
  api<Conversation>(`/posts/${id(postId)}/responses`, {
    method: 'POST', body: { message }, headers: { 'Idempotency-Key': idempotencyKey },
  });
export const postResponses = (postId: string, cursor: string | null) =>
  api<Page<Conversation>>(`/posts/${id(postId)}/responses${query({ cursor, limit: 50 })}`);

export const listConversations = (cursor: string | null, limit = 20) =>
  api<Page<Conversation>>(`/conversations${query({ cursor, limit })}`);
export const getConversation = (convId: string) => api<Conversation>(`/conversations/${id(convId)}`);
export const listMessages = (convId: string, cursor: string | null, limit = 30) =>
  api<Page<Message>>(`/conversations/${id(convId)}/messages${query({ cursor, limit })}`);
export const sendMessage = (convId: string, body: string, idempotencyKey: string) =>
  api<Message>(`/conversations/${id(convId)}/messages`, {
    method: 'POST', body: { body }, headers: { 'Idempotency-Key': idempotencyKey },
  });
export const markRead = (convId: string) => api<void>(`/conversations/${id(convId)}/read`, { method: 'POST' });
export const unreadConversations = () => api<{ conversations: number }>('/me/unread');

export const acceptResponse = (conversationId: string, idempotencyKey: string, momentAt?: string | null) =>
  api<Exchange>('/exchanges', {
    method: 'POST', body: momentAt ? { conversationId, momentAt } : { conversationId },
    headers: { 'Idempotency-Key': idempotencyKey },
  });
export const listExchanges = (cursor: string | null, limit = 20) => api<Page<Exchange>>(`/exchanges${query({ cursor, limit })}`);
export const getExchange = (exId: string) => api<Exchange>(`/exchanges/${id(exId)}`);
export const answerCompletion = (exId: string, happened: boolean, hours?: number | null) =>
  api<Exchange>(`/exchanges/${id(exId)}/completion`, {
    method: 'POST', body: hours ? { happened, hours } : { happened },
  });
export const cancelExchange = (exId: string, reason: string) =>
  api<Exchange>(`/exchanges/${id(exId)}/cancellation`, { method: 'POST', body: reason.trim() ? { reason: reason.trim() } : {} });
export const thankExchange = (exId: string, message: string) =>
  api<Exchange>(`/exchanges/${id(exId)}/thanks`, { method: 'POST', body: { message } });

/** Matching (issue 6): why a suggestion was made, in my language (`text`), with its translation key. */
export interface Reason {
  key: string;
  text: string;
  params: Record<string, unknown>;
}

/** A suggested helper for a request. With offerId, asking them is responding to that offer. */
export interface HelperSuggestion {
  person: { id: string; displayName: string; neighbourhood: { id: string; name: string } };
  offerId: string | null;
  score: number;
  reasons: Reason[];
}

/** A request I could answer. */
export interface RequestSuggestion {
  post: {
    id: string; kind: PostKind; category: string; title: string; distanceKm: number; createdAt: string;
    author: { id: string; displayName: string; neighbourhood: { id: string; name: string } };
  };
  offerId: string | null;
  score: number;
  reasons: Reason[];
}

export const postSuggestions = (postId: string, limit = 5) =>
  api<Page<HelperSuggestion>>(`/posts/${id(postId)}/suggestions${query({ limit })}`);
export const mySuggestions = (limit = 3) => api<Page<RequestSuggestion>>(`/me/suggestions${query({ limit })}`);
export const declinePost = (postId: string) => api<void>(`/posts/${id(postId)}/declines`, { method: 'POST' });
/** Ask someone privately to help with a request (its author; a broker of the area proposes a match). */
export const invite = (postId: string, userId: string, message: string, idempotencyKey: string) =>
  api<Conversation>(`/posts/${id(postId)}/invitations`, {
    method: 'POST', body: { userId, message }, headers: { 'Idempotency-Key': idempotencyKey },
  });

export const reciprocity = () => api<Reciprocity>('/me/reciprocity');
export const getPause = () => api<Pause>('/me/pause');
export const setPause = (until: string | null) => api<Pause>('/me/pause', { method: 'PUT', body: { until } });
export const endPause = () => api<void>('/me/pause', { method: 'DELETE' });
export const listBlocks = () => api<Page<Block>>('/blocks');
export const blockUser = (userId: string) => api<void>(`/blocks/${id(userId)}`, { method: 'POST' });
export const unblockUser = (userId: string) => api<void>(`/blocks/${id(userId)}`, { method: 'DELETE' });

/** A fresh Idempotency-Key: a random UUID (crypto.randomUUID needs a secure context; fall back to getRandomValues). */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
