// Web Push on this device: turn it on and off, and keep the subscription in
// step with the server's key. The server's id of our subscription is kept in
// localStorage (it is not secret), so we can DELETE it later.
import { deletePushSubscription, pushPublicKey, registerPushSubscription } from '../api/notifications';
import { ApiError } from '../api/problem';
import { base64UrlToBytes, sameKey } from './keys';

const storageKey = 'noaber.push.subscription';

interface Registered {
  id: string;
  endpoint: string;
}

function registered(): Registered | null {
  try {
    const v = JSON.parse(localStorage.getItem(storageKey) ?? 'null') as Registered | null;
    return v && typeof v.id === 'string' && typeof v.endpoint === 'string' ? v : null;
  } catch {
    return null;
  }
}

function remember(v: Registered | null) {
  try {
    if (v) localStorage.setItem(storageKey, JSON.stringify(v));
    else localStorage.removeItem(storageKey);
  } catch {
    // storage blocked: we cannot DELETE the old one later; the server caps subscriptions
  }
}

/** Whether this browser can do Web Push at all (a service worker, the Push API, notifications). */
export function pushSupported(): boolean {
  return typeof navigator !== 'undefined' && 'serviceWorker' in navigator
    && typeof window !== 'undefined' && 'PushManager' in window && 'Notification' in window;
}

export type PushPermission = NotificationPermission | 'unsupported';

export function pushPermission(): PushPermission {
  return pushSupported() ? Notification.permission : 'unsupported';
}

/** The service worker registration, or null when there is none within a few seconds (e.g. `npm run dev`). */
async function registration(): Promise<ServiceWorkerRegistration | null> {
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 8000));
  return Promise.race([navigator.serviceWorker.ready, timeout]);
}

export async function currentSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const reg = await registration();
  return reg ? reg.pushManager.getSubscription() : null;
}

/** POSTs the subscription and remembers the id; DELETEs the one we had before, if it was another. */
async function register(sub: PushSubscription): Promise<void> {
  const before = registered();
  const id = await registerPushSubscription(sub.toJSON());
  remember({ id, endpoint: sub.endpoint });
  if (before && before.id !== id) await deletePushSubscription(before.id).catch(() => {});
}

/** What turning push on came to. */
export type PushResult = 'on' | 'denied' | 'unsupported' | 'refused' | 'failed';

/**
 * Asks permission (only if not given yet: call this from a button press),
 * subscribes with the server's current key and registers the subscription.
 * 'refused': the server does not accept this browser's push service.
 */
export async function turnOnPush(): Promise<PushResult> {
  if (!pushSupported()) return 'unsupported';
  let permission = Notification.permission;
  if (permission === 'default') permission = await Notification.requestPermission();
  if (permission !== 'granted') return 'denied';
  let sub: PushSubscription | null = null;
  try {
    const reg = await registration();
    if (!reg) return 'unsupported';
    const key = base64UrlToBytes(await pushPublicKey());
    sub = await reg.pushManager.getSubscription();
    if (sub && !sameKey(sub.options.applicationServerKey, key)) {
      await sub.unsubscribe();
      sub = null;
    }
    sub ??= await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    await register(sub);
    return 'on';
  } catch (err) {
    // Do not keep a subscription the server does not know about.
    await sub?.unsubscribe().catch(() => false);
    if (err instanceof ApiError && err.status === 400) return 'refused';
    if (err instanceof DOMException && err.name === 'NotAllowedError') return 'denied';
    // Chromium without a reachable push service says AbortError: "push service not available".
    if (err instanceof DOMException && (err.name === 'AbortError' || err.name === 'NotSupportedError')) return 'unsupported';
    return 'failed';
  }
}

/**
 * Unsubscribes in the browser and (unless server is false, e.g. after the
 * account is gone) on the server. Quick when push is off; never fails.
 */
export async function turnOffPush({ server = true } = {}): Promise<void> {
  const known = registered();
  remember(null);
  try {
    const reg = pushSupported() ? await navigator.serviceWorker.getRegistration() : undefined;
    const sub = await reg?.pushManager.getSubscription();
    await sub?.unsubscribe();
  } catch {
    // already gone
  }
  if (known && server) await deletePushSubscription(known.id).catch(() => {});
}

/**
 * At app start, signed in, permission granted: if the server's key changed,
 * unsubscribe and subscribe again with the new key; register the subscription
 * if the server does not know it yet (also after pushsubscriptionchange).
 */
export async function syncPushSubscription(): Promise<'unchanged' | 'resubscribed' | 'registered' | 'off'> {
  if (pushPermission() !== 'granted') return 'off';
  const reg = await registration();
  let sub = await reg?.pushManager.getSubscription();
  if (!reg || !sub) return 'off';
  const key = base64UrlToBytes(await pushPublicKey());
  if (!sameKey(sub.options.applicationServerKey, key)) {
    await sub.unsubscribe();
    sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    try {
      await register(sub);
    } catch (err) {
      await sub.unsubscribe().catch(() => false); // the server does not know it: do not keep it
      throw err;
    }
    return 'resubscribed';
  }
  if (registered()?.endpoint !== sub.endpoint) {
    await register(sub);
    return 'registered';
  }
  return 'unchanged';
}
