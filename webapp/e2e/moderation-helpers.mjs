// Shared by moderation.test.mjs and monitor.test.mjs: who logs in, and how.
// Against NOABER_E2E_URL the demo accounts (internal/demo): the residents
// Henk Jansen and Mieke Smit (Centrum, Binnenstad) and the broker Sanne
// Mulder (Binnenstad and Noord, demo TOTP secret). Against the fake the
// residents are registered through the API for each run (same neighbourhood).
import assert from 'node:assert/strict';
import { field } from './harness.mjs';
import { totp } from './totp.mjs';

export const fake = !process.env.NOABER_E2E_URL;
export const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
const demoTotpSecret = 'NOABERVEENDEMOTOTPSECRETABCDEFGH';
const demo = {
  henk: { email: 'bewoner@noaberveen.nl', password: 'demo-wachtwoord-bewoner', displayName: 'Henk Jansen', postcode: '9999AB' },
  mieke: { email: 'buurvrouw@noaberveen.nl', password: 'demo-wachtwoord-buurvrouw', displayName: 'Mieke Smit', postcode: '9999AC' },
};
export const broker = { email: 'makelaar@noaberveen.nl', password: 'demo-wachtwoord-makelaar' };

const residents = new Map();
/** A resident with a token for API calls: a demo account, or (fake) a new one, once per run. */
export function resident(url, who) {
  if (!residents.has(who)) residents.set(who, makeResident(url, who));
  return residents.get(who);
}

async function makeResident(url, who) {
  const d = demo[who];
  if (!fake) {
    const res = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ email: d.email, password: d.password }),
    });
    assert.equal(res.status, 200, `login ${who}: ${await res.clone().text()}`);
    return { ...d, token: (await res.json()).accessToken };
  }
  const email = `e2e-${who}-${run}@example.org`;
  const res = await fetch(`${url}/api/v1/auth/register`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ email, password: d.password, displayName: d.displayName, postcode: d.postcode, houseNumber: '7', language: 'nl' }),
  });
  assert.equal(res.status, 201, `register ${who}: ${await res.clone().text()}`);
  return { ...d, email, token: (await res.json()).accessToken };
}

export async function api(url, person, method, path, body) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${person.token}`, Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: res.status === 204 ? null : await res.json().catch(() => null) };
}

/**
 * Logs in through the login screen; with the code from the app when asked.
 * A code that was just used (another test file, same 30 seconds) is refused:
 * then it waits for the next code and tries once more.
 */
export async function login(page, url, person, next) {
  await page.goto(`${url}/inloggen?next=${encodeURIComponent(next)}`);
  await field(page, 'E-mailadres').fill(person.email);
  await field(page, 'Wachtwoord').fill(person.password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  const code = field(page, 'Code uit je app');
  const arrived = () => page.waitForURL((u) => u.pathname === next, { timeout: 15_000 }).then(() => 'arrived', () => 'not yet');
  const asked = code.waitFor({ timeout: 15_000 }).then(() => 'code', () => 'no code');
  if ((await Promise.race([arrived(), asked])) !== 'code') return;
  for (let attempt = 0; attempt < 2; attempt++) {
    await code.fill(totp(demoTotpSecret));
    await page.getByRole('button', { name: 'Inloggen' }).click();
    if ((await arrived()) === 'arrived') return;
    await page.waitForTimeout(31_000 - (Date.now() % 30_000));
  }
  await page.waitForURL((u) => u.pathname === next);
}

