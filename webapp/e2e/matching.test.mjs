// Browser tests for matching (issue 6): a requester sees "Wie kan helpen?"
// with the reasons on her request and asks a suggested helper privately,
// who then has the conversation; the helper sees "Hier kun jij helpen" on
// the home screen and says "Nee, dank je" to one request, which goes away.
//
// Two residents are registered through the API each run (demo area Centrum,
// 9999AA), in the category "tuin", which the demo data leaves empty, so this
// runs the same against NOABER_E2E_URL (the real Go server after `noaber
// seed demo`) and against e2e/server.mjs with its test double
// (fake-market.mjs).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { field, h1, newPhonePage, noAxeViolations, withServerAndBrowser } from './harness.mjs';

const timeout = 150_000;
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
const password = 'een lange zin als wachtwoord';
let server;
let browser;

withServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});



async function register(displayName, postcode) {
  const email = `e2e-match-${displayName.toLowerCase()}-${run}@example.org`;
  const res = await fetch(`${server.url}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ email, password, displayName, postcode, houseNumber: '9', language: 'nl' }),
  });
  assert.equal(res.status, 201, `register ${displayName}: ${await res.clone().text()}`);
  const { accessToken } = await res.json();
  return { email, displayName, token: accessToken };
}

async function api(person, method, path, body) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${person.token}`, Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${await res.clone().text()}`);
  return res.status === 204 ? null : res.json();
}

const post = (person, kind, title, body) =>
  api(person, 'POST', '/posts', { kind, category: 'tuin', title, body, radiusKm: 2 });

async function login(page, person, next) {
  await page.goto(`${server.url}/inloggen?next=${encodeURIComponent(next)}`);
  await field(page, 'E-mailadres').fill(person.email);
  await field(page, 'Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL((url) => url.pathname === next);
}

async function newPage(options) {
  return newPhonePage(browser, options);
}

describe('matching', () => {
  it('suggests helpers and requests, asks privately and declines', { timeout }, async () => {
    const anouk = await register('Anouk', '9999AA');
    const bas = await register('Bas', '9999AA');
    await post(bas, 'offer', `Ik help graag in de tuin ${run}`, 'Snoeien, maaien en onkruid wieden.');
    const hedge = await post(anouk, 'request', `Wie knipt mijn heg ${run}?`, 'De heg is te hoog voor mij.');
    const grass = await post(anouk, 'request', `Wie maait mijn gras ${run}?`, 'Het gras is erg lang.');
    const a = await newPage();
    const b = await newPage();
    try {
      // --- Anouk sees who can help with her request, and asks Bas ---------------
      let page = a.page;
      await login(page, anouk, `/vragen/${hedge.id}`);
      await h1(page, hedge.title);
      await page.getByRole('heading', { level: 2, name: 'Wie kan helpen?' }).waitFor();
      const helper = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: /^Bas · Centrum$/ }) });
      await helper.waitFor();
      const reasons = await helper.locator('.noaber-match-reasons li').allInnerTexts();
      assert.ok(reasons.length >= 1 && reasons.length <= 3, `1–3 reasons: ${reasons}`);
      assert.ok(reasons.some((r) => /Biedt hulp aan bij tuin/i.test(r)), `a reason names the offer: ${reasons}`);
      await noAxeViolations(page, 'matching-who-can-help-nl');

      await helper.getByRole('button', { name: 'Vraag Bas' }).click();
      const message = field(page, 'Je bericht aan Bas');
      await message.waitFor();
      assert.match(await message.inputValue(), /^Hallo Bas, /, 'a default message to start from');
      await noAxeViolations(page, 'matching-ask-form-nl');
      await message.fill('Hallo Bas, wil jij zaterdag mijn heg knippen?');
      await page.getByRole('button', { name: 'Bericht sturen' }).click();
      await h1(page, 'Gesprek met Bas');
      const conversationPath = new URL(page.url()).pathname;
      assert.match(conversationPath, /^\/gesprekken\/[^/]+$/);
      await page.getByText('Hallo Bas, wil jij zaterdag mijn heg knippen?').waitFor();

      // --- Bas has the conversation ---------------------------------------------
      page = b.page;
      await login(page, bas, '/gesprekken');
      await h1(page, 'Gesprekken');
      await page.getByRole('link', { name: /Gesprek met Anouk/ }).click();
      await h1(page, 'Gesprek met Anouk');
      assert.equal(new URL(page.url()).pathname, conversationPath);
      await page.getByText('Hallo Bas, wil jij zaterdag mijn heg knippen?').waitFor();

      // --- Bas sees where he can help, and says no to one -----------------------
      await page.goto(`${server.url}/`);
      await h1(page, 'Welkom bij Noaber');
      await page.getByRole('heading', { level: 2, name: 'Hier kun jij helpen' }).waitFor();
      const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: `Bekijk de vraag: ${grass.title}` }) });
      await card.waitFor();
      assert.match(await card.innerText(), /Anouk · Centrum/);
      assert.ok((await card.locator('.noaber-match-reasons li').count()) >= 1, 'the card has reasons');
      assert.ok((await page.locator('.noaber-match-card').count()) <= 3, 'at most three cards');
      await noAxeViolations(page, 'matching-here-you-can-help-nl');
      await card.getByRole('button', { name: `Nee, dank je: ${grass.title}` }).click();
      await page.getByText('Goed. We vragen het je niet meer voor deze vraag.').waitFor();
      await card.waitFor({ state: 'detached' });
      await noAxeViolations(page, 'matching-declined-nl');
      const after = await api(bas, 'GET', '/me/suggestions');
      assert.ok(!after.items.some((s) => s.post.id === grass.id), 'a declined request is not suggested again');

      assert.deepEqual(a.errors, [], 'no console errors for Anouk');
      assert.deepEqual(b.errors, [], 'no console errors for Bas');
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });
});
