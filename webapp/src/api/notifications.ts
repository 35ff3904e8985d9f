// Web Push subscriptions, the inbox and notification preferences (/api/v1).
import { api } from './client';

export const notificationTypes = [
  'message_new', 'response_new', 'exchange_agreed', 'exchange_check', 'suggestion',
  'post_expiring', 'signal_assigned', 'signal_escalated', 'signal_update', 'invitation_new',
  'report_decided', 'moderation_notice',
] as const;
export type NotificationType = (typeof notificationTypes)[number];

/** One entry of the inbox. The text is generic and already in my language. */
export interface InboxItem {
  id: string;
  type: NotificationType;
  subjectId: string;
  text: string;
  /** The app path to open. */
  url: string;
  createdAt: string;
  readAt: string | null;
}

export interface InboxPage {
  items: InboxItem[];
  nextCursor: string | null;
}

export interface NotificationPreferences {
  /** Per type whether it may be pushed; the inbox always gets it. */
  push: Partial<Record<NotificationType, boolean>>;
  quietHoursStart: string;
  quietHoursEnd: string;
  suggestionDailyCap: number;
}

export async function pushPublicKey(): Promise<string> {
  return (await api<{ publicKey: string }>('/push/public-key')).publicKey;
}

/** POST /push-subscriptions with PushSubscription.toJSON(); the server's id. */
export async function registerPushSubscription(subscription: PushSubscriptionJSON): Promise<string> {
  return (await api<{ id: string }>('/push-subscriptions', { method: 'POST', body: subscription })).id;
}

export function deletePushSubscription(id: string): Promise<void> {
  return api<void>(`/push-subscriptions/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function listNotifications(options: { cursor?: string | null; unread?: boolean; limit?: number } = {}): Promise<InboxPage> {
  const query = new URLSearchParams({ limit: String(options.limit ?? 20) });
  if (options.cursor) query.set('cursor', options.cursor);
  if (options.unread !== undefined) query.set('unread', String(options.unread));
  return api<InboxPage>(`/notifications?${query}`);
}

export function markNotificationRead(id: string): Promise<void> {
  return api<void>(`/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' });
}

export function getNotificationPreferences(): Promise<NotificationPreferences> {
  return api<NotificationPreferences>('/me/notification-preferences');
}

export function putNotificationPreferences(prefs: NotificationPreferences): Promise<NotificationPreferences> {
  return api<NotificationPreferences>('/me/notification-preferences', { method: 'PUT', body: prefs });
}
