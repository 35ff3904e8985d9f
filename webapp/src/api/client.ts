import { problemFrom } from './problem';
import { refreshSession } from './session';
import { getAccessToken } from './token';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers, e.g. Idempotency-Key. */
  headers?: Record<string, string>;
}

/** The auth endpoints answer 401 for their own reasons; a refresh would not help. */
const noRefresh = (path: string) => path.startsWith('/auth/');

function send(path: string, { method = 'GET', body, signal, headers: extra }: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...extra };
  const token = getAccessToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(`/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin', // the refresh cookie, for /auth/*
    cache: 'no-store', // personal data must not land in the HTTP cache
    signal,
  });
}

/**
 * Calls the API at /api/v1 + path. On 401 it refreshes the session once and
 * retries once. Any other non-2xx answer is thrown as an ApiError.
 */
export async function apiFetch(path: string, options: RequestOptions = {}): Promise<Response> {
  let res = await send(path, options);
  if (res.status === 401 && !noRefresh(path) && (await refreshSession())) {
    res = await send(path, options);
  }
  if (!res.ok) throw await problemFrom(res);
  return res;
}

/** Like apiFetch, and reads the JSON body (undefined for 204). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const res = await apiFetch(path, options);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}
