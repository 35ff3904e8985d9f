/// <reference lib="webworker" />
// The service worker, built by vite-plugin-pwa (strategy injectManifest) into
// dist/sw.js. It does what the generated Workbox worker did before (precache
// the app shell, answer navigations with index.html except the server's own
// paths, take over at once) and handles Web Push. The decisions are pure
// functions in src/push/notification.ts, tested with Vitest.
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { base64UrlToBytes } from '../push/keys';
import { clickTarget, notificationFor, parsePayload, pickWindow, swMessage } from '../push/notification';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

// Paths the Go server answers itself; never answer them with the cached index.html.
const serverPaths = [/^\/api(\/|$)/, /^\/healthz$/, /^\/readyz$/, /^\/metrics$/];

// A new version takes over at once (registerType autoUpdate: the page reloads into it).
void self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: serverPaths }));

/** Generic text for a push we cannot read; the server's texts are Dutch or English already. */
const defaultBody = 'Er is iets nieuws voor je in Noaber.';

async function tellWindows(message: { type: string; id?: string }) {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const w of windows) w.postMessage(message);
}

self.addEventListener('push', (event) => {
  let raw: string | null = null;
  try {
    raw = event.data?.text() ?? null;
  } catch {
    // unreadable: the generic notification below
  }
  const payload = parsePayload(raw, defaultBody);
  const { title, options } = notificationFor(payload);
  event.waitUntil(
    self.registration.showNotification(title, options).then(() => tellWindows({ type: swMessage.push, id: payload.id })),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = clickTarget(event.notification.data, self.location.origin);
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const i = pickWindow(windows, self.location.origin);
    if (i >= 0) {
      try {
        const focused = await windows[i].focus();
        if (await focused.navigate(target)) return;
      } catch {
        // not controlled by us (yet) or gone: open a new window instead
      }
    }
    await self.clients.openWindow(target);
  })());
});

/**
 * The push service replaced or dropped our subscription. Subscribe again with
 * the server's current key. Registering it with the server needs the access
 * token, which lives only in the page's memory: so we ask the open windows to
 * do it, and otherwise the app does it at its next start (syncPushSubscription).
 */
self.addEventListener('pushsubscriptionchange', (event) => {
  const e = event as ExtendableEvent & { newSubscription?: PushSubscription | null };
  e.waitUntil((async () => {
    if (!e.newSubscription) {
      const res = await fetch('/api/v1/push/public-key', { cache: 'no-store', headers: { Accept: 'application/json' } });
      const { publicKey } = (await res.json()) as { publicKey: string };
      await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64UrlToBytes(publicKey) });
    }
    await tellWindows({ type: swMessage.subscriptionChanged });
  })());
});
