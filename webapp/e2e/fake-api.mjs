// TEST DOUBLE. An in-memory fake of the account and notification API (/api/v1), as the
// contract in api/openapi.yaml describes it, so that the browser tests can run
// without the Go server. It is used only by e2e/server.mjs, i.e. only when
// NOABER_E2E_URL is unset; with NOABER_E2E_URL the tests run against the real
// server and this file plays no part. It checks little and stores nothing.
import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import { createFakeBroker } from './fake-broker.mjs';
import { createFakeFacilities } from './fake-facilities.mjs';
import { createFakeMarket } from './fake-market.mjs';
import { createFakeModeration } from './fake-moderation.mjs';
import { createFakeSignals } from './fake-signals.mjs';
import { base32Encode, totp } from './totp.mjs';

const problemBase = 'https://noaber.nl/problems/';
const cookieName = 'noaber_refresh';
// The smallest valid PNG (1×1, white): a stand-in for the server's QR code.
const tinyPng = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII=';
const professional = ['broker', 'contact', 'admin'];
const demoTotpSecret = 'NOABERVEENDEMOTOTPSECRETABCDEFGH';
const commonPasswords = new Set(['wachtwoord', 'password', '12345678', 'welkom01', 'qwertyui']);

// The demo municipality's neighbourhoods and postcodes, as internal/demo seeds them.
const districts = [
  ['WK999901', 'Binnenstad', ['Centrum', 'Havenkwartier', 'Kerkbuurt', 'Stationsbuurt']],
  ['WK999902', 'Noord', ['Esch', 'Molenakker', 'De Veldhoek', 'Noorderhagen']],
  ['WK999903', 'Zuid', ['Beekdal', 'Oude Kamp', 'Zonnehof', 'Brinkhorst']],
];
const postcodes = new Map();
let letter = 65;
for (const [id, name, hoods] of districts) {
  hoods.forEach((hood, col) => {
    const neighbourhood = { id: `BU${id.slice(2)}${String(col + 1).padStart(2, '0')}`, name: hood };
    for (const second of 'ABCDE') {
      const pc = `9999${String.fromCharCode(letter)}${second}`;
      postcodes.set(pc, { postcode: pc, neighbourhood, district: { id, name },
        municipality: { id: 'GM9999', name: 'Noaberveen' } });
    }
    letter++;
  });
}

const problem = (status, kind, detail, invalidParams) => ({
  status, body: { type: problemBase + kind, title: kind, status, detail, ...(invalidParams && { invalidParams }) },
});
const invalid = (params) => problem(400, 'invalid-input', 'One or more fields are not valid.', params);
const normalise = (pc) => String(pc ?? '').replace(/\s+/g, '').toUpperCase();

export function createFakeApi() {
  const users = new Map(); // lower-case e-mail → user
  const access = new Map(); // token → user
  const refresh = new Map(); // token → user
  const failures = new Map(); // e-mail → failed logins

  function addUser(fields) {
    const info = postcodes.get(fields.postcode);
    const user = { id: randomUUID(), phone: null, language: 'nl', organisation: null, totpSecret: null,
      pendingSecret: null, recoveryCodes: new Set(), createdAt: new Date().toISOString(), ...fields,
      neighbourhood: info.neighbourhood, district: info.district };
    users.set(user.email.toLowerCase(), user);
    return user;
  }
  addUser({ email: 'makelaar@noaberveen.nl', password: 'demo-wachtwoord-makelaar', displayName: 'Bram Makelaar',
    roles: ['broker'], postcode: '9999AB', houseNumber: '1', totpSecret: demoTotpSecret });
  addUser({ email: 'nieuwe.makelaar@noaberveen.nl', password: 'demo-wachtwoord-nieuw', displayName: 'Nina Nieuw',
    roles: ['broker'], postcode: '9999AC', houseNumber: '2' });
  addUser({ email: 'sleutelfiguur@noaberveen.nl', password: 'demo-wachtwoord-sleutel', displayName: 'Sam Sleutel',
    roles: ['resident', 'keyfigure'], postcode: '9999AA', houseNumber: '3',
    organisation: { id: randomUUID(), name: 'Voetbalvereniging Noaberveen' } });
  // The professionals of the signal journeys, with the demo data's second factor (internal/demo TOTPSecret).
  addUser({ email: 'contact@noaberveen.nl', password: 'demo-wachtwoord-contact', displayName: 'Anna de Vries',
    roles: ['contact'], postcode: '9999EB', houseNumber: '1', phone: '0591 654321', totpSecret: demoTotpSecret });
  addUser({ email: 'beheerder@noaberveen.nl', password: 'demo-wachtwoord-beheer', displayName: 'Beheer Noaberveen',
    roles: ['admin'], postcode: '9999EB', houseNumber: '1', totpSecret: demoTotpSecret });

  const me = (u) => ({
    id: u.id, email: u.email, displayName: u.displayName, roles: u.roles, postcode: u.postcode,
    houseNumber: u.houseNumber, phone: u.phone, language: u.language, neighbourhood: u.neighbourhood,
    district: u.district, organisation: u.organisation, totpEnabled: Boolean(u.totpSecret),
    secondFactorRequired: u.roles.some((r) => professional.includes(r)) && !u.totpSecret, createdAt: u.createdAt,
  });

  function session(user, status = 200) {
    const token = randomBytes(16).toString('hex');
    const cookie = randomBytes(16).toString('hex');
    access.set(token, user);
    refresh.set(cookie, user);
    return { status, body: { accessToken: token, tokenType: 'Bearer', expiresIn: 900, user: me(user) },
      headers: { 'Set-Cookie': `${cookieName}=${cookie}; Path=/api/v1/auth; HttpOnly; Secure; SameSite=Strict; Max-Age=2592000` } };
  }

  function checkFields(b, names) {
    const params = [];
    const add = (name, reason) => params.push({ name, reason });
    const has = (n) => names.includes(n) && n in b;
    if (has('email') && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(b.email ?? '')) add('email', 'must be a valid e-mail address');
    else if (has('email') && users.has(b.email.toLowerCase())) add('email', 'is already registered');
    for (const n of ['password', 'newPassword']) {
      if (!has(n)) continue;
      const p = String(b[n] ?? '');
      if (p.length < 8) add(n, 'must be at least 8 characters');
      else if (p.length > 128) add(n, 'must be at most 128 characters');
      else if (commonPasswords.has(p.toLowerCase())) add(n, 'is too common');
    }
    if (has('displayName') && !String(b.displayName ?? '').trim()) add('displayName', 'is required');
    if (has('displayName') && String(b.displayName ?? '').length > 60) add('displayName', 'must be at most 60 characters');
    if (has('postcode') && !/^[1-9]\d{3}[A-Z]{2}$/.test(normalise(b.postcode))) add('postcode', 'must be a Dutch postcode like 1234AB');
    else if (has('postcode') && !postcodes.has(normalise(b.postcode))) add('postcode', 'is not a known postcode');
    if (has('houseNumber') && !/^\d{1,5}\s?[a-zA-Z0-9-]{0,6}$/.test(String(b.houseNumber ?? '').trim())) add('houseNumber', 'must be a house number like 12 or 12a');
    if (has('phone') && b.phone !== null && !/^\+?[\d\s-]{8,20}$/.test(String(b.phone))) add('phone', 'must be a phone number');
    if (has('language') && !['nl', 'en'].includes(b.language)) add('language', 'must be nl or en');
    return params;
  }

  function register(b) {
    const params = checkFields(b, ['email', 'password', 'displayName', 'postcode', 'houseNumber', 'language']);
    for (const n of ['email', 'password', 'displayName', 'postcode', 'houseNumber']) {
      if (!(n in b)) params.push({ name: n, reason: 'is required' });
    }
    if (params.length) return invalid(params);
    const user = addUser({ email: b.email, password: b.password, displayName: b.displayName.trim(),
      roles: ['resident'], postcode: normalise(b.postcode), houseNumber: b.houseNumber.trim(), language: b.language ?? 'nl' });
    return session(user, 201);
  }

  function login(b) {
    const key = String(b.email ?? '').toLowerCase();
    if ((failures.get(key) ?? 0) >= 5) return { ...problem(429, 'too-many-requests', 'Too many attempts.'), headers: { 'Retry-After': '60' } };
    const user = users.get(key);
    if (!user || user.password !== b.password) {
      failures.set(key, (failures.get(key) ?? 0) + 1);
      return problem(401, 'invalid-credentials', 'The e-mail address or password is not right.');
    }
    if (user.totpSecret) {
      if (!b.totpCode && !b.recoveryCode) return problem(401, 'second-factor-required', 'Enter the code from your app.');
      const ok = b.recoveryCode ? user.recoveryCodes.delete(b.recoveryCode) : validCode(user.totpSecret, b.totpCode);
      if (!ok) return problem(401, 'invalid-second-factor', 'The code is not right.');
    }
    failures.delete(key);
    return session(user);
  }

  const validCode = (secret, code) => [-30_000, 0, 30_000].some((d) => totp(secret, Date.now() + d) === code);

  function patchMe(user, b) {
    const params = checkFields(b, ['displayName', 'postcode', 'houseNumber', 'phone', 'language', 'newPassword']);
    if ('newPassword' in b && b.currentPassword !== user.password) params.push({ name: 'currentPassword', reason: 'is not correct' });
    if (params.length) return invalid(params);
    for (const n of ['displayName', 'houseNumber', 'phone', 'language']) if (n in b) user[n] = b[n];
    if ('postcode' in b) {
      user.postcode = normalise(b.postcode);
      Object.assign(user, { neighbourhood: postcodes.get(user.postcode).neighbourhood, district: postcodes.get(user.postcode).district });
    }
    if ('newPassword' in b) user.password = b.newPassword;
    return { status: 200, body: me(user) };
  }

  function contactPerson(user) {
    if (!user.roles.includes('keyfigure')) return problem(403, 'forbidden', 'Only key figures have a contact person.');
    return { status: 200, body: { nextCursor: null, items: [{ area: user.neighbourhood,
      team: { id: 'team-binnenstad', name: 'Gebiedsteam Binnenstad' },
      contact: { displayName: 'Anna de Vries', initials: 'AV', phone: '06 12345678', email: 'anna.devries@noaberveen.nl', photoUrl: null } }] } };
  }

  function deleteUser(user) {
    users.delete(user.email.toLowerCase());
    for (const map of [access, refresh]) for (const [k, u] of map) if (u === user) map.delete(k);
    return { status: 204 };
  }

  const notifications = createFakeNotifications();
  const signals = createFakeSignals({
    districts, neighbourhoodOf: (pc) => {
      const info = postcodes.get(normalise(pc));
      return info && { ...info.neighbourhood, district: info.district };
    },
    userByEmail: (email) => users.get(email.toLowerCase()),
  });
  const market = createFakeMarket({ userById: (id) => [...users.values()].find((u) => u.id === id) });
  // Moderation, the social map and the monitor (issue 8).
  const userById = (id) => [...users.values()].find((u) => u.id === id);
  const moderation = createFakeModeration({ market, userById,
    notify: (id, type, subjectId) => userById(id) && notifications.push(userById(id), type, subjectId) });
  const facilities = createFakeFacilities({ districts });
  const broker = createFakeBroker({ market, users, addUser, postcodes });

  /** Answers one request: { method, path, query, headers, body } → { status, body?, headers? }. */
  return function handle({ method, path, query = new URLSearchParams(), headers, body: b = {} }) {
    const route = `${method} ${path}`;
    if (route === 'GET /api/v1/push/public-key') return { status: 200, body: { publicKey: notifications.publicKey } };
    const pc = /^GET \/api\/v1\/postcodes\/([^/]+)$/.exec(route);
    if (pc) {
      const code = normalise(decodeURIComponent(pc[1]));
      if (!/^[1-9]\d{3}[A-Z]{2}$/.test(code)) return invalid([{ name: 'postcode', reason: 'must be a Dutch postcode like 1234AB' }]);
      return postcodes.has(code) ? { status: 200, body: postcodes.get(code) } : problem(404, 'not-found', 'Unknown postcode.');
    }
    const open = signals.handlePublic(method, path) ?? market.handlePublic(method, path, query);
    if (open) return open;
    if (route === 'POST /api/v1/auth/register') return broker.register(b, register);
    if (route === 'POST /api/v1/auth/login') return login(b);
    const cookie = new RegExp(`${cookieName}=([0-9a-f]+)`).exec(headers.cookie ?? '')?.[1];
    if (route === 'POST /api/v1/auth/refresh') {
      const user = cookie && refresh.get(cookie);
      if (!user) return problem(401, 'unauthorized', 'No session.');
      refresh.delete(cookie); // rotate
      return session(user);
    }
    if (route === 'POST /api/v1/auth/logout') {
      if (cookie) refresh.delete(cookie);
      access.delete(String(headers.authorization ?? '').replace(/^Bearer /, ''));
      return { status: 204, headers: { 'Set-Cookie': `${cookieName}=; Path=/api/v1/auth; HttpOnly; Secure; SameSite=Strict; Max-Age=0` } };
    }
    const user = access.get(String(headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!user) return problem(401, 'unauthorized', 'Log in first.');
    const issue8 = moderation.handle(user, method, path, query, b) ?? facilities.handle(user, method, path, query, b, headers);
    if (issue8) return issue8;
    const answer = notifications.handle(user, method, path, query, b) ?? signals.handle(user, method, path, query, b)
      ?? broker.handle(user, method, path, query, b, headers) ?? market.handle(user, method, path, query, b, headers);
    if (answer) return moderation.filter(user, method, path, answer);
    switch (route) {
      case 'GET /api/v1/me': return { status: 200, body: me(user) };
      case 'PATCH /api/v1/me': return patchMe(user, b);
      case 'DELETE /api/v1/me': return deleteUser(user);
      case 'GET /api/v1/me/export':
        return { status: 200, body: { exportedAt: new Date().toISOString(), account: me(user) },
          headers: { 'Content-Disposition': 'attachment; filename="noaber-export.json"' } };
      case 'GET /api/v1/me/contact-person': return contactPerson(user);
      case 'POST /api/v1/auth/totp':
        user.pendingSecret = base32Encode(randomBytes(20));
        return { status: 201, body: { secret: user.pendingSecret, qrCode: tinyPng,
          otpauthUri: `otpauth://totp/Noaber:${encodeURIComponent(user.email)}?secret=${user.pendingSecret}&issuer=Noaber` } };
      case 'POST /api/v1/auth/totp/verification': {
        if (!user.pendingSecret || !validCode(user.pendingSecret, b.code)) return invalid([{ name: 'code', reason: 'is not valid' }]);
        user.totpSecret = user.pendingSecret;
        user.recoveryCodes = new Set(Array.from({ length: 10 }, () => randomBytes(4).toString('hex').replace(/^(.{4})/, '$1-')));
        return { status: 200, body: { recoveryCodes: [...user.recoveryCodes] } };
      }
    }
    return problem(404, 'not-found', 'There is nothing at this address.');
  };
}

// --- Notifications: push subscriptions, the inbox, preferences ------------

const notificationTypes = ['message_new', 'response_new', 'exchange_agreed', 'exchange_check', 'suggestion',
  'post_expiring', 'signal_assigned', 'signal_escalated', 'signal_update', 'invitation_new', 'report_decided',
  'moderation_notice'];
// The push services the server accepts (internal/notify DefaultPushHosts).
const pushHosts = ['fcm.googleapis.com', 'updates.push.services.mozilla.com', '.push.services.mozilla.com',
  '.notify.windows.com', 'web.push.apple.com', '.push.apple.com'];
const texts = {
  message_new: ['Je hebt een nieuw bericht.', '/gesprekken/'],
  response_new: ['Iemand reageerde op je vraag of aanbod.', '/vragen/'],
  exchange_check: ['Is de hulp gelukt? Laat het ons weten.', '/afspraken/'],
  signal_update: ['Er is nieuws over je signaal.', '/mijn-signalen/'],
};
// Not in the seeded inbox: they come from decisions in fake-moderation.mjs.
const moderationTexts = {
  report_decided: ['Er is een besluit over je melding.', '/mijn-meldingen/'],
  moderation_notice: ['Je hebt een bericht van de buurtmakelaar.', '/moderatie-berichten/'],
};

/**
 * The key figure of the demo data has 25 notifications, the newest 3 unread,
 * so the inbox shows "Nieuw" and needs "Meer laden".
 */
function seedInbox() {
  const kinds = Object.keys(texts);
  const start = Date.now() - 60_000;
  return Array.from({ length: 25 }, (_, i) => {
    const type = kinds[i % kinds.length];
    const subjectId = randomUUID();
    const createdAt = new Date(start - i * 3_600_000).toISOString();
    return { id: randomUUID(), type, subjectId, text: texts[type][0], url: texts[type][1] + subjectId,
      createdAt, readAt: i < 3 ? null : createdAt };
  });
}

const base64url = (buf) => Buffer.from(buf).toString('base64url');

function createFakeNotifications() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const publicKey = base64url(ecdh.getPublicKey()); // uncompressed point, 65 bytes
  const inboxes = new Map(); // user id → notifications, newest first
  const prefs = new Map(); // user id → preferences
  const subscriptions = new Map(); // id → { userId, endpoint }
  const inboxOf = (user) => {
    if (!inboxes.has(user.id)) inboxes.set(user.id, user.email === 'sleutelfiguur@noaberveen.nl' ? seedInbox() : []);
    return inboxes.get(user.id);
  };
  const prefsOf = (user) => prefs.get(user.id) ?? { push: Object.fromEntries(notificationTypes.map((t) => [t, true])),
    quietHoursStart: '22:00', quietHoursEnd: '08:00', suggestionDailyCap: 3 };

  function subscribe(user, b) {
    const params = [];
    let url = null;
    try {
      url = new URL(String(b.endpoint ?? ''));
    } catch { /* below */ }
    const known = url && url.protocol === 'https:' &&
      pushHosts.some((h) => url.hostname === h || (h.startsWith('.') && url.hostname.endsWith(h)));
    if (!known) params.push({ name: 'endpoint', reason: 'must be an https URL of a known push service' });
    if (Buffer.from(String(b.keys?.p256dh ?? ''), 'base64url').length !== 65) params.push({ name: 'keys.p256dh', reason: 'must be a P-256 public key' });
    if (Buffer.from(String(b.keys?.auth ?? ''), 'base64url').length !== 16) params.push({ name: 'keys.auth', reason: 'must be 16 bytes' });
    if (params.length) return invalid(params);
    for (const [id, s] of subscriptions) if (s.endpoint === b.endpoint) subscriptions.delete(id);
    const id = randomUUID();
    subscriptions.set(id, { userId: user.id, endpoint: b.endpoint });
    return { status: 201, body: { id }, headers: { Location: `/api/v1/push-subscriptions/${id}` } };
  }

  function list(user, query) {
    const limit = Number(query.get('limit') ?? 20);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return invalid([{ name: 'limit', reason: 'must be from 1 to 100' }]);
    const unread = query.get('unread');
    const all = inboxOf(user).filter((n) => unread !== 'true' || n.readAt === null);
    const from = query.get('cursor') ? all.findIndex((n) => n.id === query.get('cursor')) + 1 : 0;
    const items = all.slice(from, from + limit);
    const nextCursor = from + limit < all.length ? items[items.length - 1].id : null;
    return { status: 200, body: { items, nextCursor } };
  }

  function putPrefs(user, b) {
    const params = [];
    const time = /^([01]\d|2[0-3]):[0-5]\d$/;
    if (!b.push || typeof b.push !== 'object') params.push({ name: 'push', reason: 'is required' });
    for (const t of Object.keys(b.push ?? {})) if (!notificationTypes.includes(t)) params.push({ name: `push.${t}`, reason: 'is not a notification type' });
    if (!time.test(b.quietHoursStart ?? '')) params.push({ name: 'quietHoursStart', reason: 'must be a time such as 22:00' });
    if (!time.test(b.quietHoursEnd ?? '')) params.push({ name: 'quietHoursEnd', reason: 'must be a time such as 08:00' });
    if (!Number.isInteger(b.suggestionDailyCap) || b.suggestionDailyCap < 0 || b.suggestionDailyCap > 20) {
      params.push({ name: 'suggestionDailyCap', reason: 'must be from 0 to 20' });
    }
    if (params.length) return invalid(params);
    const next = { push: { ...prefsOf(user).push, ...b.push }, quietHoursStart: b.quietHoursStart,
      quietHoursEnd: b.quietHoursEnd, suggestionDailyCap: b.suggestionDailyCap };
    prefs.set(user.id, next);
    return { status: 200, body: next };
  }

  return {
    publicKey,
    /** Puts a new, unread notification at the top of someone's inbox. */
    push(user, type, subjectId) {
      const [text, path] = moderationTexts[type] ?? texts[type];
      inboxOf(user).unshift({ id: randomUUID(), type, subjectId, text, url: path + subjectId,
        createdAt: new Date().toISOString(), readAt: null });
    },
    /** The answer for a signed-in request, or undefined when it is not a notification route. */
    handle(user, method, path, query, b) {
      const route = `${method} ${path}`;
      if (route === 'POST /api/v1/push-subscriptions') return subscribe(user, b);
      const sub = /^DELETE \/api\/v1\/push-subscriptions\/([^/]+)$/.exec(route);
      if (sub) {
        const s = subscriptions.get(sub[1]);
        if (!s || s.userId !== user.id) return problem(404, 'not-found', 'No such subscription.');
        subscriptions.delete(sub[1]);
        return { status: 204 };
      }
      if (route === 'GET /api/v1/notifications') return list(user, query);
      const read = /^POST \/api\/v1\/notifications\/([^/]+)\/read$/.exec(route);
      if (read) {
        const n = inboxOf(user).find((x) => x.id === read[1]);
        if (!n) return problem(404, 'not-found', 'No such notification.');
        n.readAt ??= new Date().toISOString();
        return { status: 204 };
      }
      if (route === 'GET /api/v1/me/notification-preferences') return { status: 200, body: prefsOf(user) };
      if (route === 'PUT /api/v1/me/notification-preferences') return putPrefs(user, b);
      return undefined;
    },
  };
}
