import { registerSW } from 'virtual:pwa-register';

/**
 * Registers the Workbox service worker that vite-plugin-pwa generates, so the
 * app shell opens offline. autoUpdate: a new version activates at once and
 * the page reloads into it, which keeps old hashed chunks from being requested.
 */
export function registerServiceWorker() {
  if ('serviceWorker' in navigator) registerSW({ immediate: true });
}
