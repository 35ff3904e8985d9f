// The number of unread messages over all conversations (GET /me/unread), for
// "Gesprekken (2)" in the header. Refreshed on sign-in, when the app gets
// focus again, when a push arrives, and after a conversation is read.
import { useEffect, useState } from 'preact/hooks';
import { unreadConversations } from '../api/market';
import { getSession, subscribeSession } from '../api/session';
import { swMessage } from '../push/notification';

let count: number | null = null;
const listeners = new Set<(n: number | null) => void>();
const publish = (n: number | null) => {
  count = n;
  listeners.forEach((fn) => fn(n));
};

let inFlight: Promise<void> | null = null;
export function refreshConversationUnread(): Promise<void> {
  if (getSession().status !== 'in') {
    publish(null);
    return Promise.resolve();
  }
  inFlight ??= unreadConversations()
    .then((r) => publish(r.conversations))
    .catch(() => {})
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

export function useConversationUnread(): number | null {
  const [n, setN] = useState(count);
  useEffect(() => {
    setN(count);
    listeners.add(setN);
    return () => void listeners.delete(setN);
  }, []);
  return n;
}

export function startConversationUnread() {
  let signedIn = false;
  subscribeSession((s) => {
    const now = s.status === 'in';
    if (now === signedIn) return;
    signedIn = now;
    if (now) void refreshConversationUnread();
    else publish(null);
  });
  navigator.serviceWorker?.addEventListener('message', (e: MessageEvent<{ type?: string }>) => {
    if (e.data?.type === swMessage.push) void refreshConversationUnread();
  });
  const again = () => {
    if (document.visibilityState === 'visible' && signedIn) void refreshConversationUnread();
  };
  window.addEventListener('focus', again);
  document.addEventListener('visibilitychange', again);
}
