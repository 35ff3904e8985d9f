import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { syncPushSubscription, turnOffPush, turnOnPush } from './device';
import { base64UrlToBytes } from './keys';

const oldKey = 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM';
const newKey = 'BOr9i2Gk1UC3KbJpM0xxXhLoG4Wz7Z6wB8pJr4ZQy6Cq3Gk1s4cKqV7mN0Pc8Xo3l2hT9y5Z1eW6rDf2bXq8K0A';

class FakeSubscription {
  unsubscribed = false;
  constructor(public endpoint: string, key: string) {
    this.options = { applicationServerKey: base64UrlToBytes(key).buffer, userVisibleOnly: true };
  }
  options: { applicationServerKey: ArrayBuffer; userVisibleOnly: boolean };
  toJSON() {
    return { endpoint: this.endpoint, expirationTime: null, keys: { p256dh: 'p', auth: 'a' } };
  }
  async unsubscribe() {
    this.unsubscribed = true;
    return true;
  }
}

/** A browser with permission granted, one subscription (or none), and the API answering. */
function setUp(existing: FakeSubscription | null, serverKey: string) {
  const pushManager = {
    current: existing as FakeSubscription | null,
    getSubscription: vi.fn(async () => pushManager.current),
    subscribe: vi.fn(async ({ applicationServerKey }: { applicationServerKey: Uint8Array }) => {
      const key = btoa(String.fromCharCode(...applicationServerKey)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      pushManager.current = new FakeSubscription('https://fcm.googleapis.com/fcm/send/new', key);
      return pushManager.current;
    }),
  };
  const registration = { pushManager };
  vi.stubGlobal('Notification', { permission: 'granted', requestPermission: vi.fn() });
  vi.stubGlobal('PushManager', class {});
  Object.defineProperty(navigator, 'serviceWorker', {
    value: { ready: Promise.resolve(registration), getRegistration: async () => registration }, configurable: true,
  });
  const calls: string[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit = {}) => {
    calls.push(`${init.method ?? 'GET'} ${url}`);
    const json = (status: number, body?: unknown) =>
      new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    if (url === '/api/v1/push/public-key') return json(200, { publicKey: serverKey });
    if (url === '/api/v1/push-subscriptions') return json(201, { id: 'sub-new' });
    if (url.startsWith('/api/v1/push-subscriptions/')) return json(204);
    return json(404, { type: 'about:blank', title: 'Not Found', status: 404, detail: '' });
  }));
  return { pushManager, calls };
}

describe('syncPushSubscription (the server key may change)', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('leaves a subscription with the current key alone', async () => {
    const sub = new FakeSubscription('https://fcm.googleapis.com/fcm/send/old', oldKey);
    localStorage.setItem('noaber.push.subscription', JSON.stringify({ id: 'sub-old', endpoint: sub.endpoint }));
    const { calls } = setUp(sub, oldKey);
    expect(await syncPushSubscription()).toBe('unchanged');
    expect(sub.unsubscribed).toBe(false);
    expect(calls).toEqual(['GET /api/v1/push/public-key']);
  });

  it('subscribes again with a new key, registers it and deletes the old one on the server', async () => {
    const sub = new FakeSubscription('https://fcm.googleapis.com/fcm/send/old', oldKey);
    localStorage.setItem('noaber.push.subscription', JSON.stringify({ id: 'sub-old', endpoint: sub.endpoint }));
    const { pushManager, calls } = setUp(sub, newKey);
    expect(await syncPushSubscription()).toBe('resubscribed');
    expect(sub.unsubscribed).toBe(true);
    expect([...pushManager.subscribe.mock.calls[0][0].applicationServerKey]).toEqual([...base64UrlToBytes(newKey)]);
    expect(calls).toEqual(['GET /api/v1/push/public-key', 'POST /api/v1/push-subscriptions', 'DELETE /api/v1/push-subscriptions/sub-old']);
    expect(JSON.parse(localStorage.getItem('noaber.push.subscription')!)).toEqual({
      id: 'sub-new', endpoint: 'https://fcm.googleapis.com/fcm/send/new',
    });
  });

  it('registers a subscription the server does not know yet (after pushsubscriptionchange)', async () => {
    const sub = new FakeSubscription('https://fcm.googleapis.com/fcm/send/renewed', oldKey);
    const { calls } = setUp(sub, oldKey);
    expect(await syncPushSubscription()).toBe('registered');
    expect(calls).toEqual(['GET /api/v1/push/public-key', 'POST /api/v1/push-subscriptions']);
  });

  it('does nothing without a subscription', async () => {
    const { calls } = setUp(null, oldKey);
    expect(await syncPushSubscription()).toBe('off');
    expect(calls).toEqual([]);
  });
});

describe('turning push on and off', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('turns on: subscribe with the server key, POST, remember the id', async () => {
    const { calls } = setUp(null, newKey);
    expect(await turnOnPush()).toBe('on');
    expect(calls).toEqual(['GET /api/v1/push/public-key', 'POST /api/v1/push-subscriptions']);
    expect(localStorage.getItem('noaber.push.subscription')).toContain('sub-new');
  });

  it('says "refused" and drops the browser subscription when the server refuses the push service', async () => {
    const { pushManager } = setUp(null, newKey);
    vi.mocked(fetch).mockImplementation(async (url) => url === '/api/v1/push/public-key'
      ? new Response(JSON.stringify({ publicKey: newKey }), { status: 200 })
      : new Response(JSON.stringify({ type: 'x', title: 'invalid', status: 400, detail: '',
        invalidParams: [{ name: 'endpoint', reason: 'must be an https URL of a known push service' }] }),
      { status: 400, headers: { 'Content-Type': 'application/problem+json' } }));
    expect(await turnOnPush()).toBe('refused');
    expect(pushManager.current?.unsubscribed).toBe(true);
    expect(localStorage.getItem('noaber.push.subscription')).toBeNull();
  });

  it('turns off: unsubscribe in the browser and DELETE on the server', async () => {
    const sub = new FakeSubscription('https://fcm.googleapis.com/fcm/send/old', oldKey);
    localStorage.setItem('noaber.push.subscription', JSON.stringify({ id: 'sub-old', endpoint: sub.endpoint }));
    const { calls } = setUp(sub, oldKey);
    await turnOffPush();
    expect(sub.unsubscribed).toBe(true);
    expect(calls).toEqual(['DELETE /api/v1/push-subscriptions/sub-old']);
    expect(localStorage.getItem('noaber.push.subscription')).toBeNull();
  });
});
