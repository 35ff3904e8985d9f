// What the service worker does with a push and a click on its notification,
// as pure functions (tested in notification.test.ts; used by src/service-worker/sw.ts).

/** The push payload the server sends: generic text only, never personal content. */
export interface PushPayload {
  type: string;
  /** The notification's id in the inbox. */
  id: string;
  title: string;
  body: string;
  /** The app path to open. */
  url: string;
}

/** What we keep on the notification, for the click. */
export interface NotificationData {
  url: string;
  id: string;
}

const fallback: PushPayload = { type: 'noaber', id: '', title: 'Noaber', body: '', url: '/notificaties' };
export const iconUrl = '/icons/icon-192.png';
// A monochrome badge is still to be drawn; Android shows this one as a silhouette.
export const badgeUrl = '/icons/icon-192.png';

/** Only a path on this site ("/gesprekken/1"), never "//host" or "https://…". */
export function appPath(url: unknown, fallbackPath = '/notificaties'): string {
  return typeof url === 'string' && /^\/(?![/\\])/.test(url) ? url : fallbackPath;
}

const text = (v: unknown, max: number) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : null);

/**
 * Reads the payload leniently: a push that is not what we expect still shows
 * a generic notification (the browser insists on one for every push) that
 * opens the inbox.
 */
export function parsePayload(raw: string | null | undefined, defaultBody: string): PushPayload {
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
  } catch {
    // not JSON: generic notification
  }
  const type = text(data.type, 40);
  return {
    type: type && /^[a-z_]+$/.test(type) ? type : fallback.type,
    id: text(data.id, 100) ?? fallback.id,
    title: text(data.title, 80) ?? fallback.title,
    body: text(data.body, 300) ?? defaultBody,
    url: appPath(data.url),
  };
}

/**
 * The arguments for registration.showNotification. The tag is the type, so a
 * newer notification of the same type replaces the older one instead of
 * stacking up.
 */
export function notificationFor(p: PushPayload): { title: string; options: NotificationOptions & { data: NotificationData } } {
  return {
    title: p.title,
    options: { body: p.body, icon: iconUrl, badge: badgeUrl, tag: p.type, data: { url: p.url, id: p.id } },
  };
}

/**
 * The absolute URL a click opens: the payload's path on our own origin, with
 * ?notificatie=<id> so the app marks that notification read when it opens.
 */
export function clickTarget(data: unknown, origin: string): string {
  const d = (data && typeof data === 'object' ? data : {}) as Partial<NotificationData>;
  const target = new URL(appPath(d.url), origin);
  if (target.origin !== origin) return new URL('/notificaties', origin).href;
  if (typeof d.id === 'string' && d.id) target.searchParams.set('notificatie', d.id);
  return target.href;
}

/** A window of the app, as much as the choice below needs of a WindowClient. */
export interface WindowInfo {
  url: string;
  focused: boolean;
  visibilityState: DocumentVisibilityState;
}

/**
 * Which open window a click should reuse: one of our origin, preferring the
 * focused one, then a visible one, then any. -1 means: open a new window.
 */
export function pickWindow(windows: readonly WindowInfo[], origin: string): number {
  const ours = windows
    .map((w, i) => ({ w, i }))
    .filter(({ w }) => {
      try {
        return new URL(w.url).origin === origin;
      } catch {
        return false;
      }
    });
  const best = ours.find(({ w }) => w.focused) ?? ours.find(({ w }) => w.visibilityState === 'visible') ?? ours[0];
  return best ? best.i : -1;
}

/** The name of the messages the service worker posts to the app's windows. */
export const swMessage = {
  /** A push arrived: refresh the unread counter. */
  push: 'noaber:push',
  /** The browser replaced the push subscription: register the new one with the server. */
  subscriptionChanged: 'noaber:subscription-changed',
} as const;
