import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const manifest = {
  name: 'Noaber',
  short_name: 'Noaber',
  description: 'Buren helpen elkaar. Vraag om hulp of bied hulp aan in je eigen buurt.',
  lang: 'nl',
  start_url: '/',
  scope: '/',
  display: 'standalone' as const,
  theme_color: '#1b4f72',
  background_color: '#ffffff',
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};

export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      // Our own worker (src/service-worker/sw.ts, built into dist/sw.js) with
      // Workbox's precache manifest injected: it also handles Web Push.
      strategies: 'injectManifest',
      srcDir: 'src/service-worker',
      filename: 'sw.ts',
      registerType: 'autoUpdate',
      injectRegister: false, // src/sw.ts registers it from the bundle (CSP: no inline script)
      manifest,
      manifestFilename: 'manifest.webmanifest',
      // Precache only what the shell needs to open offline; the install icons
      // are fetched once by the browser and kept by the phone itself.
      includeManifestIcons: false,
      // The navigation fallback (index.html, except /api/, /healthz, /readyz,
      // /metrics), skipWaiting and clientsClaim are in the worker itself.
      injectManifest: {
        globPatterns: ['**/*.{js,css,html}', 'icons/icon.svg'],
      },
    }),
  ],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    // Vite would inline small assets as data: URIs; keep them as files.
    assetsInlineLimit: 0,
    // Every browser that can run a service worker has modulepreload.
    modulePreload: { polyfill: false },
  },
  server: {
    // `npm run dev` talks to a Go server running on :8080.
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/healthz': 'http://127.0.0.1:8080',
    },
  },
});
