// Browser tests for the account screens: register, log in and out, profile,
// export, delete, two-step verification and the key figure's contact person.
// They run against NOABER_E2E_URL (the real Go server with its demo data) or
// else against e2e/server.mjs and its in-memory test double of the API.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { axeViolations, collectErrors, field, h1, phoneContext, screenshot, withServerAndBrowser } from './harness.mjs';
import { totp } from './totp.mjs';

const timeout = 60_000;
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

/** Focus may move a moment after the content it goes to appears. */
const focusMovesTo = (page, id) =>
  page.waitForFunction((want) => document.activeElement?.id === want, id, { timeout: 5000 });

async function noAxeViolations(page, name) {
  assert.deepEqual(await axeViolations(page), [], `axe on ${name}`);
  await screenshot(page, name);
}

async function login(page, email, password) {
  await page.goto(`${server.url}/inloggen`);
  await h1(page, 'Inloggen');
  await field(page, 'E-mailadres').fill(email);
  await field(page, 'Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

const demo = {
  newBroker: ['nieuwe.makelaar@noaberveen.nl', 'demo-wachtwoord-nieuw'],
  keyfigure: ['sleutelfiguur@noaberveen.nl', 'demo-wachtwoord-sleutel'],
};

describe('a resident', () => {
  const email = `e2e-${Date.now()}@example.org`;
  const password = 'een lange zin als wachtwoord';

  it('registers, logs out and in, edits the profile, downloads and deletes the account', { timeout }, () =>
    withPage(async (page) => {
      const errors = collectErrors(page);
      await page.goto(`${server.url}/registreren`);
      await h1(page, 'Account maken');
      await noAxeViolations(page, 'register-nl');

      // Empty form: a summary at the top, an error at each field, focus on the first.
      await page.getByRole('button', { name: 'Account maken' }).click();
      await page.getByRole('heading', { name: 'Er klopt nog iets niet' }).waitFor();
      await focusMovesTo(page, 'register-email');
      assert.equal(await field(page, 'E-mailadres').getAttribute('aria-invalid'), 'true');
      assert.match(await field(page, 'E-mailadres').getAttribute('aria-describedby'), /register-email-error/);
      assert.equal(await page.locator('.utrecht-form-field-error-message').count(), 5);

      // The neighbourhood shows while typing; an unknown postcode says so.
      await field(page, 'Postcode').fill('1234 zz');
      await page.getByText('Deze postcode kennen we niet.', { exact: true }).waitFor();
      await noAxeViolations(page, 'register-errors-nl');
      await field(page, 'Postcode').fill('9999 aa');
      await page.getByText('Je woont in de buurt Centrum.').waitFor();

      await field(page, 'E-mailadres').fill(email);
      await field(page, 'Wachtwoord').fill('kort');
      await page.getByRole('button', { name: 'Wachtwoord tonen' }).click();
      assert.equal(await field(page, 'Wachtwoord').getAttribute('type'), 'text');
      await field(page, 'Hoe mogen buren je noemen?').fill('Ans');
      await field(page, 'Huisnummer').fill('12a');
      await page.getByRole('button', { name: 'Account maken' }).click();
      // The server's English reason, in plain Dutch, next to the field.
      await page.getByText('Je wachtwoord is te kort. Gebruik minstens 8 tekens.').first().waitFor();
      await focusMovesTo(page, 'register-password');

      await field(page, 'Wachtwoord').fill(password);
      await page.getByRole('button', { name: 'Account maken' }).click();
      await h1(page, 'Mijn profiel');
      await page.getByRole('banner').getByRole('link', { name: 'Profiel van Ans' }).waitFor();
      await page.getByText('Je woont in de buurt Centrum.').waitFor();
      await noAxeViolations(page, 'profile-nl');

      // The access token is in memory only; a reload restores the session from the cookie.
      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
      assert.doesNotMatch(stored, /token|Bearer/i);
      await page.reload();
      await page.getByRole('banner').getByRole('link', { name: 'Profiel van Ans' }).waitFor();

      await page.getByRole('button', { name: 'Uitloggen' }).click();
      await page.getByText('Je bent uitgelogd.').waitFor();
      await page.getByRole('banner').getByRole('link', { name: 'Inloggen' }).waitFor();
      await page.reload(); // the refresh cookie is gone too
      await page.getByRole('banner').getByRole('link', { name: 'Inloggen' }).waitFor();

      await login(page, email, 'niet mijn wachtwoord');
      await page.getByText('Het e-mailadres of het wachtwoord klopt niet.').waitFor();
      await noAxeViolations(page, 'login-error-nl');
      await field(page, 'Wachtwoord').fill(password);
      await page.getByRole('button', { name: 'Inloggen' }).click();
      await h1(page, 'Mijn profiel');

      await field(page, 'Hoe mogen buren je noemen?').fill('Ans van der Berg');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('Je gegevens zijn opgeslagen.').waitFor();
      await page.getByRole('banner').getByRole('link', { name: 'Profiel van Ans van der Berg' }).waitFor();

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download mijn gegevens' }).click(),
      ]);
      assert.match(download.suggestedFilename(), /\.json$/);
      const exported = await readFile(await download.path(), 'utf8');
      assert.ok(JSON.parse(exported), 'the export is JSON');
      assert.match(exported, new RegExp(email.replace(/[.]/g, '\\.')));

      await page.getByRole('link', { name: 'Account verwijderen' }).click();
      await page.getByText('Weet je zeker dat je je account wilt verwijderen?').waitFor();
      await noAxeViolations(page, 'delete-account-nl');
      await page.getByRole('button', { name: 'Ja, verwijder mijn account' }).click();
      await h1(page, 'Je account is verwijderd');
      await page.getByRole('banner').getByRole('link', { name: 'Inloggen' }).waitFor();

      await login(page, email, password);
      await page.getByText('Het e-mailadres of het wachtwoord klopt niet.').waitFor();
      assert.deepEqual(errors.filter((e) => !/status of 4\d\d/.test(e)), [], 'no console errors but expected 4xx');
    }));
});

describe('a professional', () => {
  it('sees the banner, sets up two-step verification and logs in with a recovery code', { timeout }, () =>
    withPage(async (page) => {
      await login(page, ...demo.newBroker);
      await h1(page, 'Mijn profiel');
      const banner = page.getByRole('link', { name: 'Tweestapsverificatie instellen' }).first();
      await page.getByText('Tweestapsverificatie staat nog uit.').waitFor();
      await page.goto(`${server.url}/`); // the banner is on every page
      await banner.click();
      await h1(page, 'Tweestapsverificatie instellen');
      await noAxeViolations(page, 'totp-intro-nl');

      await page.getByRole('button', { name: 'Beginnen' }).click();
      await page.getByRole('img', { name: 'QR-code voor je app' }).waitFor();
      const secret = (await page.locator('#totp-secret').textContent()).trim();
      assert.match(secret, /^[A-Z2-7]{16,}=*$/);
      await noAxeViolations(page, 'totp-scan-nl');

      await field(page, 'Code uit je app').fill('000000' === totp(secret) ? '111111' : '000000');
      await page.getByRole('button', { name: 'Controleren' }).click();
      await page.locator('#totp-code-error').waitFor();
      await focusMovesTo(page, 'totp-code');

      await field(page, 'Code uit je app').fill(totp(secret));
      await page.getByRole('button', { name: 'Controleren' }).click();
      await h1(page, 'Bewaar je herstelcodes');
      const codes = await page.locator('.noaber-recovery-codes code').allTextContents();
      assert.equal(codes.length, 10);
      await noAxeViolations(page, 'totp-recovery-codes-nl');
      await page.getByRole('button', { name: 'Ik heb de codes bewaard' }).click();
      await page.getByText('Tweestapsverificatie staat aan.', { exact: false }).first().waitFor();
      assert.equal(await page.getByText('Beveilig je account daarom').count(), 0, 'the banner is gone');

      await page.getByRole('link', { name: 'Naar mijn profiel' }).click();
      await page.getByRole('button', { name: 'Uitloggen' }).click();
      await login(page, ...demo.newBroker);
      await focusMovesTo(page, 'login-totpCode');
      const code = field(page, 'Code uit je app');
      assert.equal(await code.getAttribute('inputmode'), 'numeric');
      assert.equal(await code.getAttribute('autocomplete'), 'one-time-code');
      await noAxeViolations(page, 'login-second-factor-nl');
      await page.getByRole('button', { name: 'Telefoon niet bij je? Gebruik een herstelcode' }).click();
      await field(page, 'Herstelcode').fill(codes[0]);
      await page.getByRole('button', { name: 'Inloggen' }).click();
      await h1(page, 'Mijn profiel');
      await page.getByText('Tweestapsverificatie staat aan.').waitFor();
    }));
});

describe('a key figure', () => {
  it('logs in from the contact screen and sees their contact person', { timeout }, () =>
    withPage(async (page) => {
      await page.goto(`${server.url}/contactpersoon`);
      await page.waitForURL(/\/inloggen\?next=%2Fcontactpersoon/);
      await field(page, 'E-mailadres').fill(demo.keyfigure[0]);
      await field(page, 'Wachtwoord').fill(demo.keyfigure[1]);
      await page.getByRole('button', { name: 'Inloggen' }).click();
      await h1(page, 'Mijn contactpersoon');
      await page.getByRole('heading', { level: 2, name: 'Anna de Vries' }).waitFor();
      await page.getByText('Dit is jouw vaste contactpersoon bij het gebiedsteam.').waitFor();
      assert.match(await page.locator('a[href^="tel:"]').getAttribute('href'), /^tel:\+?\d+$/);
      assert.match(await page.locator('a[href^="mailto:"]').getAttribute('href'), /^mailto:.+@/);
      await noAxeViolations(page, 'contact-person-nl');

      await page.getByRole('button', { name: 'English' }).click();
      await h1(page, 'My contact person');
      await noAxeViolations(page, 'contact-person-en');

      await page.goto(`${server.url}/profiel`);
      await h1(page, 'My profile');
      await page.getByRole('heading', { level: 3, name: 'Anna de Vries' }).waitFor();
      await noAxeViolations(page, 'profile-keyfigure-en');
    }));
});

describe('throttling', () => {
  // Only against the test double: on the real server this would lock the
  // test machine's address out of logging in for a while.
  it('says how long to wait', { timeout, skip: process.env.NOABER_E2E_URL && 'real server: not locking ourselves out' }, () =>
    withPage(async (page) => {
      await login(page, `nobody-${Date.now()}@example.org`, 'wrong password');
      const message = page.getByText(/Probeer het over \d+ (seconden|minuten) opnieuw\./);
      for (let i = 0; i < 10 && !(await message.count()); i++) {
        await page.getByText('Het e-mailadres of het wachtwoord klopt niet.').waitFor();
        await page.getByRole('button', { name: 'Inloggen' }).click();
        await page.waitForTimeout(150);
      }
      await message.waitFor();
      await screenshot(page, 'login-throttled-nl');
    }));
});
