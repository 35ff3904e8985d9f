// Wires push and the inbox into the app at start: keeps the subscription in
// step with the server's key, keeps the unread counter fresh, and marks a
// notification read when the app was opened from it (?notificatie=<id>).
import { markNotificationRead } from '../api/notifications';
import { subscribeSession } from '../api/session';
import { syncPushSubscription } from './device';
import { swMessage } from './notification';
import { clearUnread, refreshUnread } from './unread';

/**
 * Takes ?notificatie=<id> off the address (the service worker adds it on a
 * click; ?melding=<id> from a service worker of an older version too).
 */
function takeOpenedNotification(): string | null {
  const url = new URL(location.href);
  const id = url.searchParams.get('notificatie') ?? url.searchParams.get('melding');
  if (!id) return null;
  url.searchParams.delete('notificatie');
  url.searchParams.delete('melding');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  return id;
}

export function startNotifications() {
  let opened = takeOpenedNotification();
  let signedIn = false;
  subscribeSession((s) => {
    const now = s.status === 'in';
    if (now === signedIn) return; // only on sign-in and sign-out, not on profile changes
    signedIn = now;
    if (!now) return clearUnread();
    syncPushSubscription().catch(() => {}); // best effort; the settings screen shows the state
    const id = opened;
    opened = null;
    (id ? markNotificationRead(id).catch(() => {}) : Promise.resolve()).then(refreshUnread);
  });

  navigator.serviceWorker?.addEventListener('message', (e: MessageEvent<{ type?: string }>) => {
    if (e.data?.type === swMessage.push) void refreshUnread();
    if (e.data?.type === swMessage.subscriptionChanged && signedIn) syncPushSubscription().catch(() => {});
  });
  const again = () => {
    if (document.visibilityState === 'visible' && signedIn) void refreshUnread();
  };
  window.addEventListener('focus', again);
  document.addEventListener('visibilitychange', again);
}
