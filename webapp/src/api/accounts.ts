import { turnOffPush } from '../push/device';
import { api, apiFetch } from './client';
import { endSession, startSession, updateMe } from './session';
import type { ContactAssignment, Me, PostcodeInfo, Session, TotpEnrolment } from './types';

export interface Registration {
  email: string;
  password: string;
  displayName: string;
  postcode: string;
  houseNumber: string;
  language?: 'nl' | 'en';
}

export interface Credentials {
  email: string;
  password: string;
  totpCode?: string;
  recoveryCode?: string;
}

export type MeChanges = Partial<Pick<Me, 'displayName' | 'postcode' | 'houseNumber' | 'phone' | 'language'>> & {
  currentPassword?: string;
  newPassword?: string;
};

export async function register(body: Registration): Promise<Me> {
  const session = await api<Session>('/auth/register', { method: 'POST', body });
  startSession(session);
  return session.user;
}

export async function login(body: Credentials): Promise<Me> {
  const session = await api<Session>('/auth/login', { method: 'POST', body });
  startSession(session);
  return session.user;
}

export async function fetchMe(): Promise<Me> {
  const me = await api<Me>('/me');
  updateMe(me);
  return me;
}

export async function changeMe(changes: MeChanges): Promise<Me> {
  const me = await api<Me>('/me', { method: 'PATCH', body: changes });
  updateMe(me);
  return me;
}

export function lookupPostcode(postcode: string, signal?: AbortSignal): Promise<PostcodeInfo> {
  return api<PostcodeInfo>(`/postcodes/${encodeURIComponent(postcode)}`, { signal });
}

export function startTotp(): Promise<TotpEnrolment> {
  return api<TotpEnrolment>('/auth/totp', { method: 'POST', body: {} });
}

export async function verifyTotp(code: string): Promise<string[]> {
  const { recoveryCodes } = await api<{ recoveryCodes: string[] }>('/auth/totp/verification', {
    method: 'POST',
    body: { code },
  });
  return recoveryCodes;
}

export async function contactPersons(): Promise<ContactAssignment[]> {
  return (await api<{ items: ContactAssignment[] }>('/me/contact-person')).items;
}

/** GET /me/export as a file name and a Blob to save. */
export async function exportMe(): Promise<{ name: string; blob: Blob }> {
  const res = await apiFetch('/me/export');
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? 'noaber-mijn-gegevens.json';
  return { name, blob: await res.blob() };
}

/**
 * Removes what this browser keeps of the person: the runtime caches of the
 * service worker (API answers, pictures) and every IndexedDB database (e.g.
 * the offline outbox). The app shell precache stays, so the app still opens
 * offline.
 */
export async function forgetLocalData() {
  try {
    if ('caches' in window) {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => !n.startsWith('workbox-precache')).map((n) => caches.delete(n)));
    }
  } catch {
    // storage can be unavailable (private mode); nothing to forget then
  }
  try {
    const dbs = (await indexedDB.databases?.()) ?? [];
    await Promise.all(
      dbs.map((db) => db.name && new Promise((done) => {
        const req = indexedDB.deleteDatabase(db.name!);
        req.onsuccess = req.onerror = req.onblocked = done;
      })),
    );
  } catch {
    // as above
  }
}

/** Ends the session on the server and in this browser; never fails. */
export async function logout() {
  // This device must not get pushes for someone who logged out (shared phones).
  await turnOffPush();
  try {
    await apiFetch('/auth/logout', { method: 'POST' });
  } catch {
    // signed out locally anyway; the server session expires by itself
  }
  endSession(true);
  await forgetLocalData();
}

/** DELETE /me, then the same clean-up as logout. */
export async function deleteAccount() {
  await apiFetch('/me', { method: 'DELETE' });
  await turnOffPush({ server: false }); // the server dropped its subscriptions with the account; drop the browser's too
  endSession(true);
  await forgetLocalData();
}
