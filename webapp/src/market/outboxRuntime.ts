// Wires the outbox (outbox.ts) into the app: IndexedDB for storage, the API
// client for sending (with the item's Idempotency-Key), and the triggers:
// app start (sign-in), the `online` event, and a retry timer while items wait
// (2 s, 4 s, 8 s … at most 30 s). Other tabs hear of changes through a
// BroadcastChannel, so every open screen shows the same list.
import { useEffect, useRef, useState } from 'preact/hooks';
import { apiFetch } from '../api/client';
import { ApiError } from '../api/problem';
import { getSession, refreshSession, subscribeSession } from '../api/session';
import { createOutbox, idbStore, memoryStore, type OutboxEvent, type OutboxItem, type SendOutcome } from './outbox';

async function send(item: OutboxItem): Promise<SendOutcome> {
  try {
    const res = await apiFetch(item.path, { method: 'POST', body: item.body, headers: { 'Idempotency-Key': item.key } });
    const body = res.status === 204 ? undefined : await res.json().catch(() => undefined);
    return { status: res.status, body };
  } catch (err) {
    if (!(err instanceof ApiError)) return { status: null };
    return { status: err.status, error: { status: err.status, title: err.title, detail: err.detail, invalidParams: err.invalidParams } };
  }
}

export const outbox = createOutbox({ store: typeof indexedDB === 'undefined' ? memoryStore() : idbStore(), send });

const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('noaber-outbox');
const changed = new Set<() => void>();
outbox.subscribe(() => {
  channel?.postMessage('changed');
  changed.forEach((fn) => fn());
});
if (channel) channel.onmessage = () => changed.forEach((fn) => fn());

let timer: ReturnType<typeof setTimeout> | undefined;
let misses = 0;

function schedule(pending: boolean) {
  clearTimeout(timer);
  if (!pending) {
    misses = 0;
    return;
  }
  misses++;
  timer = setTimeout(() => void flushOutbox(), Math.min(30_000, 2_000 * 2 ** (misses - 1)));
}

/** Sends what waits, if someone is signed in and the browser is online. Never throws. */
export async function flushOutbox(): Promise<void> {
  const s = getSession();
  if (s.status !== 'in') return;
  try {
    if (!navigator.onLine) {
      const waiting = (await outbox.items(s.me.id)).some((i) => i.state === 'pending');
      return schedule(waiting);
    }
    const r = await outbox.flush(s.me.id);
    schedule(r.pending > 0);
  } catch {
    schedule(true); // storage hiccup: try again later
  }
}

/** Puts a post or message in the outbox (with its key) and tries to send it at once. */
export async function enqueue(item: Omit<OutboxItem, 'state' | 'attempts' | 'createdAt' | 'userId'>): Promise<OutboxItem | null> {
  const s = getSession();
  if (s.status !== 'in') return null;
  const added = await outbox.add({ ...item, userId: s.me.id });
  void flushOutbox();
  return added;
}

let started = false;
export function startOutbox() {
  if (started) return;
  started = true;
  let signedIn = false;
  subscribeSession((s) => {
    const now = s.status === 'in';
    if (now && !signedIn) void flushOutbox(); // app start and sign-in
    signedIn = now;
  });
  window.addEventListener('online', () => {
    misses = 0;
    // Started offline, the session could not be restored then: try now.
    if (getSession().status === 'out') void refreshSession();
    else void flushOutbox();
  });
}

/** The signed-in person's outbox items (optionally one kind or conversation), kept up to date. */
export function useOutbox(filter: (i: OutboxItem) => boolean = () => true): [OutboxItem[], (key: string) => void] {
  const [items, setItems] = useState<OutboxItem[]>([]);
  useEffect(() => {
    let live = true;
    const load = () => {
      const s = getSession();
      if (s.status !== 'in') return setItems([]);
      outbox.items(s.me.id).then((all) => live && setItems(all.filter(filter)), () => {});
    };
    load();
    changed.add(load);
    const off = subscribeSession(load);
    return () => {
      live = false;
      changed.delete(load);
      off();
    };
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  return [items, (key) => void outbox.dismiss(key)];
}

/** Calls fn after each attempt of the outbox (e.g. to show what just arrived). */
export function useOutboxEvents(fn: (e: OutboxEvent) => void) {
  const latest = useRef(fn);
  latest.current = fn; // the newest render's state, not the first one's
  useEffect(() => outbox.subscribe((e) => e && latest.current(e)), []);
}
