// Browser tests for notifications: the inbox, the settings, the offer card,
// and the real service worker receiving a push (delivered through the
// DevTools protocol, since headless Chromium has no push service).
// Against NOABER_E2E_URL the inbox may be empty (it depends on the demo data):
// then the tests check the empty inbox instead of the unread items.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { axeViolations, collectErrors, field, h1, phoneContext, screenshot, waitForServiceWorker, withServerAndBrowser } from './harness.mjs';

const timeout = 60_000;
const fake = !process.env.NOABER_E2E_URL;
const keyfigure = ['sleutelfiguur@noaberveen.nl', 'demo-wachtwoord-sleutel'];
let server;
let browser;

withServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

async function withPage(fn) {
  const context = await phoneContext(browser);
  try {
    return await fn(await context.newPage(), context);
  } finally {
    await context.close();
  }
}


async function login(page, [email, password], next = '/profiel') {
  await page.goto(`${server.url}/inloggen?next=${encodeURIComponent(next)}`);
  await field(page, 'E-mailadres').fill(email);
  await field(page, 'Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL((url) => url.pathname === next);
}

async function noAxeViolations(page, name) {
  await screenshot(page, name);
  assert.deepEqual(await axeViolations(page), [], `axe: ${name}`);
}

/** The link in the header: its name says the count in words, e.g. "Notificaties, 3 nieuw". */
const headerLink = (page, label, count, word) =>
  page.getByRole('banner').getByRole('link', { name: new RegExp(`^${label}\\s*,\\s*${count} ${word}$`) });

describe('the inbox', () => {
  it('marks unread ones with "Nieuw", loads more, and marks one read on opening it', { timeout }, () =>
    withPage(async (page) => {
      const errors = collectErrors(page);
      await login(page, keyfigure, '/notificaties');
      await h1(page, 'Notificaties');
      await page.getByRole('link', { name: 'Instellingen voor notificaties' }).waitFor();
      if (!fake) {
        await page.locator('.noaber-inbox').or(page.getByText('Je hebt nog geen notificaties.')).first().waitFor();
        return noAxeViolations(page, 'inbox-nl');
      }
      const list = page.getByRole('list', { name: 'Notificaties' });
      await list.waitFor();
      assert.equal(await list.getByRole('listitem').count(), 20);
      // Unread is said in words, not only by colour.
      assert.deepEqual(await list.locator('.noaber-badge').allInnerTexts(), ['Nieuw', 'Nieuw', 'Nieuw']);
      await headerLink(page, 'Notificaties', 3, 'nieuw').waitFor();
      assert.equal(await page.getByRole('banner').getByText('(3)').count(), 1, 'the count is visible');
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scrolling at 360 px');
      await noAxeViolations(page, 'inbox-nl');

      await page.getByRole('button', { name: 'Meer laden' }).click();
      await page.waitForFunction(() => document.querySelectorAll('.noaber-inbox li').length === 25);
      assert.equal(await page.getByRole('button', { name: 'Meer laden' }).count(), 0);
      // Focus moves to the first newly loaded item (after the render that adds it).
      await page.waitForFunction(() => document.activeElement?.closest('li') === document.querySelectorAll('.noaber-inbox li')[20],
        null, { timeout: 5000 });

      const first = list.getByRole('link').first();
      const href = await first.getAttribute('href');
      assert.match(href, /^\/gesprekken\//);
      await first.click();
      await page.waitForURL((url) => url.pathname === href);
      await headerLink(page, 'Notificaties', 2, 'nieuw').waitFor();
      await page.goBack();
      await h1(page, 'Notificaties');
      await page.getByRole('list', { name: 'Notificaties' }).waitFor();
      assert.equal(await page.getByRole('list', { name: 'Notificaties' }).locator('.noaber-badge').count(), 2);

      await page.getByRole('button', { name: 'English' }).click();
      await h1(page, 'Notifications');
      await headerLink(page, 'Notifications', 2, 'new').waitFor();
      await noAxeViolations(page, 'inbox-en');
      assert.deepEqual(errors.filter((e) => !/status of 404/.test(e)), [], 'no console errors');
    }));
});

describe('notification settings', () => {
  it('saves the types, quiet hours and tips per day; push on this device fails gracefully', { timeout }, () =>
    withPage(async (page, context) => {
      await login(page, keyfigure);
      await page.getByRole('link', { name: 'Instellingen voor notificaties' }).click();
      await h1(page, 'Instellingen voor notificaties');
      await page.getByText('Seintjes staan uit op dit apparaat.').waitFor();
      const message = page.getByRole('checkbox', { name: 'Nieuw bericht in een gesprek' });
      await message.waitFor();
      // A key figure hears about signals they reported, not about signals assigned to a contact.
      await page.getByRole('checkbox', { name: 'Er is nieuws over een signaal dat jij hebt gemeld' }).waitFor();
      assert.equal(await page.getByRole('checkbox', { name: 'Er is een nieuw signaal voor jou' }).count(), 0);
      await noAxeViolations(page, 'notification-settings-nl');

      const wasChecked = await message.isChecked();
      await message.setChecked(!wasChecked);
      await field(page, 'Stil vanaf').fill('23:30');
      await field(page, 'Stil tot').fill('07:15');
      await field(page, 'Hoeveel tips per dag wil je hoogstens?').fill('25');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByRole('heading', { name: 'Er klopt nog iets niet' }).waitFor();
      await page.locator('#notif-suggestionDailyCap-error').getByText('Kies een aantal van 0 tot 20.').waitFor();
      await page.waitForFunction(() => document.activeElement?.id === 'notif-suggestionDailyCap');
      await noAxeViolations(page, 'notification-settings-error-nl');

      await field(page, 'Hoeveel tips per dag wil je hoogstens?').fill('5');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('Je instellingen zijn opgeslagen.').waitFor();
      await page.reload();
      await h1(page, 'Instellingen voor notificaties');
      await page.getByRole('checkbox', { name: 'Nieuw bericht in een gesprek' }).waitFor();
      assert.equal(await page.getByRole('checkbox', { name: 'Nieuw bericht in een gesprek' }).isChecked(), !wasChecked);
      assert.equal(await field(page, 'Stil vanaf').inputValue(), '23:30');
      assert.equal(await field(page, 'Stil tot').inputValue(), '07:15');
      assert.equal(await field(page, 'Hoeveel tips per dag wil je hoogstens?').inputValue(), '5');
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scrolling at 360 px');

      // Put it back, so a second run against the real server starts the same.
      await page.getByRole('checkbox', { name: 'Nieuw bericht in een gesprek' }).setChecked(wasChecked);
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('Je instellingen zijn opgeslagen.').waitFor();

      // Headless Chromium has no push service: turning push on must say so, not hang or crash.
      await waitForServiceWorker(page);
      await context.grantPermissions(['notifications'], { origin: server.url });
      await page.getByRole('button', { name: 'Seintjes aanzetten' }).click();
      await page.getByText('Seintjes werken niet op dit apparaat of in deze browser.', { exact: false }).waitFor();
      await noAxeViolations(page, 'notification-settings-push-unavailable-nl');
    }));
});

describe('the offer to get push', () => {
  it('comes after saving the profile, not on load, and "Nu niet" keeps it away', { timeout }, () =>
    withPage(async (page) => {
      await login(page, keyfigure);
      await h1(page, 'Mijn profiel');
      const offer = page.getByText('Wil je een seintje krijgen als iemand reageert?', { exact: false });
      assert.equal(await offer.count(), 0, 'not on first load');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('Je gegevens zijn opgeslagen.').waitFor();
      await offer.waitFor();
      await noAxeViolations(page, 'push-offer-nl');
      await page.getByRole('button', { name: 'Nu niet' }).click();
      await page.getByText('Goed, we vragen het je nu niet.', { exact: false }).waitFor();
      await page.waitForFunction(() => document.activeElement?.id === 'push-offer-title', null, { timeout: 2000 }); // focus stays in the card
      await page.reload();
      await h1(page, 'Mijn profiel');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('Je gegevens zijn opgeslagen.').waitFor();
      await page.waitForTimeout(300);
      assert.equal(await offer.count(), 0, 'not again within 30 days');
    }));
});

/**
 * Delivers a push message to the page's service worker through the DevTools
 * protocol, as a push service would.
 */
async function deliverPush(context, page, payload) {
  const cdp = await context.newCDPSession(page);
  const registrations = new Map();
  const versions = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => {
    for (const r of e.registrations) registrations.set(r.registrationId, r);
  });
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => versions.push(...e.versions));
  await cdp.send('ServiceWorker.enable');
  const origin = new URL(server.url).origin;
  let registration;
  for (let i = 0; i < 50 && !registration; i++) {
    registration = [...registrations.values()].find((r) => !r.isDeleted && r.scopeURL === `${origin}/`
      && versions.some((v) => v.registrationId === r.registrationId && v.status === 'activated'));
    if (!registration) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(registration, 'found the active service worker registration');
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin, registrationId: registration.registrationId, data: JSON.stringify(payload),
  });
  return cdp;
}

/** The notifications the service worker shows, once `until` holds for them (within 10 s). */
async function shownNotifications(page, until) {
  for (let i = 0; ; i++) {
    const list = await page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications())
      .map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data, icon: n.icon })));
    if (until(list)) return list;
    if (i >= 100) assert.fail(`notifications shown: ${JSON.stringify(list)}`);
    await page.waitForTimeout(100);
  }
}

describe('the service worker', () => {
  it('shows a notification for a push, tagged by type, and tells the open app', { timeout }, () =>
    withPage(async (page, context) => {
      const errors = collectErrors(page);
      await context.grantPermissions(['notifications'], { origin: new URL(server.url).origin });
      await login(page, keyfigure, '/notificaties');
      await waitForServiceWorker(page);
      await h1(page, 'Notificaties');
      const unreadRequests = [];
      page.on('request', (r) => /\/api\/v1\/notifications\?.*unread=true/.test(r.url()) && unreadRequests.push(r.url()));

      const payload = { type: 'message_new', id: 'n-e2e-1', title: 'Noaber', body: 'Je hebt een nieuw bericht.', url: '/gesprekken/e2e-1' };
      await deliverPush(context, page, payload);
      const shown = await shownNotifications(page, (list) => list.length > 0);
      assert.equal(shown.length, 1);
      assert.equal(shown[0].title, 'Noaber');
      assert.equal(shown[0].body, payload.body);
      assert.equal(shown[0].tag, 'message_new');
      assert.deepEqual(shown[0].data, { url: payload.url, id: payload.id });
      assert.match(shown[0].icon, /\/icons\/icon-192\.png$/);

      // A newer one of the same type replaces the older one.
      await deliverPush(context, page, { ...payload, id: 'n-e2e-2', url: '/gesprekken/e2e-2' });
      await shownNotifications(page, (list) => list.length === 1 && list[0].data.id === 'n-e2e-2');

      // The open app heard of it and refreshed the unread counter.
      for (let i = 0; i < 50 && unreadRequests.length === 0; i++) await page.waitForTimeout(100);
      assert.ok(unreadRequests.length > 0, 'the unread counter was refreshed after the push');
      await screenshot(page, 'push-received');
      assert.deepEqual(errors, [], 'no console errors');
    }));
});
