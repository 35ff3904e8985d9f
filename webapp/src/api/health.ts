/** What the visitor is told about the service. */
export type ServiceStatus = 'checking' | 'ok' | 'down' | 'offline';

/**
 * Asks the server whether it is up. The Go service answers GET /healthz with
 * 200 and {"status":"ok"}; anything else, or no answer in time, counts as down.
 * `cache: 'no-store'` because a cached "ok" would hide an outage.
 */
export async function checkHealth(fetchFn: typeof fetch = fetch, timeoutMs = 8000): Promise<ServiceStatus> {
  if (!navigator.onLine) return 'offline';
  try {
    const res = await fetchFn('/healthz', {
      cache: 'no-store',
      headers: { Accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) return 'down';
    const body: unknown = await res.json();
    return (body as { status?: unknown })?.status === 'ok' ? 'ok' : 'down';
  } catch {
    // A failed request while the browser went offline in the meantime is "offline".
    return navigator.onLine ? 'down' : 'offline';
  }
}
