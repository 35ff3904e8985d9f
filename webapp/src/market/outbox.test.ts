import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createOutbox, decide, idbStore, memoryStore, type LockFn, type OutboxItem, type OutboxStore, type SendOutcome } from './outbox';

const post = (key: string, userId = 'u1', createdAt?: string) => ({
  key, kind: 'post' as const, userId, path: '/posts', body: { title: key }, ...(createdAt && { createdAt }),
});

/** A server that remembers keys: the same key gets the first answer again. */
function fakeServer(script: (SendOutcome | 'lost')[] = []) {
  const created = new Map<string, number>();
  const calls: string[] = [];
  return {
    created, calls,
    async send(item: OutboxItem): Promise<SendOutcome> {
      calls.push(item.key);
      const step = script.shift() ?? { status: 201 };
      if (step !== 'lost' && step.status !== 201) return step;
      if (!created.has(item.key)) created.set(item.key, created.size + 1);
      if (step === 'lost') throw new TypeError('Failed to fetch'); // handled, but the answer never arrived
      return { status: 201, body: { id: created.get(item.key) } };
    },
  };
}

describe('decide', () => {
  it('removes on 2xx and on a 4xx that retrying cannot fix; retries the rest', () => {
    expect(decide(201)).toBe('sent');
    expect(decide(204)).toBe('sent');
    expect(decide(400)).toBe('failed');
    expect(decide(404)).toBe('failed');
    expect(decide(422)).toBe('failed');
    for (const s of [null, 401, 408, 409, 429, 500, 503]) expect(decide(s)).toBe('retry');
  });
});

describe('the outbox', () => {
  it('sends a waiting item once and removes it', async () => {
    const store = memoryStore();
    const server = fakeServer();
    const box = createOutbox({ store, send: server.send });
    await box.add(post('k1'));
    expect(await box.flush('u1')).toEqual({ sent: 1, failed: 0, pending: 0 });
    expect(store.map.size).toBe(0);
    await box.flush('u1');
    expect(server.calls).toEqual(['k1']);
  });

  it('keeps the key when the answer is lost, so the retry does not create a duplicate', async () => {
    const store = memoryStore();
    const server = fakeServer(['lost', { status: 201 }]);
    const box = createOutbox({ store, send: server.send });
    await box.add(post('k1'));
    expect(await box.flush('u1')).toMatchObject({ sent: 0, pending: 1 });
    expect([...store.map.values()][0]).toMatchObject({ state: 'pending', attempts: 1 });
    expect(await box.flush('u1')).toMatchObject({ sent: 1, pending: 0 });
    expect(server.calls).toEqual(['k1', 'k1']);
    expect(server.created.size).toBe(1);
  });

  it('tries a 409 (still in flight), 408, 429 and 5xx again later', async () => {
    for (const status of [409, 408, 429, 500, 401]) {
      const store = memoryStore();
      const server = fakeServer([{ status }]);
      const box = createOutbox({ store, send: server.send });
      await box.add(post('k'));
      expect((await box.flush('u1')).pending).toBe(1);
      expect((await box.flush('u1')).sent).toBe(1);
    }
  });

  it('marks an item the server refuses as failed, with the reason, and never sends it again', async () => {
    const store = memoryStore();
    const error = { status: 400, title: 'invalid', detail: 'bad', invalidParams: [{ name: 'title', reason: 'too short' }] };
    const server = fakeServer([{ status: 400, error }]);
    const box = createOutbox({ store, send: server.send });
    await box.add(post('k1'));
    expect(await box.flush('u1')).toMatchObject({ failed: 1 });
    const [item] = await box.items('u1');
    expect(item).toMatchObject({ state: 'failed', error });
    await box.flush('u1');
    expect(server.calls).toEqual(['k1']);
    await box.dismiss('k1');
    expect(await box.items('u1')).toEqual([]);
  });

  it('sends in the order written and stops at the first item that must wait', async () => {
    const store = memoryStore();
    const server = fakeServer([{ status: 201 }, { status: null }]);
    const box = createOutbox({ store, send: server.send });
    await box.add(post('b', 'u1', '2026-01-01T10:00:02Z'));
    await box.add(post('a', 'u1', '2026-01-01T10:00:01Z'));
    await box.add(post('c', 'u1', '2026-01-01T10:00:03Z'));
    expect(await box.flush('u1')).toEqual({ sent: 1, failed: 0, pending: 2 });
    expect(server.calls).toEqual(['a', 'b']);
    await box.flush('u1');
    expect(server.calls).toEqual(['a', 'b', 'b', 'c']);
  });

  it("sends only the signed-in person's items", async () => {
    const store = memoryStore();
    const server = fakeServer();
    const box = createOutbox({ store, send: server.send });
    await box.add(post('mine', 'u1'));
    await box.add(post('theirs', 'u2'));
    await box.flush('u1');
    expect(server.calls).toEqual(['mine']);
    expect([...store.map.keys()]).toEqual(['theirs']);
  });

  it('shares one pass between triggers in the same tab, and picks up items added meanwhile', async () => {
    const store = memoryStore();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const calls: string[] = [];
    const box = createOutbox({
      store,
      send: async (i) => {
        calls.push(i.key);
        await gate;
        return { status: 201 };
      },
    });
    await box.add(post('k1', 'u1', '2026-01-01T10:00:01Z'));
    const first = box.flush('u1'); // the online event
    const second = box.flush('u1'); // the timer, at the same moment
    await box.add(post('k2', 'u1', '2026-01-01T10:00:02Z'));
    const third = box.flush('u1');
    release();
    await Promise.all([first, second, third]);
    expect(calls).toEqual(['k1', 'k2']);
    expect(store.map.size).toBe(0);
  });

  it('never sends one item twice from two tabs at once (the per-item claim)', async () => {
    // Two outboxes on one store without a shared lock: like two tabs in a browser without Web Locks.
    const store = memoryStore();
    const noLock: LockFn = (_name, fn) => fn();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const calls: string[] = [];
    const send = async (i: OutboxItem) => {
      calls.push(i.key);
      await gate;
      return { status: 201 };
    };
    const tab1 = createOutbox({ store, send, lock: noLock });
    const tab2 = createOutbox({ store, send, lock: noLock });
    await tab1.add(post('k1'));
    const a = tab1.flush('u1');
    const b = tab2.flush('u1');
    await new Promise((r) => setTimeout(r, 0));
    release();
    await Promise.all([a, b]);
    expect(calls).toEqual(['k1']);
  });

  it('takes over an item whose claim ran out (a tab that died mid-send)', async () => {
    const store = memoryStore();
    let clock = 1_000;
    const server = fakeServer();
    const box = createOutbox({ store, send: server.send, now: () => clock, claimMs: 500 });
    await box.add(post('k1'));
    await store.claim('k1', clock, clock + 500); // the dead tab's claim
    await box.flush('u1');
    expect(server.calls).toEqual([]);
    clock += 501;
    await box.flush('u1');
    expect(server.calls).toEqual(['k1']);
  });

  it('serialises passes through the lock it is given', async () => {
    const store = memoryStore();
    const order: string[] = [];
    let chain = Promise.resolve();
    const lock: LockFn = (name, fn) => {
      const run = chain.then(() => {
        order.push(`lock ${name}`);
        return fn();
      });
      chain = run.then(() => {}, () => {});
      return run;
    };
    const box = createOutbox({ store, send: async () => ({ status: 201 }), lock });
    await box.add(post('k1'));
    await box.flush('u1');
    expect(order).toEqual(['lock noaber-outbox']);
  });

  it('tells listeners about every attempt', async () => {
    const store = memoryStore();
    const box = createOutbox({ store, send: fakeServer().send });
    const seen: string[] = [];
    box.subscribe((e) => seen.push(e ? `${e.item.key}:${e.decision}:${JSON.stringify(e.body)}` : 'changed'));
    await box.add(post('k1'));
    await box.flush('u1');
    expect(seen).toEqual(['changed', 'k1:sent:{"id":1}']);
  });
});

describe('the IndexedDB store', () => {
  const item = (key: string): OutboxItem => ({
    key, kind: 'message', userId: 'u1', path: '/conversations/c1/messages', body: { body: 'hoi' },
    createdAt: '2026-01-01T10:00:00Z', state: 'pending', attempts: 0, conversationId: 'c1',
  });

  it('keeps, lists, claims once and deletes items', async () => {
    const store: OutboxStore = idbStore(new IDBFactory());
    await store.put(item('k1'));
    await store.put(item('k2'));
    expect((await store.all()).map((i) => i.key).sort()).toEqual(['k1', 'k2']);
    expect(await store.claim('k1', 100, 200)).toMatchObject({ key: 'k1', claimedUntil: 200 });
    expect(await store.claim('k1', 150, 250)).toBeNull(); // claimed
    expect(await store.claim('k1', 201, 300)).toMatchObject({ claimedUntil: 300 }); // ran out
    expect(await store.claim('nope', 0, 1)).toBeNull();
    await store.put({ ...item('k2'), state: 'failed' });
    expect(await store.claim('k2', 0, 1)).toBeNull();
    await store.delete('k1');
    expect((await store.all()).map((i) => i.key)).toEqual(['k2']);
  });

  it('sends exactly once through the outbox, with the key kept across a lost answer', async () => {
    const store = idbStore(new IDBFactory());
    const server = fakeServer(['lost']);
    const box = createOutbox({ store, send: server.send });
    await box.add({ ...item('k9'), createdAt: undefined });
    await box.flush('u1');
    await box.flush('u1');
    await box.flush('u1');
    expect(server.calls).toEqual(['k9', 'k9']);
    expect(server.created.size).toBe(1);
    expect(await store.all()).toEqual([]);
  });
});
