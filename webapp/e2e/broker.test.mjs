// Browser tests for the broker's workbench (issue 8): the demo broker (Sanne
// Mulder, makelaar@noaberveen.nl, with the demo TOTP secret) opens the queue,
// opens the oldest request and proposes a match to a suggested helper; makes
// a profile for a resident who is not online, posts a request for her and
// answers a neighbour in her conversation; prints the notice board on A4;
// invites a key figure, who registers with the code.
//
// The same journeys run against the real binary (NOABER_E2E_URL, after
// `noaber seed demo`) and against e2e/server.mjs with its test double
// (fake-broker.mjs). Both have the old unmatched request "Hulp bij het
// snoeien van mijn heg" by Lotte Meijer in Esch (BU99990201), the oldest in
// the broker's queue. Each run registers its own helper in Esch with an offer
// in "tuin", so the request has a suggested helper every time.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { collectErrors, field, h1, noAxeViolations, phoneContext, screenshot, unexpected, withServerAndBrowser } from './harness.mjs';
import { totp } from './totp.mjs';

const timeout = 120_000;
const outDir = fileURLToPath(new URL('../../test-output/e2e/', import.meta.url));
const demoTotpSecret = 'NOABERVEENDEMOTOTPSECRETABCDEFGH';
const brokerLogin = ['makelaar@noaberveen.nl', 'demo-wachtwoord-makelaar'];
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
const password = 'een lange zin als wachtwoord';
const oldRequest = 'Hulp bij het snoeien van mijn heg';
let server;
let browser;
let broker; // { context, page, errors }: the broker logs in once

withServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const h2 = (page, name) => page.getByRole('heading', { level: 2, name }).waitFor();



async function register(displayName, postcode, extra = {}) {
  const email = `e2e-broker-${displayName.toLowerCase()}@example.org`;
  const res = await fetch(`${server.url}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ email, password, displayName, postcode, houseNumber: '7', language: 'nl', ...extra }),
  });
  assert.equal(res.status, 201, `register ${displayName}: ${await res.clone().text()}`);
  return { email, displayName, token: (await res.json()).accessToken };
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

/** Logs in through the login screen with the code from the app. */
async function login(page, [email, pw], next) {
  await page.goto(`${server.url}/inloggen?next=${encodeURIComponent(next)}`);
  await field(page, 'E-mailadres').fill(email);
  await field(page, 'Wachtwoord').fill(pw);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  const code = field(page, 'Code uit je app');
  const arrived = page.waitForURL((url) => url.pathname === next).then(() => 'arrived');
  const asked = code.waitFor().then(() => 'code', () => 'no code');
  if ((await Promise.race([arrived, asked])) === 'code') {
    await code.fill(totp(demoTotpSecret));
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await arrived;
  }
}

/** The broker's page, logged in once for all journeys (the first journey logs in). */
async function brokerPage() {
  if (!broker) {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    broker = { context, page, errors: collectErrors(page) };
    await login(page, brokerLogin, '/makelaar');
  }
  return broker;
}

describe("the broker's workbench", () => {
  after(async () => {
    await broker?.context.close();
  });

  it('shows the queue, and a match is proposed for the oldest request', { timeout }, async () => {
    // A neighbour of Lotte (Esch) offers help in the garden.
    const bas = await register(`Bas${run}`, '9999EA');
    await api(bas, 'POST', '/posts', { kind: 'offer', category: 'tuin', title: `Tuinhulp van Bas ${run}`, body: 'Snoeien en maaien.', radiusKm: 3 });

    const { page } = await brokerPage();
    await page.goto(`${server.url}/makelaar`);
    await h1(page, 'Vragen zonder match');
    const menu = page.getByRole('navigation', { name: 'Makelaar' });
    for (const name of ['Wachtrij', 'Bewoners', 'Prikbord', 'Sleutelfiguren']) await menu.getByRole('link', { name }).waitFor();
    assert.equal(await menu.getByRole('link', { name: 'Wachtrij' }).getAttribute('aria-current'), 'page');
    const first = page.locator('.noaber-queue__item').first();
    await first.waitFor();
    assert.equal(await first.getByRole('heading', { level: 2 }).innerText(), oldRequest, 'the oldest request comes first');
    const firstText = await first.innerText();
    assert.match(firstText, /\d+ dagen/, 'its age in days');
    assert.match(firstText, /Lotte Meijer · Esch/, 'author and neighbourhood');
    assert.match(firstText, /Tuin/, 'the category');
    assert.match(firstText, /reactie/, 'the number of responses');
    await noAxeViolations(page, 'broker-queue-nl');

    // Filters: the category and "older than".
    await field(page, 'Soort hulp').selectOption({ label: 'Tuin' });
    await field(page, 'Hoe lang wacht de vraag al?').selectOption({ label: 'Langer dan 3 dagen' });
    await page.getByRole('button', { name: 'Toon vragen' }).click();
    await page.waitForFunction(() => [...document.querySelectorAll('.noaber-queue__item')].every((li) => /Tuin/.test(li.textContent)));
    await page.getByRole('link', { name: oldRequest }).first().click();

    await h1(page, oldRequest);
    await h2(page, 'Wie kan helpen?');
    const helper = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: `Bas${run} · Esch` }) });
    await helper.waitFor();
    assert.ok((await helper.locator('.noaber-match-reasons li').count()) >= 1, 'the helper has reasons');
    await page.getByRole('heading', { level: 2, name: /Notities/ }).waitFor();
    await page.getByText('Alleen voor makelaars').first().waitFor();
    await noAxeViolations(page, 'broker-queue-item-nl');

    await helper.getByRole('button', { name: `Stel een match voor met Bas${run}` }).click();
    const message = field(page, `Je bericht aan Bas${run} en Lotte Meijer`);
    await message.waitFor();
    assert.match(await message.inputValue(), new RegExp(`^Hallo Lotte Meijer en Bas${run}, ik ben Sanne Mulder, buurtmakelaar\\.`), 'a B1 default message');
    await noAxeViolations(page, 'broker-propose-form-nl');
    await page.getByRole('button', { name: 'Match voorstellen' }).click();
    await helper.getByText(`Je voorstel is verstuurd. Bas${run} en Lotte Meijer krijgen allebei een bericht.`).waitFor();
    const proposal = page.locator('.noaber-proposals__item', { hasText: `Bas${run}` });
    await proposal.waitFor();
    assert.match(await proposal.innerText(), /Wacht op antwoord/);
    assert.match(await proposal.innerText(), /Voorgesteld door Sanne Mulder/);

    // Follow-up and a private note.
    await field(page, 'Wanneer wil je opvolgen?').fill('2030-01-15');
    await field(page, 'Waarom? (mag leeg blijven)').fill('Bellen of Bas al geweest is.');
    await page.getByRole('button', { name: 'Opvolgen', exact: true }).click();
    await page.getByText('Opgeslagen. Je volgt deze vraag op.').waitFor();
    await page.getByText('Opvolgen op 15 januari 2030').waitFor();
    await field(page, 'Nieuwe notitie').fill(`Lotte belde zelf, run ${run}.`);
    await page.getByRole('button', { name: 'Notitie opslaan' }).click();
    await page.locator('.noaber-broker-notes li', { hasText: `Lotte belde zelf, run ${run}.` }).waitFor();
    await noAxeViolations(page, 'broker-queue-item-done-nl');

    // Bas has the proposal as a conversation.
    const convs = await api(bas, 'GET', '/conversations');
    assert.ok(convs.items.some((c) => c.post.title === oldRequest), 'the helper has a conversation on the request');

    // Back in the queue: "Match voorgesteld" and the follow-up flag; the filter "alleen opvolgen" finds it.
    await page.getByRole('link', { name: 'Terug naar de wachtrij' }).first().click();
    await h1(page, 'Vragen zonder match');
    await page.getByLabel('Alleen vragen om op te volgen').check();
    await page.getByRole('button', { name: 'Toon vragen' }).click();
    const flagged = page.locator('.noaber-queue__item', { hasText: oldRequest });
    await flagged.getByText('Opvolgen op 15 januari 2030').waitFor();
    await flagged.getByText('Match voorgesteld').waitFor();
    assert.deepEqual(unexpected(broker.errors), [], 'no console errors');
  });

  it('makes a profile for a resident who is not online, posts for her and writes in her conversation', { timeout }, async () => {
    const { page } = await brokerPage();
    const name = `Greet${run}`;
    await page.goto(`${server.url}/makelaar/bewoners`);
    await h1(page, 'Bewoners die niet online zijn');
    await noAxeViolations(page, 'broker-residents-nl');
    await page.getByRole('link', { name: 'Nieuwe bewoner toevoegen' }).click();
    await h1(page, 'Nieuwe bewoner toevoegen');
    await page.getByRole('button', { name: 'Bewoner toevoegen' }).click();
    await page.getByRole('heading', { name: 'Er klopt nog iets niet' }).waitFor();
    await noAxeViolations(page, 'broker-resident-new-errors-nl');
    await field(page, 'Naam').fill(name);
    await field(page, 'Postcode').fill('9999 AA');
    await field(page, 'Telefoonnummer (mag leeg blijven)').fill('0591 111222');
    assert.match(await field(page, 'Toestemming gekregen op').inputValue(), /^\d{4}-\d{2}-\d{2}$/, 'today by default');
    await field(page, 'Hoe kreeg je toestemming? (mag leeg blijven)').fill('Mondeling, bij het buurthuis.');
    await page.getByRole('button', { name: 'Bewoner toevoegen' }).click();

    await h1(page, name);
    await page.getByText('Toestemming gekregen op').first().waitFor();
    await noAxeViolations(page, 'broker-resident-nl');
    const residentPath = new URL(page.url()).pathname;
    await page.getByRole('link', { name: `Plaats een vraag voor ${name}` }).click();
    await h1(page, 'Vraag hulp');
    await page.getByText(`Je plaatst deze vraag voor ${name}.`).waitFor();
    await noAxeViolations(page, 'broker-post-for-resident-nl');
    await field(page, 'Soort hulp').selectOption({ label: 'Boodschappen' });
    const title = `Boodschappen voor ${name}`;
    await field(page, 'Korte titel').fill(title);
    await field(page, 'Vertel wat meer').fill('Elke vrijdag een paar boodschappen. Ik loop slecht.');
    await page.getByRole('button', { name: 'Vraag plaatsen' }).click();
    await h1(page, title);
    const postId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
    await page.getByText(name).first().waitFor();

    // In the queue, with the resident as author, marked "Niet online".
    await page.goto(`${server.url}/makelaar`);
    await h1(page, 'Vragen zonder match');
    await field(page, 'Soort hulp').selectOption({ label: 'Boodschappen' });
    await page.getByRole('button', { name: 'Toon vragen' }).click();
    const card = page.locator('.noaber-queue__item', { hasText: title });
    for (let i = 0; i < 10 && !(await card.count()); i++) {
      const more = page.getByRole('button', { name: 'Meer laden' });
      if (await more.count()) await more.click();
      await page.waitForTimeout(300);
    }
    await card.waitFor();
    assert.match(await card.innerText(), new RegExp(`${name} · Centrum`));
    assert.match(await card.innerText(), /Niet online/);

    // A neighbour responds; the broker reads and answers for Greet.
    const piet = await register(`Piet${run}`, '9999AB');
    await api(piet, 'POST', `/posts/${postId}/responses`, { message: 'Ik doe op vrijdag boodschappen. Zal ik die van u meenemen?' });
    await page.goto(`${server.url}${residentPath}`);
    await h1(page, name);
    await page.getByRole('link', { name: `Gesprek met Piet${run}` }).click();
    await h1(page, `Gesprek van ${name} met Piet${run}`);
    await page.getByText('Ik doe op vrijdag boodschappen.', { exact: false }).waitFor();
    await field(page, `Bericht namens ${name}`).fill('Graag! Greet is thuis na 10 uur.');
    await page.getByRole('button', { name: 'Versturen' }).click();
    const mine = page.locator('.noaber-message', { hasText: 'Graag! Greet is thuis na 10 uur.' });
    await mine.waitFor();
    assert.match(await mine.innerText(), /\(via Sanne Mulder\)/);
    await noAxeViolations(page, 'broker-resident-chat-nl');
    const seen = await api(piet, 'GET', '/conversations');
    const conv = seen.items.find((c) => c.post.id === postId);
    assert.equal(conv.other.displayName, name, 'the neighbour sees the resident, not the broker');
    assert.deepEqual(unexpected(broker.errors), [], 'no console errors');
  });

  it('prints the notice board on A4 in large type, without header or menu', { timeout }, async () => {
    const { page } = await brokerPage();
    await page.goto(`${server.url}/makelaar/prikbord`);
    await h1(page, 'Prikbord printen');
    await noAxeViolations(page, 'broker-noticeboard-choose-nl');
    await field(page, 'Buurt of wijk').selectOption({ label: 'Esch' });
    await page.getByRole('button', { name: 'Toon prikbord' }).click();
    await h1(page, 'Prikbord Esch');
    assert.match(new URL(page.url()).search, /^\?week=\d{4}-W\d{2}$/);
    await h2(page, 'Wie kan helpen?');
    await h2(page, 'Buren bieden aan');
    const requests = page.locator('section', { has: page.getByRole('heading', { name: 'Wie kan helpen?' }) });
    await requests.getByRole('heading', { level: 3, name: oldRequest }).waitFor();
    assert.match(await requests.innerText(), /Lotte · Esch/, 'first names only');
    assert.match(await page.locator('.noaber-board').innerText(), /Reageren via: Sanne Mulder, 0591 123456/);
    const order = await page.locator('.noaber-board__section-title').allInnerTexts();
    assert.deepEqual(order, ['Wie kan helpen?', 'Buren bieden aan'], 'requests, then offers');
    await page.getByRole('button', { name: 'Print' }).waitFor();
    await noAxeViolations(page, 'broker-noticeboard-nl');

    // The week picker: next week and back.
    const week = new URL(page.url()).searchParams.get('week');
    await page.getByRole('button', { name: 'Volgende week' }).click();
    await page.waitForURL((url) => url.searchParams.get('week') !== week);
    await page.getByRole('button', { name: 'Vorige week' }).click();
    await page.waitForURL((url) => url.searchParams.get('week') === week);
    await h1(page, 'Prikbord Esch');

    // On paper: no header, menu, footer or buttons; at least 14pt text.
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => {
      const shown = (el) => Boolean(el) && getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0;
      const px = (sel) => Math.min(...[...document.querySelectorAll(sel)].map((el) => parseFloat(getComputedStyle(el).fontSize)));
      return {
        header: shown(document.querySelector('.noaber-layout > header')),
        nav: [...document.querySelectorAll('nav')].some(shown),
        footer: shown(document.querySelector('.noaber-layout > footer')),
        printButton: [...document.querySelectorAll('button')].some(shown),
        board: shown(document.querySelector('.noaber-board')),
        items: document.querySelectorAll('.noaber-board__item').length,
        smallestPx: px('.noaber-board p, .noaber-board h1, .noaber-board h2, .noaber-board h3'),
      };
    });
    assert.deepEqual({ header: printed.header, nav: printed.nav, footer: printed.footer, printButton: printed.printButton, board: printed.board },
      { header: false, nav: false, footer: false, printButton: false, board: true });
    assert.ok(printed.items >= 2, `posts are listed: ${printed.items}`);
    assert.ok(printed.smallestPx >= 14 * (96 / 72) - 0.01, `text is at least 14pt: ${printed.smallestPx}px`);
    await mkdir(outDir, { recursive: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    await writeFile(`${outDir}broker-noticeboard-a4.pdf`, pdf);
    await page.screenshot({ path: `${outDir}broker-noticeboard-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    assert.deepEqual(unexpected(broker.errors), [], 'no console errors');
  });

  it('invites a key figure, who registers with the code', { timeout }, async () => {
    const { page } = await brokerPage();
    const email = `e2e-broker-kf-${run}@example.org`;
    await page.goto(`${server.url}/makelaar/sleutelfiguren`);
    await h1(page, 'Sleutelfiguren');
    await h2(page, 'Sleutelfiguren in jouw buurten');
    await noAxeViolations(page, 'broker-keyfigures-nl');
    await field(page, 'E-mailadres').fill(email);
    await field(page, 'Naam').fill(`Karin${run}`);
    await field(page, 'Voor welke buurt?').selectOption({ label: 'Esch' });
    await page.getByRole('button', { name: 'Uitnodigen' }).click();
    await h2(page, `Uitnodiging voor Karin${run} is klaar`);
    const code = (await page.locator('.noaber-invite-done code').innerText()).trim();
    assert.ok(code.length > 3, 'a one-time code');
    const href = await page.getByRole('link', { name: /\/registreren\?uitnodiging=/ }).getAttribute('href');
    assert.equal(href, `/registreren?uitnodiging=${encodeURIComponent(code)}`);
    await noAxeViolations(page, 'broker-keyfigure-invited-nl');

    const context = await phoneContext(browser);
    const kf = await context.newPage();
    const errors = collectErrors(kf);
    try {
      await kf.goto(`${server.url}/registreren?uitnodiging=WRONG-${run}`);
      await h1(kf, 'Account maken');
      assert.equal(await field(kf, 'Uitnodigingscode').inputValue(), `WRONG-${run}`);
      await field(kf, 'E-mailadres').fill(email);
      await field(kf, 'Wachtwoord').fill(password);
      await field(kf, 'Hoe mogen buren je noemen?').fill(`Karin${run}`);
      await field(kf, 'Postcode').fill('9999 EA');
      await field(kf, 'Huisnummer').fill('5');
      await kf.getByRole('button', { name: 'Account maken' }).click();
      await kf.getByText('Deze code klopt niet, of hoort bij een ander e-mailadres.', { exact: false }).first().waitFor();
      await kf.waitForFunction(() => document.activeElement?.id === 'register-invitationCode');
      await noAxeViolations(kf, 'register-invitation-wrong-nl');
      await field(kf, 'Uitnodigingscode').fill(code);
      await kf.getByRole('button', { name: 'Account maken' }).click();
      await kf.waitForURL((url) => url.pathname === '/profiel');
      // The key figure's menu: report a signal.
      await kf.getByRole('link', { name: 'Signaal melden' }).first().waitFor();
      assert.deepEqual(unexpected(errors), [], 'no console errors for the key figure');
    } finally {
      await context.close();
    }

    await page.reload();
    await h1(page, 'Sleutelfiguren');
    await page.locator('.noaber-queue__item', { hasText: `Karin${run}` }).waitFor();
    assert.deepEqual(unexpected(broker.errors), [], 'no console errors');
  });
});
