// Browser tests for the app shell: welcome screen, service worker, offline,
// accessibility (axe, Dutch and English) and the language switch.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { axeViolations, collectErrors, phoneContext, screenshot, waitForServiceWorker, withServerAndBrowser } from './harness.mjs';

const timeout = 30_000;
let server;
let browser;

withServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

/** Runs fn with a page in a fresh phone-sized context, and closes it after. */
async function withPage(fn) {
  const context = await phoneContext(browser);
  try {
    return await fn(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

const status = (page) => page.getByRole('status');

describe('what the server sends', () => {
  it('index.html has no inline script or style (CSP)', { timeout }, async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'every <script> has a src');
    assert.doesNotMatch(html, /<style|\sstyle=/i, 'no <style> and no style attributes');
    assert.match(html, /<link rel="manifest" href="\/manifest.webmanifest">/);
  });

  it('the manifest is complete and its icons are real PNGs', { timeout }, async () => {
    const manifest = await (await fetch(`${server.url}/manifest.webmanifest`)).json();
    assert.equal(manifest.name, 'Noaber');
    assert.equal(manifest.short_name, 'Noaber');
    assert.equal(manifest.display, 'standalone');
    assert.equal(manifest.start_url, '/');
    assert.equal(manifest.lang, 'nl');
    assert.deepEqual(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`).sort(),
      ['192x192 any', '512x512 any', '512x512 maskable']);
    for (const icon of manifest.icons) {
      const bytes = Buffer.from(await (await fetch(`${server.url}${icon.src}`)).arrayBuffer());
      assert.equal(bytes.subarray(1, 4).toString(), 'PNG', icon.src);
      assert.equal(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`, icon.sizes, icon.src);
    }
  });
});

describe('app shell', () => {
  it('loads, welcomes the visitor and says Noaber works', { timeout }, () =>
    withPage(async (page) => {
      const errors = collectErrors(page);
      await page.goto(server.url);
      await page.getByRole('heading', { level: 1, name: 'Welkom bij Noaber' }).waitFor();
      await page.getByText('Noaber werkt.').waitFor();
      assert.equal(await page.locator('h1').count(), 1);
      for (const role of ['banner', 'main', 'contentinfo']) {
        assert.equal(await page.getByRole(role).count(), 1, `one ${role} landmark`);
      }
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'nl');
      assert.equal(await page.title(), 'Welkom bij Noaber – Noaber');
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scrolling at 360 px');
      for (const target of await page.locator('header a, header button').all()) {
        const { height, width } = await target.boundingBox();
        assert.ok(height >= 44 && width >= 44, `tap target ${await target.textContent()} is ${width}×${height}`);
      }
      await screenshot(page, 'welcome-nl');
      assert.deepEqual(errors, [], 'no console errors (e.g. CSP violations)');
    }));

  it('has a skip link that moves focus to the main content', { timeout }, () =>
    withPage(async (page) => {
      await page.goto(server.url);
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Naar de inhoud' });
      assert.ok(await skip.evaluate((el) => el === document.activeElement), 'skip link is focused first');
      await screenshot(page, 'skip-link-focused');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'main', null, { timeout: 5000 });
    }));

  it('registers and activates the service worker', { timeout }, () =>
    withPage(async (page) => {
      await page.goto(server.url);
      assert.equal(await waitForServiceWorker(page), 'activated');
      await page.reload();
      assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'controlled after reload');
      // The navigation fallback must leave the server's own paths alone.
      const health = await page.goto(`${server.url}/healthz`);
      assert.match(health.headers()['content-type'], /json/);
      assert.equal(health.fromServiceWorker(), false);
    }));

  it('opens from the cache when offline and says so', { timeout }, () =>
    withPage(async (page, context) => {
      await page.goto(server.url);
      await waitForServiceWorker(page);
      await context.setOffline(true);
      const res = await page.reload();
      assert.ok(res?.fromServiceWorker(), 'the page came from the service worker');
      await page.getByRole('heading', { level: 1, name: 'Welkom bij Noaber' }).waitFor();
      await status(page).getByText('Je bent offline.').waitFor();
      await screenshot(page, 'welcome-offline');
    }));

  it('switches to English and back, and remembers the choice', { timeout }, () =>
    withPage(async (page) => {
      await page.goto(server.url);
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Welcome to Noaber' }).waitFor();
      // <html lang> follows in an effect just after the render: wait for it.
      await page.waitForFunction(() => document.documentElement.lang === 'en', null, { timeout: 5000 });
      await page.reload();
      await page.getByText('Noaber is working.').waitFor();
      await screenshot(page, 'welcome-en');
      await page.getByRole('button', { name: 'Nederlands' }).click();
      await page.getByRole('heading', { level: 1, name: 'Welkom bij Noaber' }).waitFor();
      await page.waitForFunction(() => document.documentElement.lang === 'nl', null, { timeout: 5000 });
    }));

  it('shows a not-found screen for unknown paths', { timeout }, () =>
    withPage(async (page) => {
      await page.goto(`${server.url}/bestaat/niet`);
      await page.getByRole('heading', { level: 1, name: 'Deze pagina bestaat niet' }).waitFor();
      await screenshot(page, 'not-found-nl');
      assert.deepEqual(await axeViolations(page), []);
    }));

  for (const lang of ['nl', 'en']) {
    it(`has no WCAG 2.1 AA violations found by axe (${lang})`, { timeout }, () =>
      withPage(async (page) => {
        await page.goto(server.url);
        if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
        await status(page).and(page.locator('[data-status="ok"]')).waitFor();
        assert.deepEqual(await axeViolations(page), []);
        await screenshot(page, `axe-welcome-${lang}`);
      }));
  }
});
