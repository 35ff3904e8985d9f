// Browser tests for moderation (issue 8): a resident reports a neighbour's
// post ("Melden"), the broker hides it from the moderation queue, the
// reporter sees the outcome, and the post is gone from the feed. Runs against
// the fake (fake-moderation.mjs) and against NOABER_E2E_URL with the demo
// data (see moderation-helpers.mjs for who).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { h1, newPhonePage, noAxeViolations, unexpected, withServerAndBrowser } from './harness.mjs';
import { api, broker, login, resident, run } from './moderation-helpers.mjs';

const timeout = 180_000;
let server;
let browser;

withServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});


async function newPage(options) {
  return newPhonePage(browser, options);
}


describe('moderation: report, decide, hear the outcome', () => {
  it('a resident reports a post, the broker hides it, the reporter sees the outcome and the post leaves the feed', { timeout }, async () => {
    const author = await resident(server.url, 'mieke');
    const reporter = await resident(server.url, 'henk');
    const title = `Hulp bij behangen ${run}`;
    const created = await api(server.url, author, 'POST', '/posts', {
      kind: 'request', category: 'klussen', title, body: 'Wie helpt mij zaterdag met behangen in de woonkamer?',
      momentText: null, momentAt: null, recurrence: 'once', radiusKm: 2,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const postId = created.body.id;

    const rp = await newPage();
    const bp = await newPage();
    try {
      // --- The reporter: "Melden" on the post ---------------------------------------
      const { page } = rp;
      await login(page, server.url, reporter, `/vragen/${postId}`);
      await h1(page, title);
      await page.getByRole('heading', { level: 2, name: 'Klopt er iets niet?' }).waitFor();
      await page.getByRole('button', { name: `${author.displayName} melden` }).waitFor();
      await page.getByRole('button', { name: 'Deze vraag of dit aanbod melden' }).click();
      await page.getByRole('heading', { name: 'Vraag of aanbod melden' }).waitFor();
      await page.getByRole('button', { name: 'Melding versturen' }).click();
      await page.getByText('Kies wat er aan de hand is.').waitFor();
      await noAxeViolations(page, 'report-form-nl');
      await page.getByRole('radio', { name: /Iemand wil er geld aan verdienen/ }).check();
      await page.getByLabel('Wil je er iets over vertellen? (niet verplicht)').fill('Dit lijkt op betaald werk.');
      await page.getByRole('button', { name: 'Melding versturen' }).click();
      await page.getByText('Bedankt. Een buurtmakelaar kijkt ernaar.').waitFor();
      await page.getByRole('link', { name: 'Bekijk je melding' }).click();
      await page.waitForURL(/\/mijn-meldingen\/[^/]+$/);
      const reportPath = new URL(page.url()).pathname;
      await h1(page, 'Je melding');
      await page.getByText('Een buurtmakelaar kijkt ernaar. Je krijgt een notificatie als er een besluit is.').waitFor();
      await noAxeViolations(page, 'my-report-open-nl');

      // --- The broker: the queue, the report, "Weghalen" ----------------------------------
      const b = bp.page;
      await login(b, server.url, broker, '/makelaar/meldingen');
      await h1(b, 'Meldingen');
      await b.getByRole('navigation', { name: 'Meldingen, voorzieningen en monitor' }).getByRole('link', { name: 'Monitor' }).waitFor();
      const item = b.getByRole('link', { name: new RegExp(title) });
      await item.waitFor();
      await noAxeViolations(b, 'moderation-queue-nl');
      await item.click();
      await h1(b, 'Melding: vraag of aanbod');
      await b.getByText('Dit lijkt op betaald werk.').waitFor();
      // A post can be hidden, not "restored" while it is visible.
      await b.getByRole('radio', { name: /Weghalen/ }).waitFor();
      assert.equal(await b.getByRole('radio', { name: /Terugzetten/ }).count(), 0);
      await b.getByRole('button', { name: 'Besluit opslaan' }).click();
      await b.getByText('Kies wat je doet.').waitFor();
      await noAxeViolations(b, 'moderation-report-nl');
      await b.getByRole('radio', { name: /Weghalen/ }).check();
      await b.getByLabel('Waarom? (voor de makelaars)').fill('Betaald werk hoort niet op Noaber.');
      await b.getByRole('button', { name: 'Besluit opslaan' }).click();
      await b.getByText('Je besluit is opgeslagen: weghalen.').waitFor();
      await b.getByRole('heading', { level: 2, name: 'Eerdere besluiten' }).waitFor();
      await b.getByText('Weggehaald').first().waitFor();
      await noAxeViolations(b, 'moderation-decided-nl');
      await b.goto(`${server.url}/makelaar/meldingen?status=afgehandeld`);
      await b.getByRole('link', { name: new RegExp(title) }).waitFor();

      // --- The reporter hears the outcome; the post is gone ------------------------------
      await page.goto(`${server.url}${reportPath}`);
      await h1(page, 'Je melding');
      await page.getByText('De buurtmakelaar heeft het weggehaald. Niemand ziet het nu nog.').waitFor();
      await page.goto(`${server.url}/notificaties`);
      await h1(page, 'Notificaties');
      await page.getByRole('link', { name: /Er is een besluit over je melding/ }).first().waitFor();
      const feed = await api(server.url, reporter, 'GET', `/posts?q=${encodeURIComponent(title)}&radiusKm=15`);
      assert.equal(feed.status, 200);
      assert.equal(feed.body.items.filter((p) => p.id === postId).length, 0, 'the hidden post is not in the feed');
      assert.equal((await api(server.url, reporter, 'GET', `/posts/${postId}`)).status, 404);
      await page.goto(`${server.url}/vragen`);
      await h1(page, 'Vragen en aanbod');
      await page.waitForLoadState('networkidle');
      assert.equal(await page.getByText(title).count(), 0, 'the hidden post is not shown in the feed');

      assert.deepEqual(unexpected(rp.errors), []);
      assert.deepEqual(unexpected(bp.errors), []);
    } finally {
      await rp.context.close();
      await bp.context.close();
    }
  });

  it('sends old /meldingen links to the notifications', { timeout }, async () => {
    const reporter = await resident(server.url, 'henk');
    const { page, context } = await newPage();
    try {
      await login(page, server.url, reporter, '/notificaties');
      await page.goto(`${server.url}/meldingen/instellingen`);
      await page.waitForURL((u) => u.pathname === '/notificaties/instellingen');
      await h1(page, 'Instellingen voor notificaties');
      await page.getByRole('checkbox', { name: 'Er is een besluit over je melding' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
