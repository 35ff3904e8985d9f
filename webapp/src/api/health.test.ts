import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkHealth } from './health';

const reply = (status: number, body: unknown) => () =>
  Promise.resolve(new Response(JSON.stringify(body), { status }));

describe('checkHealth', () => {
  afterEach(() => vi.unstubAllGlobals());

  it.each([
    ['200 with status ok', reply(200, { status: 'ok' }), 'ok'],
    ['200 with another status', reply(200, { status: 'starting' }), 'down'],
    ['503', reply(503, { status: 'ok' }), 'down'],
    ['a network error', () => Promise.reject(new TypeError('failed')), 'down'],
  ] as const)('reports %s as %s', async (_name, fetchFn, want) => {
    expect(await checkHealth(fetchFn as typeof fetch)).toBe(want);
  });

  it('does not ask the server when the browser is offline', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    const fetchFn = vi.fn();
    expect(await checkHealth(fetchFn)).toBe('offline');
    expect(fetchFn).not.toHaveBeenCalled();
  });
});
