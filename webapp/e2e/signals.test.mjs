// Browser tests for signals: a key figure reports a worry in three steps, the
// contact person of the area team picks it up with a public update, the key
// figure sees that, and the admin sees the reads and writes in the processing
// log. Against NOABER_E2E_URL they use the demo data: Kees Visser (key
// figure), Anna de Vries (contact of Esch, BU99990201, through Gebiedsteam
// Noord) and the admin, both with the demo TOTP secret. Each run of the first
// journey adds one signal (the server has a daily limit per key figure).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { field, h1, newPhonePage, noAxeViolations, screenshot, unexpected, withServerAndBrowser } from './harness.mjs';
import { totp } from './totp.mjs';

const timeout = 90_000;
const fake = !process.env.NOABER_E2E_URL;
const demoTotpSecret = 'NOABERVEENDEMOTOTPSECRETABCDEFGH';
const demo = {
  keyfigure: ['sleutelfiguur@noaberveen.nl', 'demo-wachtwoord-sleutel'],
  contact: ['contact@noaberveen.nl', 'demo-wachtwoord-contact'],
  admin: ['beheerder@noaberveen.nl', 'demo-wachtwoord-beheer'],
};
let server;
let browser;

withServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const h2 = (page, name) => page.getByRole('heading', { level: 2, name }).waitFor();


/** Logs in through the login screen, with the code from the app when the account asks for one. */
async function login(page, [email, password], next) {
  await page.goto(`${server.url}/inloggen?next=${encodeURIComponent(next)}`);
  await field(page, 'E-mailadres').fill(email);
  await field(page, 'Wachtwoord').fill(password);
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

async function newPage(options) {
  return newPhonePage(browser, options);
}


describe('a signal from key figure to contact person', () => {
  it('is reported in three steps, picked up with a public update, seen by the reporter and logged', { timeout }, async () => {
    const kf = await newPage();
    const ct = await newPage();
    const ad = await newPage();
    try {
      // --- The key figure reports -------------------------------------------------
      const { page } = kf;
      await login(page, demo.keyfigure, '/signalen/nieuw');
      await h1(page, 'Signaal melden');
      await page.getByRole('navigation', { name: 'Signalen' }).getByRole('link', { name: 'Mijn signalen' }).waitFor();
      assert.equal(await page.locator('[aria-current="step"]').innerText().then((s) => s.split('\n')[0]), 'Stap 1 van 3');
      await noAxeViolations(page, 'signal-step1-nl');

      await page.getByRole('button', { name: 'Volgende stap' }).click();
      await page.getByRole('heading', { name: 'Er klopt nog iets niet' }).waitFor();
      // Focus moves to the first bad field a moment after the summary appears.
      await page.waitForFunction(() => document.activeElement?.id === 'signal-postcode', null, { timeout: 5000 });
      await noAxeViolations(page, 'signal-step1-errors-nl');

      await field(page, 'Postcode van de persoon').fill('9999 EA');
      await page.getByText('Deze postcode hoort bij de buurt Esch.').waitFor();
      await field(page, 'Hoe kan je contactpersoon de persoon vinden?').fill('Mevrouw Jansen, Dorpsstraat');
      await field(page, 'Nee').check();
      await page.getByRole('button', { name: 'Volgende stap' }).click();

      await h2(page, /Waar maak je je zorgen over\?/);
      await page.getByRole('checkbox', { name: /^Ontmoeten/ }).check();
      await page.getByRole('checkbox', { name: /^Zorgen/ }).check();
      await page.getByRole('radio', { name: /^Zorgelijk/ }).check();
      assert.equal(await page.getByRole('alert').count(), 0, 'no emergency box for "zorgelijk"');
      await noAxeViolations(page, 'signal-step2-nl');
      await page.getByRole('button', { name: 'Volgende stap' }).click();

      await h2(page, /Wat is er aan de hand\?/);
      await field(page, 'Wat zie of hoor je?').fill('Ze komt al drie weken niet meer naar de club en doet de deur niet open.');
      await field(page, 'Op welk nummer kan je contactpersoon je bellen?').fill('06 12345678');
      await page.getByText('Ontmoeten, Zorgen').waitFor();
      await noAxeViolations(page, 'signal-step3-nl');
      await page.getByRole('button', { name: 'Versturen' }).click();

      await h1(page, 'Je signaal is verstuurd');
      const promise = await page.locator('.noaber-promise').innerText();
      assert.match(promise, /^Anna de Vries pakt dit .+ op\.$/);
      await noAxeViolations(page, 'signal-sent-nl');
      const href = await page.getByRole('link', { name: 'Bekijk je signaal' }).getAttribute('href');
      const id = decodeURIComponent(href.replace('/mijn-signalen/', ''));
      assert.ok(id);

      await page.getByRole('link', { name: 'Mijn signalen' }).first().click();
      await h1(page, 'Mijn signalen');
      const mine = page.locator('li', { has: page.locator(`a[href="${href}"]`) });
      await mine.getByText('Ontvangen').waitFor();
      await mine.getByText('Status:').waitFor();
      await noAxeViolations(page, 'my-signals-nl');

      // --- The contact person picks it up --------------------------------------------
      await login(ct.page, demo.contact, '/signalen');
      await h1(ct.page, 'Signalen');
      const link = ct.page.locator(`a[href="/signalen/${encodeURIComponent(id)}"]`);
      await link.waitFor();
      if (fake) {
        // The test double has one overdue signal: it is on top, with "Te laat" in words.
        await h2(ct.page, 'Te laat: 1');
        assert.equal(await ct.page.locator('section').first().getByText('Te laat', { exact: true }).count(), 1);
        await ct.page.getByText('Doorgezet naar de vervanger').first().waitFor();
      }
      await noAxeViolations(ct.page, 'team-signals-nl');

      // A second tab on the same signal, to see the answer to a stale change later.
      const stale = await ct.context.newPage();
      await stale.goto(`${server.url}/signalen/${encodeURIComponent(id)}`);

      await link.click();
      await h1(ct.page, 'Signaal in Esch');
      await ct.page.getByText('Mevrouw Jansen, Dorpsstraat').waitFor();
      assert.equal(await ct.page.locator('a[href="tel:0612345678"]').count() >= 1, true, 'the call-back number is a tel: link');
      await noAxeViolations(ct.page, 'team-signal-nl');

      await field(ct.page, 'Nieuwe notitie').fill('Eerst de melder terugbellen.');
      await ct.page.getByRole('button', { name: 'Notitie toevoegen' }).click();
      await ct.page.getByText('Je notitie is toegevoegd.').waitFor();
      await ct.page.getByRole('list', { name: 'Interne notities' }).getByText('Eerst de melder terugbellen.').waitFor();

      await field(ct.page, 'Bericht voor de melder (ziet de melder)').fill('We nemen contact op.');
      await ct.page.getByRole('button', { name: 'Oppakken' }).click();
      await ct.page.getByText('Gelukt. De status is nu: Opgepakt.').waitFor();
      assert.equal(await ct.page.getByRole('button', { name: 'Oppakken' }).count(), 0, 'only the allowed next steps');
      await ct.page.getByRole('button', { name: 'Ik ben ermee bezig' }).waitFor();
      await noAxeViolations(ct.page, 'team-signal-acknowledged-nl');

      // The stale tab still offers "Oppakken": the server says no (409) and the page says why.
      await stale.getByRole('button', { name: 'Oppakken' }).click();
      await stale.getByText(/de status is intussen veranderd/).waitFor();
      await stale.getByText(/De status is nu: Opgepakt\./).waitFor();
      await screenshot(stale, 'team-signal-conflict-nl');

      // --- The key figure sees the status and the update -------------------------------
      await page.goto(`${server.url}${href}`);
      await h1(page, 'Signaal in Esch');
      await page.locator('.noaber-status-line').getByText('Opgepakt').waitFor();
      await page.locator('.noaber-timeline').getByText('We nemen contact op.').waitFor();
      await page.getByText('Anna de Vries', { exact: true }).first().waitFor();
      assert.equal(await page.getByText('Eerst de melder terugbellen.').count(), 0, 'internal notes stay internal');
      await noAxeViolations(page, 'my-signal-nl');
      await page.getByRole('button', { name: 'English' }).click();
      await h1(page, 'Signal in Esch');
      await page.getByText('Picked up').first().waitFor();
      await noAxeViolations(page, 'my-signal-en');

      // --- The admin sees the processing log -------------------------------------------
      await login(ad.page, demo.admin, '/verwerkingslog');
      await h1(ad.page, 'Verwerkingslog');
      await field(ad.page, 'Id van het signaal').fill(id);
      await ad.page.getByRole('button', { name: 'Zoeken' }).click();
      const table = ad.page.getByRole('table', { name: /Verwerkingen/ });
      await table.waitFor();
      await ad.page.waitForFunction((want) => [...document.querySelectorAll('tbody td:nth-child(3)')].some((td) => td.textContent === want), id);
      assert.equal(await table.locator('th[scope="col"]').count(), 5);
      await noAxeViolations(ad.page, 'processing-log-nl');

      for (const p of [kf, ct, ad]) assert.deepEqual(unexpected(p.errors), [], 'no console errors');
    } finally {
      await Promise.all([kf.context.close(), ct.context.close(), ad.context.close()]);
    }
  });
});

describe('an acute signal', () => {
  it('shows at once when to call 112 or Veilig Thuis', { timeout }, async () => {
    const { page, context, errors } = await newPage();
    try {
      // Not signed in: the screen sends you to log in, and back afterwards.
      await page.goto(`${server.url}/mijn-signalen`);
      await page.waitForURL(/\/inloggen\?next=%2Fmijn-signalen$/);

      await login(page, demo.keyfigure, '/signalen/nieuw');
      await h1(page, 'Signaal melden');
      await field(page, 'Ik weet alleen de buurt').check();
      await page.getByRole('option', { name: 'Esch' }).waitFor({ state: 'attached' });
      await field(page, 'Buurt').selectOption({ label: 'Esch' });
      await field(page, 'Hoe kan je contactpersoon de persoon vinden?').fill('Het gezin op nummer 4');
      await field(page, 'Ja').check();
      await page.getByRole('button', { name: 'Volgende stap' }).click();
      await h2(page, /Waar maak je je zorgen over\?/);
      await page.getByRole('checkbox', { name: /^Opgroeien/ }).check();
      await page.getByRole('radio', { name: /^Acuut/ }).check();

      const box = page.getByRole('alert');
      await box.waitFor();
      await box.getByText('Is iemand in direct gevaar? Bel 112.').waitFor();
      await box.getByText(/Veilig Thuis: 0800-2000/).waitFor();
      assert.equal(await box.getByRole('link', { name: 'Bel 112' }).getAttribute('href'), 'tel:112');
      assert.equal(await box.getByRole('link', { name: 'Bel 0800-2000' }).getAttribute('href'), 'tel:08002000');
      await noAxeViolations(page, 'signal-urgent-nl');

      // Back and forth keeps what was filled in.
      await page.getByRole('button', { name: 'Vorige stap' }).click();
      assert.equal(await field(page, 'Hoe kan je contactpersoon de persoon vinden?').inputValue(), 'Het gezin op nummer 4');
      await page.getByRole('button', { name: 'Volgende stap' }).click();
      assert.ok(await page.getByRole('radio', { name: /^Acuut/ }).isChecked());
      await page.getByRole('alert').waitFor();

      await page.getByRole('button', { name: 'English' }).click();
      await page.getByText('Is someone in immediate danger? Call 112.').waitFor();
      await noAxeViolations(page, 'signal-urgent-en');
      assert.deepEqual(unexpected(errors), [], 'no console errors');
    } finally {
      await context.close();
    }
  });
});

// The e2e server runs with a short deadline for urgent signals
// (NOABER_SIGNAL_DEADLINE_URGENT=1m, scheduler every second, see
// scripts/e2e.sh): a "fast clock" for escalation without any test hook.
describe('an acute signal nobody picks up', () => {
  it('escalates to the backup when its deadline passes', { timeout: 180_000, skip: fake && 'needs the real scheduler' }, async () => {
    const kf = await newPage();
    const bk = await newPage();
    try {
      const { page } = kf;
      await login(page, demo.keyfigure, '/signalen/nieuw');
      await h1(page, 'Signaal melden');
      await field(page, 'Postcode van de persoon').fill('9999 EA');
      await page.getByText('Deze postcode hoort bij de buurt Esch.').waitFor();
      await field(page, 'Hoe kan je contactpersoon de persoon vinden?').fill('Meneer de Wit, Veldweg');
      await field(page, 'Nee').check();
      await page.getByRole('button', { name: 'Volgende stap' }).click();
      await h2(page, /Waar maak je je zorgen over\?/);
      await page.getByRole('checkbox', { name: /^Zorgen/ }).check();
      await page.getByRole('radio', { name: /^Acuut/ }).check();
      await page.getByRole('alert').waitFor();
      await page.getByRole('button', { name: 'Volgende stap' }).click();
      await h2(page, /Wat is er aan de hand\?/);
      await field(page, 'Wat zie of hoor je?').fill('Zijn vrouw is opgenomen en hij zit al dagen zonder eten.');
      await field(page, 'Op welk nummer kan je contactpersoon je bellen?').fill('06 12345678');
      await page.getByRole('button', { name: 'Versturen' }).click();
      await h1(page, 'Je signaal is verstuurd');
      const href = await page.getByRole('link', { name: 'Bekijk je signaal' }).getAttribute('href');
      const id = decodeURIComponent(href.replace('/mijn-signalen/', ''));

      // Anna de Vries does not react; her backup Pieter Bakker gets it.
      await login(bk.page, ['contact2@noaberveen.nl', 'demo-wachtwoord-contact2'], '/signalen');
      await h1(bk.page, 'Signalen');
      const item = bk.page.locator('li', { has: bk.page.locator(`a[href="/signalen/${encodeURIComponent(id)}"]`) });
      const escalated = item.getByText('Doorgezet naar de vervanger');
      for (let tries = 0; tries < 50 && !(await escalated.count()); tries++) {
        await bk.page.waitForTimeout(2000);
        await bk.page.reload();
        await h1(bk.page, 'Signalen');
      }
      await escalated.waitFor({ timeout: 2000 });
      await noAxeViolations(bk.page, 'signal-escalated-nl');
      assert.deepEqual(unexpected(bk.errors), [], 'no console errors');
    } finally {
      await kf.context.close();
      await bk.context.close();
    }
  });
});
