// The unread counter in the header. Refreshed when someone signs in, when the
// app gets focus again, when a push arrives while the app is open (the service
// worker posts a message), and after a notification is read.
import { useEffect, useState } from 'preact/hooks';
import { listNotifications } from '../api/notifications';
import { getSession } from '../api/session';

/** How many we count; more shows as "20+". */
export const unreadPageSize = 20;

export interface Unread {
  count: number;
  more: boolean;
}

let unread: Unread | null = null;
const listeners = new Set<(u: Unread | null) => void>();
function publish(next: Unread | null) {
  unread = next;
  for (const fn of listeners) fn(unread);
}

let inFlight: Promise<void> | null = null;

export function refreshUnread(): Promise<void> {
  if (getSession().status !== 'in') {
    publish(null);
    return Promise.resolve();
  }
  inFlight ??= listNotifications({ unread: true, limit: unreadPageSize })
    .then((page) => publish({ count: page.items.length, more: page.nextCursor !== null }))
    .catch(() => {}) // keep the last count; the inbox itself shows errors
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

export function clearUnread() {
  publish(null);
}

export function useUnread(): Unread | null {
  const [current, setCurrent] = useState(unread);
  useEffect(() => {
    setCurrent(unread);
    listeners.add(setCurrent);
    return () => void listeners.delete(setCurrent);
  }, []);
  return current;
}
