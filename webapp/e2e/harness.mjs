// Shared set-up for the browser tests: the server under test, Debian's
// Chromium through playwright-core, a phone-sized context, screenshots, axe.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const webapp = fileURLToPath(new URL('..', import.meta.url));
const screenshotDir = fileURLToPath(new URL('../../test-output/e2e/', import.meta.url));
const axeSource = createRequire(import.meta.url)('axe-core').source;

/**
 * The server under test: NOABER_E2E_URL (the real Go binary, started by the
 * lead's script) or else our stand-in serving webapp/dist.
 */
export async function serverUnderTest() {
  if (process.env.NOABER_E2E_URL) {
    return { url: process.env.NOABER_E2E_URL.replace(/\/$/, ''), close: async () => {} };
  }
  if (!existsSync(`${webapp}/dist/index.html`)) {
    throw new Error('webapp/dist is empty: run `npm run build` first');
  }
  return startServer(`${webapp}/dist`);
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** A fresh phone-sized context (own storage, own service workers) for one test. */
export function phoneContext(browser) {
  return browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'nl-NL',
  });
}

/**
 * Collects console errors and uncaught exceptions, e.g. CSP violations. The
 * app asks POST /api/v1/auth/refresh once at start to restore a session;
 * without one the server answers 401, which Chromium logs: that one is expected.
 */
export function collectErrors(page) {
  const errors = [];
  const expected = (msg) => / 401 /.test(msg.text()) && msg.location().url.endsWith('/api/v1/auth/refresh');
  page.on('console', (msg) => msg.type() === 'error' && !expected(msg) && errors.push(msg.text()));
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

export async function screenshot(page, name) {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true });
}

/** Runs axe-core for WCAG 2.1 A and AA; returns the violations, summarised. */
export async function axeViolations(page) {
  // Evaluated through the DevTools protocol, so the page's CSP does not block it.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Waits until an activated service worker controls the page, i.e. the shell is precached. */
export async function waitForServiceWorker(page) {
  return page.evaluate(async () => {
    const sw = navigator.serviceWorker;
    const { active } = await sw.ready; // may still be "activating"
    const until = (target, event, done) =>
      done() ? null : new Promise((resolve) => target.addEventListener(event, resolve, { once: true }));
    await until(active, 'statechange', () => active.state === 'activated');
    await until(sw, 'controllerchange', () => sw.controller !== null);
    return active.state;
  });
}

/**
 * Starts the server under test and Chromium once for a test file, hands
 * both to use, and closes them after the file's tests.
 */
export function withServerAndBrowser(use) {
  let server;
  let browser;
  before(async () => {
    server = await serverUnderTest();
    browser = await launchBrowser();
    use(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}

/** Waits for the page's h1 with this name. */
export const h1 = (page, name) => page.getByRole('heading', { level: 1, name }).waitFor();

/** The form field with exactly this label. */
export const field = (page, label) => page.getByLabel(label, { exact: true });

/** Fails unless the page fits a 360 px wide phone without sideways scrolling. */
export const noSidewaysScroll = async (page, name) =>
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), `no sideways scrolling at 360 px: ${name}`);

/** A screenshot, then no axe violations and no sideways scrolling. */
export async function noAxeViolations(page, name) {
  await screenshot(page, name);
  assert.deepEqual(await axeViolations(page), [], `axe: ${name}`);
  await noSidewaysScroll(page, name);
}

/** A new page in a phone-sized context (or one made with options), collecting console errors. */
export async function newPhonePage(browser, options) {
  const context = options ? await browser.newContext(options) : await phoneContext(browser);
  const page = await context.newPage();
  return { page, context, errors: collectErrors(page) };
}

/** Console errors, except the 4xx answers a test provokes on purpose. */
export const unexpected = (errors) => errors.filter((e) => !/status of 4\d\d/.test(e));
