import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from './client';
import { ApiError, problemFrom } from './problem';
import { getSession, resetSessionForTests, startSession } from './session';
import { getAccessToken } from './token';
import type { Me, Session } from './types';

const me = { id: 'u1', displayName: 'Ans', language: 'nl' } as Me;
const session = (token: string): Session => ({ accessToken: token, tokenType: 'Bearer', expiresIn: 900, user: me });
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
const problem = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json', ...headers } });

/** A fake server: routes "METHOD /path" to a handler; records every call with its bearer token. */
function stubServer(routes: Record<string, (auth: string | null) => Response>) {
  const calls: string[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit = {}) => {
    const auth = (init.headers as Record<string, string> | undefined)?.Authorization ?? null;
    const key = `${init.method ?? 'GET'} ${url}`;
    calls.push(`${key} ${auth ?? '-'}`);
    await Promise.resolve();
    return routes[key](auth);
  }));
  return calls;
}

describe('api client', () => {
  beforeEach(() => resetSessionForTests());
  afterEach(() => vi.unstubAllGlobals());

  it('sends the access token and reads JSON', async () => {
    startSession(session('t1'));
    const calls = stubServer({ 'GET /api/v1/me': () => json(200, me) });
    expect(await api('/me')).toEqual(me);
    expect(calls).toEqual(['GET /api/v1/me Bearer t1']);
  });

  it('refreshes once on 401 and retries with the new token', async () => {
    startSession(session('old'));
    const calls = stubServer({
      'GET /api/v1/me': (auth) => (auth === 'Bearer new' ? json(200, me) : problem(401, { status: 401 })),
      'POST /api/v1/auth/refresh': () => json(200, session('new')),
    });
    expect(await api('/me')).toEqual(me);
    expect(calls).toEqual(['GET /api/v1/me Bearer old', 'POST /api/v1/auth/refresh -', 'GET /api/v1/me Bearer new']);
    expect(getAccessToken()).toBe('new');
  });

  it('retries only once, and ends the session when the refresh fails', async () => {
    startSession(session('old'));
    const calls = stubServer({
      'GET /api/v1/me': () => problem(401, { status: 401, type: 'https://noaber.nl/problems/unauthorized' }),
      'POST /api/v1/auth/refresh': () => problem(401, { status: 401 }),
    });
    await expect(api('/me')).rejects.toMatchObject({ status: 401 });
    expect(calls).toHaveLength(2);
    expect(getSession().status).toBe('out');
    expect(getAccessToken()).toBeNull();
  });

  it('does not retry when the retried request is 401 again', async () => {
    startSession(session('old'));
    const calls = stubServer({
      'GET /api/v1/me': () => problem(401, { status: 401 }),
      'POST /api/v1/auth/refresh': () => json(200, session('new')),
    });
    await expect(api('/me')).rejects.toBeInstanceOf(ApiError);
    expect(calls).toEqual(['GET /api/v1/me Bearer old', 'POST /api/v1/auth/refresh -', 'GET /api/v1/me Bearer new']);
  });

  it('shares one refresh between requests that fail at the same time (the cookie rotates)', async () => {
    startSession(session('old'));
    const calls = stubServer({
      'GET /api/v1/me': (auth) => (auth === 'Bearer new' ? json(200, me) : problem(401, {})),
      'GET /api/v1/me/contact-person': (auth) => (auth === 'Bearer new' ? json(200, { items: [] }) : problem(401, {})),
      'POST /api/v1/auth/refresh': () => json(200, session('new')),
    });
    await Promise.all([api('/me'), api('/me/contact-person')]);
    expect(calls.filter((c) => c.includes('refresh'))).toHaveLength(1);
  });

  it('never refreshes for the auth endpoints: their 401 means what it says', async () => {
    const calls = stubServer({
      'POST /api/v1/auth/login': () => problem(401, { type: 'https://noaber.nl/problems/second-factor-required', status: 401 }),
    });
    const err = (await api('/auth/login', { method: 'POST', body: {} }).catch((e: unknown) => e)) as ApiError;
    expect(err.is('second-factor-required')).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('returns undefined for 204', async () => {
    stubServer({ 'DELETE /api/v1/me': () => new Response(null, { status: 204 }) });
    expect(await api('/me', { method: 'DELETE' })).toBeUndefined();
  });
});

describe('problemFrom', () => {
  it('reads problem+json with invalidParams', async () => {
    const err = await problemFrom(problem(400, {
      type: 'https://noaber.nl/problems/invalid-input', title: 'Bad Request', status: 400, detail: 'See invalidParams.',
      invalidParams: [{ name: 'postcode', reason: 'is not a known postcode' }, { bogus: true }],
    }));
    expect(err).toMatchObject({ status: 400, title: 'Bad Request', detail: 'See invalidParams.', retryAfter: null });
    expect(err.invalidParams).toEqual([{ name: 'postcode', reason: 'is not a known postcode' }]);
    expect(err.is('invalid-input')).toBe(true);
    expect(err.is('input')).toBe(false);
  });

  it('reads Retry-After in seconds and as a date', async () => {
    expect((await problemFrom(problem(429, {}, { 'Retry-After': '42' }))).retryAfter).toBe(42);
    const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
    const fromDate = (await problemFrom(problem(429, {}, { 'Retry-After': inTwoMinutes }))).retryAfter!;
    expect(fromDate).toBeGreaterThan(100);
    expect(fromDate).toBeLessThanOrEqual(121);
  });

  it('copes with a body that is not JSON', async () => {
    const err = await problemFrom(new Response('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway', headers: { 'Content-Type': 'text/html' } }));
    expect(err).toMatchObject({ status: 502, type: 'about:blank', title: 'Bad Gateway', invalidParams: [] });
  });
});
