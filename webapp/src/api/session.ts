import { setAccessToken } from './token';
import type { Me, Session } from './types';

/** Who is signed in: 'restoring' until the first refresh attempt has answered. */
export type SessionState =
  | { status: 'restoring'; me: null }
  | { status: 'in'; me: Me }
  | { status: 'out'; me: null; left?: boolean };

let state: SessionState = { status: 'restoring', me: null };
const listeners = new Set<(s: SessionState) => void>();

function publish(next: SessionState) {
  state = next;
  for (const fn of listeners) fn(state);
}

export function getSession(): SessionState {
  return state;
}

/** Calls fn on every change; returns the unsubscribe function. */
export function subscribeSession(fn: (s: SessionState) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Takes a Session from register, login or refresh. */
export function startSession(session: Session) {
  setAccessToken(session.accessToken);
  publish({ status: 'in', me: session.user });
}

/** Replaces the signed-in person's details (after GET or PATCH /me). */
export function updateMe(me: Me) {
  if (state.status === 'in') publish({ status: 'in', me });
}

/**
 * Forgets the token. `left` says the person chose to go (logout, account
 * deleted): the screen that did it decides where to go next, instead of
 * being sent to the login screen.
 */
export function endSession(left = false) {
  setAccessToken(null);
  publish({ status: 'out', me: null, left });
}

let refreshing: Promise<boolean> | null = null;

/**
 * Asks for a new access token with the HttpOnly refresh cookie. The server
 * rotates the cookie on every refresh and treats a reused one as theft, so
 * concurrent callers share one request.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const res = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { Accept: 'application/json' },
      });
      if (!res.ok) {
        endSession();
        return false;
      }
      startSession((await res.json()) as Session);
      return true;
    } catch {
      // offline or server down: we do not know; treat as signed out for now
      endSession();
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** For tests: back to the state of a fresh page. */
export function resetSessionForTests() {
  setAccessToken(null);
  refreshing = null;
  state = { status: 'restoring', me: null };
}
