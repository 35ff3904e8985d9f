// Browser tests for the marketplace (issue 4): one resident asks for help, a
// neighbour finds it in the feed and reacts, they talk, the author makes an
// arrangement, both say it happened, the author says thanks and the helper
// sees it; and a post written without a connection waits in the outbox,
// "wordt verstuurd", and arrives exactly once when the connection is back,
// even when the answer to the first attempt is lost.
//
// Two residents are registered through the API each run (postcodes of the
// demo area Centrum, 9999AA/9999AB), so this runs the same against
// NOABER_E2E_URL (the real Go server) and against e2e/server.mjs with its
// test double (fake-market.mjs).
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



/**
 * Registers a resident through the API, once per run (the server allows only
 * a few registrations an hour from one address); returns what the tests need
 * to log in and to ask the server.
 */
const residents = new Map();
const resident = (displayName, postcode) => {
  if (!residents.has(displayName)) residents.set(displayName, register(displayName, postcode));
  return residents.get(displayName);
};

async function register(displayName, postcode) {
  const email = `e2e-markt-${displayName.toLowerCase()}-${run}@example.org`;
  const res = await fetch(`${server.url}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ email, password, displayName, postcode, houseNumber: '7', language: 'nl' }),
  });
  assert.equal(res.status, 201, `register ${displayName}: ${await res.clone().text()}`);
  const { accessToken } = await res.json();
  return { email, displayName, token: accessToken };
}

async function apiGet(person, path) {
  const res = await fetch(`${server.url}/api/v1${path}`, { headers: { Authorization: `Bearer ${person.token}`, Accept: 'application/json' } });
  assert.equal(res.status, 200, `GET ${path}`);
  return res.json();
}

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

/** Console errors, except the 4xx answers and lost connections a test provokes on purpose. */
const unexpected = (errors) => errors.filter((e) => !/status of 4\d\d|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_RESET|Failed to fetch/.test(e));

describe('the marketplace', () => {
  it('asks, finds, reacts, talks, agrees, confirms and thanks', { timeout }, async () => {
    const ans = await resident('Ans', '9999AA');
    const bert = await resident('Bert', '9999AB');
    const a = await newPage();
    const b = await newPage();
    const title = `Wie helpt met boodschappen ${run}?`;
    try {
      // --- Ans asks for help --------------------------------------------------------
      let page = a.page;
      await login(page, ans, '/vragen');
      await h1(page, 'Vragen en aanbod');
      const nav = page.getByRole('navigation', { name: 'Vragen en aanbod' });
      for (const name of ['Vragen en aanbod', 'Gesprekken', 'Afspraken', 'Geven en nemen']) await nav.getByRole('link', { name }).first().waitFor();
      await noAxeViolations(page, 'market-feed-nl');

      await page.getByRole('link', { name: 'Vraag hulp' }).first().click();
      await h1(page, 'Vraag hulp');
      assert.ok(await page.getByRole('radio', { name: /^Ik vraag hulp/ }).isChecked(), 'the kind comes from the button');
      await page.getByText('Bijvoorbeeld: Wie kan mij helpen met boodschappen op dinsdag?').waitFor();
      assert.equal(await field(page, 'Hoe ver weg mogen buren wonen?').inputValue(), '2', 'radius 2 km by default');
      await page.getByRole('button', { name: 'Vraag plaatsen' }).click();
      await page.getByRole('heading', { name: 'Er klopt nog iets niet' }).waitFor();
      await page.waitForFunction(() => document.activeElement?.id === 'post-category', null, { timeout: 5000 });
      assert.equal(await field(page, 'Korte titel').getAttribute('aria-invalid'), 'true');
      await noAxeViolations(page, 'market-post-new-errors-nl');

      await field(page, 'Soort hulp').selectOption({ label: 'Boodschappen' });
      await field(page, 'Korte titel').fill(title);
      await field(page, 'Vertel wat meer').fill('Ik kan slecht lopen. Wie haalt dinsdag wat boodschappen bij de supermarkt?');
      await field(page, 'Wanneer? (mag leeg blijven)').fill('dinsdagochtend');
      await field(page, 'Hoe vaak?').selectOption('weekly');
      await page.getByRole('button', { name: 'Vraag plaatsen' }).click();
      await h1(page, title);
      const postPath = new URL(page.url()).pathname;
      assert.match(postPath, /^\/vragen\/[^/]+$/);
      await page.getByText('dinsdagochtend, elke week').waitFor();
      await page.getByText('Nog geen reacties.', { exact: false }).waitFor();
      await noAxeViolations(page, 'market-post-author-nl');

      // --- Bert finds it and reacts -----------------------------------------------
      page = b.page;
      await login(page, bert, '/vragen');
      await h1(page, 'Vragen en aanbod');
      await page.getByText('Zoeken en filteren').click();
      await field(page, 'Zoek op een woord').fill(run);
      await field(page, 'Wat wil je zien?').selectOption('request');
      await page.getByRole('button', { name: 'Zoeken' }).click();
      const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title }) });
      await card.waitFor();
      assert.match(await card.innerText(), /Vraag/);
      assert.match(await card.innerText(), /Boodschappen/);
      assert.match(await card.innerText(), /Ans/);
      assert.match(await card.innerText(), /In jouw buurt/);
      assert.match(await card.innerText(), /Centrum/);
      await noAxeViolations(page, 'market-feed-filtered-nl');
      await card.getByRole('link', { name: title }).click();
      await h1(page, title);
      await page.getByRole('heading', { level: 2, name: 'Reageer' }).waitFor();
      await page.getByRole('button', { name: 'Blokkeer deze persoon' }).waitFor();
      await noAxeViolations(page, 'market-post-reader-nl');
      await field(page, 'Je reactie').fill('Ik kan dinsdag om 10 uur. Past dat?');
      await page.getByRole('button', { name: 'Reageer' }).click();
      await h1(page, 'Gesprek met Ans');
      const conversationPath = new URL(page.url()).pathname;
      await page.getByText('Ik kan dinsdag om 10 uur. Past dat?').waitFor();
      await field(page, 'Je bericht').fill('Ik neem zelf een tas mee.');
      await page.getByRole('button', { name: 'Versturen' }).click();
      await page.locator('.noaber-message').filter({ hasText: 'Ik neem zelf een tas mee.' }).waitFor();
      await noAxeViolations(page, 'market-conversation-responder-nl');

      // --- Ans sees the unread messages, answers and makes the arrangement ---------
      page = a.page;
      await page.goto(`${server.url}/gesprekken`);
      await h1(page, 'Gesprekken');
      await page.getByRole('navigation', { name: 'Vragen en aanbod' }).getByRole('link', { name: /Gesprekken.*2 nieuw/ }).waitFor();
      const item = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: /Gesprek met Bert/ }) });
      assert.match(await item.innerText(), /2 nieuw/);
      await noAxeViolations(page, 'market-conversations-nl');
      await item.getByRole('link', { name: /Gesprek met Bert/ }).click();
      await h1(page, 'Gesprek met Bert');
      assert.equal(new URL(page.url()).pathname, conversationPath);
      const bubbles = page.locator('.noaber-message__body');
      await bubbles.nth(1).waitFor();
      assert.deepEqual(await bubbles.allInnerTexts(), ['Ik kan dinsdag om 10 uur. Past dat?', 'Ik neem zelf een tas mee.'], 'newest at the bottom');
      await page.getByRole('navigation', { name: 'Vragen en aanbod' }).getByRole('link', { name: 'Gesprekken', exact: true }).waitFor();
      await field(page, 'Je bericht').fill('Ja graag, tot dinsdag!');
      await page.getByRole('button', { name: 'Versturen' }).click();
      await page.locator('.noaber-message--mine').filter({ hasText: 'Ja graag, tot dinsdag!' }).waitFor();
      await noAxeViolations(page, 'market-conversation-author-nl');
      await page.getByRole('button', { name: 'Afspraak maken' }).click();
      await h1(page, title);
      assert.match(new URL(page.url()).pathname, /^\/afspraken\/[^/]+$/);
      const exchangePath = new URL(page.url()).pathname;
      await page.getByText('Status: Afgesproken').waitFor();
      await noAxeViolations(page, 'market-exchange-agreed-nl');
      await page.getByRole('radio', { name: 'Ja, het is gelukt' }).check();
      await page.getByRole('button', { name: 'Antwoord versturen' }).click();
      await page.getByText('Fijn dat het gelukt is!').waitFor();
      await page.getByText('We wachten nog op Bert.').waitFor();

      // --- Bert says it happened too, with the hours -------------------------------
      page = b.page;
      await page.goto(`${server.url}/afspraken`);
      await h1(page, 'Afspraken');
      await page.getByText('Jij helpt Ans').waitFor();
      await noAxeViolations(page, 'market-exchanges-nl');
      await page.getByRole('link', { name: title }).click();
      await h1(page, title);
      assert.equal(new URL(page.url()).pathname, exchangePath);
      await page.getByRole('heading', { level: 2, name: 'Is het gelukt?' }).waitFor();
      await page.getByRole('radio', { name: 'Ja, het is gelukt' }).check();
      await field(page, 'Hoeveel uur heb je geholpen? (mag leeg blijven)').fill('1,5');
      await noAxeViolations(page, 'market-exchange-check-nl');
      await page.getByRole('button', { name: 'Antwoord versturen' }).click();
      await page.getByText('Status: Gelukt').waitFor();

      // --- Ans thanks Bert ------------------------------------------------------
      page = a.page;
      await page.reload();
      await page.getByText('Status: Gelukt').waitFor();
      await page.getByRole('heading', { level: 2, name: 'Bedank Bert' }).waitFor();
      await field(page, 'Je bedankje').fill('Dank je wel, Bert! Heel fijn.');
      await page.getByRole('button', { name: 'Bedankje versturen' }).click();
      await page.getByText('Je bedankje is verstuurd.').waitFor();
      await page.getByRole('heading', { level: 2, name: 'Jouw bedankje' }).waitFor();
      await noAxeViolations(page, 'market-exchange-thanked-nl');
      await page.goto(`${server.url}/mijn-vragen`);
      await h1(page, 'Mijn vragen en aanbod');
      await page.getByRole('listitem').filter({ hasText: title }).getByText('Staat open').waitFor(); // weekly: stays open for more arrangements
      await noAxeViolations(page, 'market-my-posts-nl');

      // --- Bert sees the thanks, and his give and take ------------------------------
      page = b.page;
      await page.reload();
      await page.getByRole('heading', { level: 2, name: 'Bedankje van Ans' }).waitFor();
      await page.getByText('Dank je wel, Bert! Heel fijn.').waitFor();
      await noAxeViolations(page, 'market-exchange-thanks-seen-nl');
      await page.goto(`${server.url}/geven-en-nemen`);
      await h1(page, 'Geven en nemen');
      await page.getByText('Je hebt 1 keer geholpen. Je bent 0 keer geholpen.').waitFor();
      await page.getByText('Bekijk de aantallen per maand').click();
      await page.getByRole('table', { name: 'Per maand, het laatste jaar' }).waitFor();
      await noAxeViolations(page, 'market-reciprocity-nl');

      await page.goto(`${server.url}/vakantiestand`);
      await h1(page, 'Vakantiestand');
      await page.getByText('De vakantiestand staat uit.').waitFor();
      await noAxeViolations(page, 'market-pause-nl');
      await page.getByRole('button', { name: 'Vakantiestand aanzetten' }).click();
      await page.getByText('De vakantiestand staat aan.').waitFor();
      await page.getByRole('button', { name: 'Vakantiestand uitzetten' }).click();
      await page.getByText('De vakantiestand staat nu uit.', { exact: false }).waitFor();

      await page.goto(`${server.url}/geblokkeerd`);
      await h1(page, 'Geblokkeerde mensen');
      await page.getByText('Je hebt niemand geblokkeerd.').waitFor();
      await noAxeViolations(page, 'market-blocked-nl');

      // --- A message written offline waits, then arrives once ------------------------
      await page.goto(`${server.url}${conversationPath}`);
      await h1(page, 'Gesprek met Ans');
      await b.context.setOffline(true);
      await field(page, 'Je bericht').fill('Tot volgende week!');
      await page.getByRole('button', { name: 'Versturen' }).click();
      const waiting = page.locator('.noaber-outbox__item').filter({ hasText: 'Tot volgende week!' });
      await waiting.getByText('Wordt verstuurd zodra je internet hebt').waitFor();
      await noAxeViolations(page, 'market-conversation-offline-nl');
      await b.context.setOffline(false);
      await page.locator('.noaber-message--mine').filter({ hasText: 'Tot volgende week!' }).waitFor();
      await waiting.waitFor({ state: 'detached' });
      const sent = await apiGet(bert, `/conversations/${conversationPath.split('/').pop()}/messages?limit=50`);
      assert.equal(sent.items.filter((m) => m.body === 'Tot volgende week!').length, 1, 'the message arrived once');

      assert.deepEqual(unexpected(a.errors), [], 'no console errors for Ans');
      assert.deepEqual(unexpected(b.errors), [], 'no console errors for Bert');
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  it('keeps a post written offline in the outbox and sends it exactly once, also when the first answer is lost', { timeout }, async () => {
    const ans = await resident('Ans', '9999AA');
    const title = `Ik laat uw hond uit ${run}`;
    // Service workers blocked: page.route must see every request (a controlled
    // page's fetches may bypass it), and the outbox lives in the page anyway.
    const c = await newPage({
      viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'nl-NL', serviceWorkers: 'block',
    });
    const { page, context } = c;
    try {
      await login(page, ans, '/vragen');
      await page.getByRole('link', { name: 'Bied hulp aan' }).first().click();
      await h1(page, 'Bied hulp aan');
      await field(page, 'Soort hulp').selectOption({ label: 'Dieren en hond uitlaten' });
      await field(page, 'Korte titel').fill(title);
      await field(page, 'Vertel wat meer').fill('In het weekend heb ik tijd. Ik loop graag een uurtje.');

      await context.setOffline(true);
      await page.getByText('Je hebt nu geen internet.', { exact: false }).first().waitFor();
      await page.getByRole('button', { name: 'Aanbod plaatsen' }).click();
      await h1(page, 'Je bericht wordt verstuurd');
      await page.getByText('Wordt verstuurd zodra je internet hebt').waitFor();
      await page.getByText(title).waitFor();
      await noAxeViolations(page, 'market-outbox-waiting-nl');
      const stored = await page.evaluate(() => new Promise((resolve, reject) => {
        const req = indexedDB.open('noaber-outbox');
        req.onsuccess = () => {
          const all = req.result.transaction('items').objectStore('items').getAll();
          all.onsuccess = () => resolve(all.result);
          all.onerror = () => reject(all.error);
        };
      }));
      assert.equal(stored.length, 1, 'one item in IndexedDB');
      assert.match(stored[0].key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a random UUID as key');

      // The first POST reaches the server, but its answer is lost on the way back.
      const attempts = [];
      await page.route('**/api/v1/posts', async (route) => {
        const req = route.request();
        if (req.method() !== 'POST') return route.continue();
        attempts.push({ key: await req.headerValue('idempotency-key'), body: req.postDataJSON() });
        if (attempts.length === 1) {
          const answer = await route.fetch();
          assert.equal(answer.status(), 201, 'the server made the post');
          return route.abort('connectionreset');
        }
        return route.continue();
      });
      await context.setOffline(false);
      await h1(page, 'Je bericht is geplaatst');
      await noAxeViolations(page, 'market-outbox-arrived-nl');

      assert.equal(attempts.length, 2, 'sent again after the lost answer');
      assert.equal(attempts[0].key, stored[0].key, 'with the key made when it was written');
      assert.equal(attempts[1].key, stored[0].key, 'and the same key again');
      assert.equal(attempts[0].body.title, title);
      const mine = await apiGet(ans, '/me/posts?limit=100');
      assert.equal(mine.items.filter((p) => p.title === title).length, 1, 'exactly one post on the server');
      assert.equal(await page.evaluate(() => new Promise((resolve) => {
        const req = indexedDB.open('noaber-outbox');
        req.onsuccess = () => {
          const n = req.result.transaction('items').objectStore('items').count();
          n.onsuccess = () => resolve(n.result);
        };
      })), 0, 'the outbox is empty');

      await page.getByRole('link', { name: 'Bekijk je bericht' }).click();
      await h1(page, title);
      assert.deepEqual(unexpected(c.errors), [], 'no console errors');
    } finally {
      await context.close();
    }
  });
});
