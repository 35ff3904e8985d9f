// Browser tests for the monitor and the social map (issue 8): a broker opens
// the monitor and sees the numbers as cards, charts and their tables, with
// small counts as "minder dan 5", downloads the CSV, and keeps the social
// map; a resident sees the hint for a facility on the post form ("Voor
// vervoer is er ook de Buurtbus Noaberveen") and the social map of their
// neighbourhood. The demo data (internal/demo/facilities.go) and the fake
// (fake-facilities.mjs) both have the Buurtbus for vervoer in all of Noaberveen.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { field, h1, newPhonePage, noAxeViolations, unexpected, withServerAndBrowser } from './harness.mjs';
import { broker, fake, login, resident, run } from './moderation-helpers.mjs';

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


describe('the monitor', () => {
  it('shows a broker the numbers as cards, charts with tables, "minder dan 5", and a CSV file', { timeout }, async () => {
    const { page, context, errors } = await newPage();
    try {
      await login(page, server.url, broker, '/monitor');
      await h1(page, 'Monitor');
      const results = page.getByRole('heading', { level: 2, name: /Centrum, .* tot en met / });
      await results.waitFor();
      // Every chart is an image that points to its table, and the table is there.
      const charts = page.locator('figure.noaber-chart');
      assert.ok(await charts.count() >= 3, 'at least three charts');
      for (let i = 0; i < await charts.count(); i++) {
        const chart = charts.nth(i);
        assert.match(await chart.locator('canvas').getAttribute('aria-label'), /De cijfers staan ook in de tabel/);
        assert.ok(await chart.locator('table tbody tr').count() >= 1, 'a table with rows');
      }
      await page.getByRole('table', { name: 'Vragen, aanbod en afspraken' }).waitFor();
      await page.getByText('minder dan 5').first().waitFor();
      assert.equal(await page.getByText('<5').count(), 0, 'the server\'s "<5" is said in words');
      if (fake) {
        await page.getByText('Er zijn vragen over klussen, maar geen helpers.').waitFor();
        await page.getByText('te weinig gegevens').first().waitFor();
      }
      await noAxeViolations(page, 'monitor-nl');

      // The CSV file, fetched with the bearer token.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      const csv = await readFile(await download.path(), 'utf8');
      assert.match(csv, /^metric,dimension,value\n/);
      assert.match(csv, /requestsPosted,,/);

      if (fake) {
        // The fake does not say which areas are the broker's: an area they
        // do not work in is refused.
        await field(page, 'Gebied').selectOption({ label: '\u00a0\u00a0\u00a0Zuid' });
        await page.getByRole('button', { name: 'Cijfers tonen' }).click();
        await page.getByText('Dit gebied hoort niet bij jouw gebieden. Kies een ander gebied.').waitFor();
      } else {
        // The real server lists the broker's areas with GET /me: only those are offered.
        const options = (await field(page, 'Gebied').locator('option').allTextContents()).map((o) => o.trim());
        assert.ok(options.includes('Esch') && !options.includes('Zuid'), `areas offered: ${options.join(', ')}`);
      }
      assert.deepEqual(unexpected(errors), []);
    } finally {
      await context.close();
    }
  });
});

describe('the social map', () => {
  it('lets a broker add, check and remove a facility', { timeout }, async () => {
    const { page, context, errors } = await newPage();
    try {
      await login(page, server.url, broker, '/makelaar/voorzieningen');
      await h1(page, 'Voorzieningen beheren');
      await page.getByRole('heading', { name: 'Buurtbus Noaberveen' }).waitFor();
      await noAxeViolations(page, 'facilities-manage-nl');
      await page.getByRole('button', { name: 'Nieuwe voorziening' }).click();
      await h1(page, 'Nieuwe voorziening');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByRole('heading', { name: 'Er klopt nog iets niet' }).waitFor();
      await page.getByText('Kies minstens één onderwerp.').first().waitFor();
      const name = `Taalcafé ${run}`;
      await field(page, 'Naam').fill(name);
      await field(page, 'Wat doen ze?').fill('Samen Nederlands oefenen met koffie.');
      await page.getByRole('checkbox', { name: 'Taal en lezen' }).check();
      await field(page, 'Website').fill('http://taalcafe.example.org');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('Vul een webadres in dat begint met https://.').first().waitFor();
      await noAxeViolations(page, 'facility-form-errors-nl');
      await field(page, 'Website').fill('https://taalcafe.example.org');
      await field(page, 'Telefoon').fill('0591 111222');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText(`${name} is opgeslagen.`).waitFor();
      const card = page.locator('article', { has: page.getByRole('heading', { name }) });
      assert.equal(await card.getByRole('link', { name: /Bellen/ }).getAttribute('href'), 'tel:0591111222');
      assert.equal(await card.getByRole('link', { name: `Website van ${name}` }).getAttribute('href'), 'https://taalcafe.example.org');
      await card.getByRole('button', { name: `${name} verwijderen` }).click();
      await page.getByRole('button', { name: 'Ja, verwijderen' }).click();
      await page.getByText(`${name} is verwijderd.`).waitFor();
      assert.deepEqual(unexpected(errors), []);
    } finally {
      await context.close();
    }
  });

  it('points a resident to the Buurtbus on the post form and shows the social map', { timeout }, async () => {
    const henk = await resident(server.url, 'henk');
    const { page, context, errors } = await newPage();
    try {
      await login(page, server.url, henk, '/vragen/nieuw');
      await h1(page, 'Vraag hulp');
      await page.getByRole('radio', { name: /Ik vraag hulp/ }).check();
      await field(page, 'Soort hulp').selectOption('vervoer');
      await page.getByText('Voor vervoer is er ook de Buurtbus Noaberveen.').waitFor();
      await noAxeViolations(page, 'post-form-facility-hint-nl');
      await page.getByRole('link', { name: 'Bekijk Buurtbus Noaberveen' }).click();
      await h1(page, 'Voorzieningen');
      await page.getByRole('heading', { name: 'Buurtbus Noaberveen' }).waitFor();
      const card = page.locator('article', { has: page.getByRole('heading', { name: 'Buurtbus Noaberveen' }) });
      assert.equal(await card.getByRole('link', { name: /Bellen/ }).getAttribute('href'), 'tel:0591654321');
      assert.equal(await card.getByRole('link', { name: /Mailen/ }).getAttribute('href'), 'mailto:buurtbus@noaberveen.nl');
      await page.getByRole('navigation', { name: 'Voorzieningen' }).getByRole('link', { name: 'Voorzieningen' }).waitFor();
      await noAxeViolations(page, 'facilities-nl');
      assert.deepEqual(unexpected(errors), []);
    } finally {
      await context.close();
    }
  });
});
