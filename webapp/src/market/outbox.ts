// The outbox: a post or message written without a connection waits in
// IndexedDB and is sent exactly once when the connection is back.
//
// - Each item carries the Idempotency-Key made when it was written; every
//   attempt sends that same key, so when a response is lost and we try again,
//   the server replays its first answer instead of creating a second post.
// - An item leaves the queue only after a 2xx (sent) or a 4xx other than
//   401/408/409/429 (the server refused it: it stays, as "failed", until the
//   person has seen it). 409 means the first attempt is still being handled:
//   try later. Network errors, 401 (no session), 408, 429 and 5xx: try later.
// - Only one sender at a time: a Web Lock (navigator.locks) across tabs, and
//   per item a claim written in the same IndexedDB transaction that checks it,
//   for browsers without Web Locks and for a tab that died mid-send.
//
// This file is the logic with its storage and sending passed in, so it can be
// tested without a browser; src/market/outboxRuntime.ts wires it to the app.

export type OutboxKind = 'post' | 'message';

export interface OutboxItem {
  /** The Idempotency-Key, made with crypto.randomUUID when the item was written. */
  key: string;
  kind: OutboxKind;
  /** Whose item: only sent while this person is signed in. */
  userId: string;
  /** API path under /api/v1, e.g. /posts or /conversations/{id}/messages. */
  path: string;
  body: unknown;
  createdAt: string;
  state: 'pending' | 'failed';
  attempts: number;
  /** Until when (ms since epoch) a sender has claimed the item. */
  claimedUntil?: number;
  /** Why the server refused it (state failed). */
  error?: { status: number; title: string; detail: string; invalidParams: { name: string; reason: string }[] };
  /** For messages: the conversation, so its screen can show the item. */
  conversationId?: string;
}

/** Where the items are kept: IndexedDB in the app, memory in tests. */
export interface OutboxStore {
  all(): Promise<OutboxItem[]>;
  put(item: OutboxItem): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Atomically: if the item exists, is pending and not claimed by someone else
   * (claimedUntil <= now), set claimedUntil = until and return the item; else null.
   */
  claim(key: string, now: number, until: number): Promise<OutboxItem | null>;
}

/** What one attempt gave: the HTTP status (null when no answer came) and the body. */
export interface SendOutcome {
  status: number | null;
  body?: unknown;
  error?: OutboxItem['error'];
}

export type Decision = 'sent' | 'failed' | 'retry';

/** The rule from the top of this file. */
export function decide(status: number | null): Decision {
  if (status === null) return 'retry';
  if (status >= 200 && status < 300) return 'sent';
  if (status >= 400 && status < 500 && ![401, 408, 409, 429].includes(status)) return 'failed';
  return 'retry';
}

/** Runs fn while holding the named lock (waiting for it). */
export type LockFn = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

/** Web Locks when the browser has them; otherwise no cross-tab lock (the per-item claim still holds). */
export const webLock: LockFn = (name, fn) => {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? (locks.request(name, () => fn()) as Promise<Awaited<ReturnType<typeof fn>>>) : fn();
};

export interface OutboxEvent {
  item: OutboxItem;
  decision: Decision;
  body?: unknown;
}

export interface OutboxDeps {
  store: OutboxStore;
  send: (item: OutboxItem) => Promise<SendOutcome>;
  lock?: LockFn;
  now?: () => number;
  /** How long a claim holds: longer than any request takes. */
  claimMs?: number;
}

export interface FlushResult {
  sent: number;
  failed: number;
  /** Items still waiting after this pass. */
  pending: number;
}

export function createOutbox({ store, send, lock = webLock, now = Date.now, claimMs = 60_000 }: OutboxDeps) {
  const listeners = new Set<(e: OutboxEvent | null) => void>();
  const emit = (e: OutboxEvent | null) => listeners.forEach((fn) => fn(e));
  let running: Promise<FlushResult> | null = null;
  let again = false;
  let againUser = '';

  async function pass(userId: string): Promise<FlushResult> {
    const result: FlushResult = { sent: 0, failed: 0, pending: 0 };
    const items = (await store.all())
      .filter((i) => i.userId === userId && i.state === 'pending')
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    let stop = false;
    for (const listed of items) {
      if (stop) {
        result.pending++;
        continue;
      }
      const item = await store.claim(listed.key, now(), now() + claimMs);
      if (!item) continue; // sent or claimed meanwhile
      let outcome: SendOutcome;
      try {
        outcome = await send(item);
      } catch {
        outcome = { status: null };
      }
      const decision = decide(outcome.status);
      if (decision === 'sent') {
        await store.delete(item.key);
        result.sent++;
      } else if (decision === 'failed') {
        await store.put({ ...item, state: 'failed', attempts: item.attempts + 1, claimedUntil: 0, error: outcome.error });
        result.failed++;
      } else {
        await store.put({ ...item, attempts: item.attempts + 1, claimedUntil: 0 });
        result.pending++;
        stop = true; // keep the order; the connection is likely gone
      }
      emit({ item, decision, body: outcome.body });
    }
    return result;
  }

  /**
   * Sends the waiting items of this person, oldest first. Calls while a pass
   * runs in this tab share it and start one more pass afterwards, so an item
   * added meanwhile is not left behind.
   */
  function flush(userId: string): Promise<FlushResult> {
    if (running) {
      again = true;
      againUser = userId;
      return running;
    }
    running = (async () => {
      try {
        let r = await lock('noaber-outbox', () => pass(userId));
        while (again) {
          again = false;
          r = await lock('noaber-outbox', () => pass(againUser));
        }
        return r;
      } finally {
        running = null;
      }
    })();
    return running;
  }

  return {
    flush,
    async add(item: Omit<OutboxItem, 'state' | 'attempts' | 'createdAt'> & { createdAt?: string }): Promise<OutboxItem> {
      const full: OutboxItem = { ...item, createdAt: item.createdAt ?? new Date(now()).toISOString(), state: 'pending', attempts: 0 };
      await store.put(full);
      emit(null);
      return full;
    },
    async items(userId: string): Promise<OutboxItem[]> {
      return (await store.all()).filter((i) => i.userId === userId).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    /** Forgets a failed item once the person has seen it. */
    async dismiss(key: string) {
      await store.delete(key);
      emit(null);
    },
    /** Called after every attempt (and with null after add/dismiss). */
    subscribe(fn: (e: OutboxEvent | null) => void): () => void {
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;

/** Items in memory: for tests. */
export function memoryStore(): OutboxStore & { map: Map<string, OutboxItem> } {
  const map = new Map<string, OutboxItem>();
  const copy = (i: OutboxItem) => structuredClone(i);
  return {
    map,
    all: async () => [...map.values()].map(copy),
    put: async (i) => void map.set(i.key, copy(i)),
    delete: async (k) => void map.delete(k),
    claim: async (k, at, until) => {
      const i = map.get(k);
      if (!i || i.state !== 'pending' || (i.claimedUntil ?? 0) > at) return null;
      i.claimedUntil = until;
      return copy(i);
    },
  };
}

const dbName = 'noaber-outbox';
const storeName = 'items';

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = factory.open(dbName, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(storeName, { keyPath: 'key' });
    req.onsuccess = () => {
      const db = req.result;
      // Logout deletes every database: let it.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new Error('blocked'));
  });
}

/** The items in IndexedDB (database noaber-outbox). Each call opens and closes the database. */
export function idbStore(factory: IDBFactory = indexedDB): OutboxStore {
  async function tx<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore, done: (v: T) => void) => void): Promise<T> {
    const db = await openDb(factory);
    try {
      return await new Promise<T>((resolve, reject) => {
        const t = db.transaction(storeName, mode);
        let value: T;
        fn(t.objectStore(storeName), (v) => (value = v));
        t.oncomplete = () => resolve(value);
        t.onerror = () => reject(t.error);
        t.onabort = () => reject(t.error ?? new Error('aborted'));
      });
    } finally {
      db.close();
    }
  }
  return {
    all: () => tx<OutboxItem[]>('readonly', (s, done) => {
      const req = s.getAll();
      req.onsuccess = () => done(req.result as OutboxItem[]);
    }),
    put: (item) => tx<void>('readwrite', (s) => void s.put(item)),
    delete: (key) => tx<void>('readwrite', (s) => void s.delete(key)),
    claim: (key, at, until) => tx<OutboxItem | null>('readwrite', (s, done) => {
      done(null);
      const req = s.get(key);
      req.onsuccess = () => {
        const item = req.result as OutboxItem | undefined;
        if (!item || item.state !== 'pending' || (item.claimedUntil ?? 0) > at) return;
        const claimed = { ...item, claimedUntil: until };
        s.put(claimed);
        done(claimed);
      };
    }),
  };
}
