import { useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { getSession, subscribeSession, type SessionState } from '../api/session';
import type { Me } from '../api/types';

/** The session, re-rendering on login, logout and profile changes. */
export function useSession(): SessionState {
  const [state, setState] = useState(getSession);
  useEffect(() => {
    setState(getSession()); // it may have changed before we subscribed
    return subscribeSession(setState);
  }, []);
  return state;
}

/** Only a path on this site: no "//evil.example" or "https://…". */
export function safeNext(next: string | undefined, fallback = '/profiel'): string {
  return next && /^\/(?![/\\])/.test(next) ? next : fallback;
}

/**
 * The signed-in person, or null while the session is being restored. When
 * nobody is signed in (any more, e.g. the session expired), sends the visitor to the login screen, which brings
 * them back here afterwards.
 */
export function useSignedIn(): Me | null {
  const session = useSession();
  const { url, route } = useLocation();
  useEffect(() => {
    if (session.status === 'out' && !session.left) route(`/inloggen?next=${encodeURIComponent(url)}`, true);
  }, [session.status]); // eslint-disable-line react-hooks/exhaustive-deps
  return session.me;
}
