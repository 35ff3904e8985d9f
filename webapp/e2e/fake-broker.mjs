// TEST DOUBLE. An in-memory fake of the broker's workbench (issue 8): the
// queue of unmatched requests, match proposals (POST|GET
// /posts/{id}/invitations by a broker), follow-up flags, private notes,
// managed residents and their conversations, the notice board, key figure
// invitations and posting on someone's behalf (onBehalfOf), as api/openapi.yaml
// describes them. Used only through fake-api.mjs, i.e. only when
// NOABER_E2E_URL is unset. It sits in front of fake-market.mjs and reuses it:
// a managed resident is an account of the account fake, and what a broker
// does for someone is asked of the marketplace fake as that person.
//
// Like the demo data, the demo broker (makelaar@noaberveen.nl, "Sanne
// Mulder") has the demo TOTP secret and covers the neighbourhoods of the
// Binnenstad and Noord. The first time a broker uses the workbench, the fake
// seeds an old unmatched request in Esch (12 days) and a helper nearby.
import { randomBytes, randomUUID } from 'node:crypto';

const problemBase = 'https://noaber.nl/problems/';
const problem = (status, kind, detail, extra) => ({
  status, body: { type: problemBase + kind, title: kind, status, detail, ...extra },
});
const invalid = (params) => problem(400, 'invalid-input', 'One or more fields are not valid.', { invalidParams: params });
const notFound = () => problem(404, 'not-found', 'There is nothing at this address.');
const forbidden = () => problem(403, 'forbidden', 'Only brokers with a second factor may do this.');
const day = 86_400_000;
const demoTotpSecret = 'NOABERVEENDEMOTOTPSECRETABCDEFGH';
const isDate = (s) => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
const normalise = (pc) => String(pc ?? '').replace(/\s+/g, '').toUpperCase();

function page(all, query, max = 100) {
  const limit = Math.min(max, Math.max(1, Number(query.get('limit') ?? 20) || 20));
  const from = Number(query.get('cursor') ?? 0) || 0;
  const items = all.slice(from, from + limit);
  return { status: 200, body: { items, nextCursor: from + limit < all.length ? String(from + limit) : null } };
}

/** Monday and Sunday (yyyy-mm-dd) of an ISO week "2026-W48". */
function weekDays(week) {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  const jan4 = Date.UTC(Number(m[1]), 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * day + (Number(m[2]) - 1) * 7 * day;
  const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(monday), to: iso(monday + 6 * day) };
}

function isoWeek(d = new Date()) {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  t.setUTCDate(t.getUTCDate() - ((t.getUTCDay() + 6) % 7) + 3);
  const first = new Date(Date.UTC(t.getUTCFullYear(), 0, 4));
  const n = 1 + Math.round(((t - first) / day - 3 + ((first.getUTCDay() + 6) % 7)) / 7);
  return `${t.getUTCFullYear()}-W${String(n).padStart(2, '0')}`;
}

/**
 * `market` is the marketplace fake, `users` the account fake's map (e-mail →
 * user), `addUser` its way to make an account, `postcodes` its postcode map.
 */
export function createFakeBroker({ market, users, addUser, postcodes }) {
  const byId = (id) => [...users.values()].find((u) => u.id === id);
  const requests = new Map(); // post id → { authorId, kind, createdAt, createdBy }
  const proposals = []; // { id, postId, conversationId, brokerId, helperId, createdAt }
  const followUps = new Map(); // post id → FollowUp
  const notes = new Map(); // post id → notes, newest first
  const managed = new Map(); // user id → { consentAt, consentNote, managedById, createdAt }
  const sentByBroker = new Map(); // message id → broker id
  const invitations = []; // { id, email, name, areaId, organisationId, status, code, createdAt, expiresAt }
  const brokerAreas = new Map(); // broker id → Set of neighbourhood ids
  let seeded = false;

  const hoods = new Map(); // neighbourhood id → { id, name, district }
  for (const info of postcodes.values()) hoods.set(info.neighbourhood.id, { ...info.neighbourhood, district: info.district });
  const areasOfDemoBroker = () => new Set([...hoods.values()].filter((h) => ['WK999901', 'WK999902'].includes(h.district.id)).map((h) => h.id));

  // The demo brokers, as internal/demo seeds them.
  const demoBroker = users.get('makelaar@noaberveen.nl');
  if (demoBroker) Object.assign(demoBroker, { displayName: 'Sanne Mulder', phone: '0591 123456', totpSecret: demoTotpSecret });
  for (const u of users.values()) if (u.roles.includes('broker')) brokerAreas.set(u.id, areasOfDemoBroker());

  const isBroker = (u) => u.roles.includes('broker') && Boolean(u.totpSecret);
  const covers = (broker, hoodId) => Boolean(hoodId && brokerAreas.get(broker.id)?.has(hoodId));
  const person = (u) => ({ id: u.id, displayName: u.displayName });
  const ask = (as, method, path, query = new URLSearchParams(), body = {}, headers = {}) =>
    market.handle(as, method, `/api/v1${path}`, query, body, headers);
  const categoryLabel = (id) => market.handlePublic('GET', '/api/v1/categories', new URLSearchParams('all=true'))
    .body.items.find((c) => c.id === id)?.labels.nl ?? id;

  function createPost(as, b, headers, createdBy, createdAt) {
    const answer = ask(as, 'POST', '/posts', new URLSearchParams(), b, headers);
    if (answer?.status === 201 && !requests.has(answer.body.id)) {
      requests.set(answer.body.id, { authorId: as.id, kind: b.kind, createdAt: createdAt ?? answer.body.createdAt, createdBy });
    }
    if (answer?.status === 201 && createdAt) answer.body = { ...answer.body, createdAt };
    return answer;
  }

  /** An old unmatched request in Esch and a helper nearby, the first time a broker looks. */
  function seed() {
    if (seeded) return;
    seeded = true;
    const lotte = users.get('lotte@noaberveen.nl') ?? addUser({ email: 'lotte@noaberveen.nl', password: 'demo-wachtwoord-lotte',
      displayName: 'Lotte Meijer', roles: ['resident'], postcode: '9999EB', houseNumber: '1' });
    const ans = users.get('ans@noaberveen.nl') ?? addUser({ email: 'ans@noaberveen.nl', password: 'demo-wachtwoord-ans',
      displayName: 'Ans Hovenier', roles: ['resident'], postcode: '9999EC', houseNumber: '4' });
    createPost(ans, { kind: 'offer', category: 'tuin', title: 'Ik help graag in de tuin', body: 'Snoeien, maaien en onkruid wieden.', radiusKm: 3 }, {}, ans.id);
    createPost(lotte, { kind: 'request', category: 'tuin', title: 'Hulp bij het snoeien van mijn heg',
      body: 'Mijn heg is veel te hoog geworden. Ik kan niet meer op de trap staan. Wie helpt een uurtje mee?', radiusKm: 3 },
    {}, lotte.id, new Date(Date.now() - 12 * day - 3_600_000).toISOString());
  }

  /** The post as its author sees it (status, responses), or null. */
  function current(postId) {
    const r = requests.get(postId);
    const author = r && byId(r.authorId);
    if (!author) return null;
    const answer = ask(author, 'GET', `/posts/${postId}`);
    return answer?.status === 200 ? { r, author, post: answer.body } : null;
  }

  function outcome(p) {
    const c = current(p.postId);
    if (!c) return 'expired';
    const conv = ask(c.author, 'GET', `/conversations/${p.conversationId}`);
    if (conv?.status === 200 && conv.body.exchange && ['agreed', 'completed'].includes(conv.body.exchange.status)) return 'agreed';
    return c.post.status === 'open' ? 'open' : 'expired';
  }

  function queueItem(postId) {
    const { r, author, post } = current(postId);
    const mine = proposals.filter((p) => p.postId === postId).reverse();
    const suggestions = ask(author, 'GET', `/posts/${postId}/suggestions`, new URLSearchParams('limit=3'));
    const outcomes = mine.map((p) => ({ p, outcome: outcome(p) }));
    return {
      postId, title: post.title, category: post.category, categoryLabel: categoryLabel(post.category), createdAt: r.createdAt,
      ageDays: Math.floor((Date.now() - Date.parse(r.createdAt)) / day),
      author: { id: author.id, displayName: author.displayName, neighbourhood: { id: author.neighbourhood.id, name: author.neighbourhood.name },
        managed: managed.has(author.id) },
      responseCount: post.responseCount ?? 0,
      openProposal: outcomes.some((o) => o.outcome === 'open'),
      proposals: outcomes.map(({ p, outcome: o }) => ({ id: p.id, helper: person(byId(p.helperId)), outcome: o === 'expired' ? 'open' : o, createdAt: p.createdAt })),
      followUp: followUps.get(postId) ?? null,
      noteCount: notes.get(postId)?.length ?? 0,
      suggestions: suggestions?.status === 200 ? suggestions.body.items.slice(0, 3) : [],
    };
  }

  function queue(user, query) {
    const params = [];
    const minAge = query.get('minAgeDays');
    if (minAge !== null && !(Number.isInteger(Number(minAge)) && Number(minAge) >= 0 && Number(minAge) <= 3650)) {
      params.push({ name: 'minAgeDays', reason: 'must be a whole number from 0 to 3650' });
    }
    if (params.length) return invalid(params);
    const all = [...requests.keys()]
      .map((id) => ({ id, c: current(id) }))
      .filter(({ c }) => c && c.r.kind === 'request' && c.post.status === 'open' && covers(user, c.author.neighbourhood?.id))
      .map(({ id }) => queueItem(id))
      .filter((i) => !query.get('category') || i.category === query.get('category'))
      .filter((i) => query.get('followUp') !== 'true' || i.followUp)
      .filter((i) => !minAge || i.ageDays >= Number(minAge))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return page(all, query);
  }

  /** A request this broker may work on, or null. */
  function requestInArea(user, postId) {
    const c = current(postId);
    return c && c.r.kind === 'request' && covers(user, c.author.neighbourhood?.id) ? c : null;
  }

  function proposalView(p) {
    const o = outcome(p);
    return { id: p.id, conversationId: p.conversationId, broker: userRef(byId(p.brokerId)), helper: userRef(byId(p.helperId)),
      outcome: o, createdAt: p.createdAt, decidedAt: o === 'open' ? null : new Date().toISOString() };
  }
  const userRef = (u) => ({ id: u.id, displayName: u.displayName, neighbourhood: u.neighbourhood ?? null });

  function managedView(u) {
    const m = managed.get(u.id);
    const unread = ask(u, 'GET', '/me/unread');
    const count = ask(u, 'GET', '/conversations', new URLSearchParams('limit=100'))?.body.items.reduce((n, c) => n + c.unreadCount, 0) ?? 0;
    return { id: u.id, displayName: u.displayName, neighbourhood: { id: u.neighbourhood.id, name: u.neighbourhood.name }, phone: u.phone ?? null,
      consentAt: m.consentAt, consentNote: m.consentNote, managedBy: m.managedById ? person(byId(m.managedById)) : null,
      createdAt: m.createdAt, unreadMessages: unread ? count : 0 };
  }
  const managedOf = (user, id) => {
    const u = managed.has(id) && byId(id);
    return u && covers(user, u.neighbourhood?.id) ? u : null;
  };

  function createManaged(user, b) {
    const params = [];
    const name = String(b.displayName ?? '').trim();
    if (!name) params.push({ name: 'displayName', reason: 'is required' });
    else if (name.length > 60) params.push({ name: 'displayName', reason: 'must be at most 60 characters' });
    let postcode = null;
    if (('postcode' in b) === ('neighbourhoodId' in b)) params.push({ name: 'postcode', reason: 'give exactly one of postcode and neighbourhoodId' });
    else if ('postcode' in b) {
      const info = postcodes.get(normalise(b.postcode));
      if (!/^[1-9]\d{3}[A-Z]{2}$/.test(normalise(b.postcode))) params.push({ name: 'postcode', reason: 'must be a Dutch postcode like 1234AB' });
      else if (!info) params.push({ name: 'postcode', reason: 'is not a known postcode' });
      else if (!covers(user, info.neighbourhood.id)) params.push({ name: 'postcode', reason: 'is not in a neighbourhood you cover' });
      else postcode = info.postcode;
    } else if (!covers(user, b.neighbourhoodId)) params.push({ name: 'neighbourhoodId', reason: 'is not a neighbourhood you cover' });
    else postcode = [...postcodes.values()].find((i) => i.neighbourhood.id === b.neighbourhoodId).postcode;
    if (b.phone != null && b.phone !== '' && !/^\+?[\d\s-]{8,20}$/.test(String(b.phone))) params.push({ name: 'phone', reason: 'must be a phone number' });
    if (!isDate(b.consentAt)) params.push({ name: 'consentAt', reason: 'must be a date (yyyy-mm-dd)' });
    else if (Date.parse(`${b.consentAt}T00:00:00Z`) > Date.now() + day) params.push({ name: 'consentAt', reason: 'must not be in the future' });
    if (b.consentNote != null && String(b.consentNote).length > 500) params.push({ name: 'consentNote', reason: 'must be at most 500 characters' });
    if (params.length) return invalid(params);
    const u = addUser({ email: `managed-${randomUUID()}@managed.invalid`, password: randomBytes(24).toString('hex'), displayName: name,
      roles: ['resident'], postcode, houseNumber: '1', phone: b.phone || null });
    managed.set(u.id, { consentAt: b.consentAt, consentNote: b.consentNote?.trim() || null, managedById: user.id, createdAt: new Date().toISOString() });
    return { status: 201, body: managedView(u), headers: { Location: `/api/v1/managed-residents/${u.id}` } };
  }

  function managedConversations(u, query) {
    const list = ask(u, 'GET', '/conversations', new URLSearchParams('limit=100')).body.items.map((c) => ({
      id: c.id, post: c.post, role: c.role, other: person(c.other), lastMessageAt: c.lastMessageAt ?? c.createdAt, unreadCount: c.unreadCount,
    }));
    return page(list, query);
  }

  function noticeBoard(user, areaId, query) {
    const week = query.get('week') ?? isoWeek();
    if (!/^\d{4}-W\d{2}$/.test(week)) return invalid([{ name: 'week', reason: 'must be an ISO week like 2026-W48' }]);
    const hood = hoods.get(areaId);
    const inArea = hood ? [hood.id] : [...hoods.values()].filter((h) => h.district.id === areaId).map((h) => h.id);
    if (!inArea.some((id) => covers(user, id))) return notFound();
    const area = hood ? { id: hood.id, name: hood.name, kind: 'neighbourhood' }
      : { id: areaId, name: [...hoods.values()].find((h) => h.district.id === areaId).district.name, kind: 'district' };
    const items = [...requests.keys()].map(current)
      .filter((c) => c && c.post.status === 'open' && inArea.includes(c.author.neighbourhood?.id))
      .sort((a, b) => (a.post.kind === b.post.kind ? a.r.createdAt.localeCompare(b.r.createdAt) : a.post.kind === 'request' ? -1 : 1))
      .map(({ post, author }) => ({ kind: post.kind, category: post.category, categoryLabel: categoryLabel(post.category), title: post.title,
        body: post.body, momentText: post.momentText, momentAt: post.momentAt, recurrence: post.recurrence,
        displayName: author.displayName.split(' ')[0], neighbourhood: { id: author.neighbourhood.id, name: author.neighbourhood.name } }));
    const contact = { name: user.displayName, phone: user.phone ?? null };
    return { status: 200, body: { area, week, ...weekDays(week), contact, items,
      respondVia: `Reageren via: ${contact.name}${contact.phone ? `, ${contact.phone}` : ''}` } };
  }

  function invite(user, b) {
    const params = [];
    const email = String(b.email ?? '').trim();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) params.push({ name: 'email', reason: 'must be a valid e-mail address' });
    const name = String(b.name ?? '').trim();
    if (!name) params.push({ name: 'name', reason: 'is required' });
    else if (name.length > 60) params.push({ name: 'name', reason: 'must be at most 60 characters' });
    if (!b.areaId) params.push({ name: 'areaId', reason: 'is required' });
    if (params.length) return invalid(params);
    if (!covers(user, b.areaId)) return notFound();
    const existing = users.get(email.toLowerCase());
    const now = Date.now();
    const inv = { id: randomUUID(), email, name, areaId: b.areaId, organisationId: b.organisationId ?? null,
      status: existing ? 'granted' : 'pending', code: existing ? null : `NBR-${randomBytes(4).toString('hex').toUpperCase()}`,
      createdAt: new Date(now).toISOString(), expiresAt: new Date(now + 30 * day).toISOString() };
    invitations.push(inv);
    if (existing && !existing.roles.includes('keyfigure')) existing.roles.push('keyfigure');
    const hood = hoods.get(inv.areaId);
    return { status: 201, body: { id: inv.id, email, name, area: { id: hood.id, name: hood.name }, organisation: null,
      status: inv.status, code: inv.code, createdAt: inv.createdAt, expiresAt: inv.expiresAt } };
  }

  function keyfigures(user, query) {
    const areaId = query.get('areaId');
    const all = [...users.values()].filter((u) => u.roles.includes('keyfigure')).map((u) => {
      const invited = invitations.filter((i) => i.email.toLowerCase() === u.email.toLowerCase() && i.status !== 'pending').map((i) => i.areaId);
      const ids = [...new Set([u.neighbourhood?.id, ...invited].filter(Boolean))];
      return { u, ids };
    }).filter(({ ids }) => ids.some((id) => covers(user, id)) && (!areaId || ids.includes(areaId)))
      .map(({ u, ids }) => ({ id: u.id, name: u.displayName, email: u.email, phone: u.phone ?? null,
        organisation: u.organisation ?? null, neighbourhoods: ids.map((id) => ({ id, name: hoods.get(id)?.name ?? id })) }));
    return page(all, query);
  }

  function route(user, method, path, query, b, headers) {
    const r = `${method} ${path.replace(/^\/api\/v1/, '')}`;
    let m;
    // Posting, for oneself or (a broker) for a managed resident; the fake notes every post to find it again.
    if (r === 'POST /posts') {
      if (b.onBehalfOf == null) return createPost(user, b, headers, user.id);
      if (!isBroker(user)) return invalid([{ name: 'onBehalfOf', reason: 'only a broker posts for someone else' }]);
      const resident = managedOf(user, String(b.onBehalfOf));
      if (!resident) return invalid([{ name: 'onBehalfOf', reason: 'is not a managed resident in your neighbourhoods' }]);
      const { onBehalfOf: _, ...rest } = b;
      return createPost(resident, rest, headers, user.id);
    }
    const workbench = /^(GET|PUT|DELETE|POST) \/(broker\/|managed-residents|keyfigure|areas\/[^/]+\/notice-board|organisations|posts\/[^/]+\/(broker-notes|invitations|suggestions))/;
    if (!workbench.test(r)) return undefined;
    if ((m = /^(GET|POST) \/posts\/([^/]+)\/(invitations|suggestions)$/.exec(r))) {
      // Only a broker of the area is answered here; the author goes on to fake-market.mjs.
      if (!isBroker(user) || !requests.has(m[2])) return undefined;
      const c = requestInArea(user, m[2]);
      if (!c) return notFound();
      if (m[3] === 'suggestions') return ask(c.author, 'GET', `/posts/${m[2]}/suggestions`, query);
      if (m[1] === 'GET') return page(proposals.filter((p) => p.postId === m[2]).reverse().map(proposalView), query);
      const params = [];
      const message = String(b.message ?? '').trim();
      if (!message || message.length > 2000) params.push({ name: 'message', reason: 'must be 1 to 2000 characters' });
      const helper = byId(String(b.userId ?? ''));
      if (!helper || helper.id === c.author.id || managed.has(helper.id)) params.push({ name: 'userId', reason: 'must be someone who can be asked now' });
      if (params.length) return invalid(params);
      const answer = ask(c.author, 'POST', `/posts/${m[2]}/invitations`, new URLSearchParams(), { userId: helper.id, message }, headers);
      if (answer.status === 201 && !proposals.some((p) => p.conversationId === answer.body.id)) {
        proposals.push({ id: randomUUID(), postId: m[2], conversationId: answer.body.id, brokerId: user.id, helperId: helper.id,
          createdAt: new Date().toISOString() });
      }
      return answer;
    }
    if (!isBroker(user)) return r.startsWith('GET /keyfigures') && user.roles.includes('contact') ? page([], query) : forbidden();
    seed();
    if (r === 'GET /broker/queue') return queue(user, query);
    if ((m = /^(PUT|DELETE) \/broker\/queue\/([^/]+)\/follow-up$/.exec(r))) {
      if (!requestInArea(user, m[2])) return notFound();
      if (m[1] === 'DELETE') {
        followUps.delete(m[2]);
        return { status: 204 };
      }
      const params = [];
      if (b.dueOn != null && !isDate(b.dueOn)) params.push({ name: 'dueOn', reason: 'must be a date (yyyy-mm-dd)' });
      if (b.note != null && String(b.note).length > 500) params.push({ name: 'note', reason: 'must be at most 500 characters' });
      if (params.length) return invalid(params);
      const flag = { dueOn: b.dueOn ?? null, note: b.note?.trim() || null, flaggedAt: new Date().toISOString(), flaggedBy: person(user) };
      followUps.set(m[2], flag);
      return { status: 200, body: flag };
    }
    if ((m = /^(GET|POST) \/posts\/([^/]+)\/broker-notes$/.exec(r))) {
      if (!requestInArea(user, m[2])) return notFound();
      const list = notes.get(m[2]) ?? [];
      notes.set(m[2], list);
      if (m[1] === 'GET') return page(list, query);
      const text = String(b.text ?? '').trim();
      if (!text || text.length > 2000) return invalid([{ name: 'text', reason: 'must be 1 to 2000 characters' }]);
      const note = { id: randomUUID(), author: person(user), text, createdAt: new Date().toISOString() };
      list.unshift(note);
      return { status: 201, body: note };
    }
    if (r === 'GET /managed-residents') {
      const all = [...managed.keys()].map(byId).filter((u) => u && covers(user, u.neighbourhood?.id)).map(managedView).reverse();
      return page(all, query);
    }
    if (r === 'POST /managed-residents') return createManaged(user, b);
    if ((m = /^GET \/managed-residents\/([^/]+)$/.exec(r))) {
      const u = managedOf(user, m[1]);
      return u ? { status: 200, body: managedView(u) } : notFound();
    }
    if ((m = /^GET \/managed-residents\/([^/]+)\/conversations$/.exec(r))) {
      const u = managedOf(user, m[1]);
      return u ? managedConversations(u, query) : notFound();
    }
    if ((m = /^(GET|POST) \/managed-residents\/([^/]+)\/conversations\/([^/]+)\/(messages|read)$/.exec(r))) {
      const u = managedOf(user, m[2]);
      if (!u) return notFound();
      if (m[4] === 'read') return m[1] === 'POST' ? ask(u, 'POST', `/conversations/${m[3]}/read`) : notFound();
      if (m[1] === 'POST') {
        const answer = ask(u, 'POST', `/conversations/${m[3]}/messages`, new URLSearchParams(), { body: b.body }, headers);
        if (answer.status !== 201) return answer;
        sentByBroker.set(answer.body.id, user.id);
        return { status: 201, body: { id: answer.body.id, mine: true, sender: person(u), sentByBroker: person(user), body: answer.body.body,
          createdAt: answer.body.createdAt } };
      }
      const answer = ask(u, 'GET', `/conversations/${m[3]}/messages`, query);
      if (answer.status !== 200) return answer;
      return { status: 200, body: { ...answer.body, items: answer.body.items.map((x) => ({ id: x.id, mine: x.mine,
        sender: person(x.sender), sentByBroker: sentByBroker.has(x.id) ? person(byId(sentByBroker.get(x.id))) : null,
        body: x.body, createdAt: x.createdAt })) } };
    }
    if ((m = /^GET \/areas\/([^/]+)\/notice-board$/.exec(r))) return noticeBoard(user, m[1], query);
    if (r === 'POST /keyfigure-invitations') return invite(user, b);
    if (r === 'GET /keyfigures') return keyfigures(user, query);
    if (r === 'GET /organisations') {
      const orgs = [...users.values()].map((u) => u.organisation).filter(Boolean);
      return { status: 200, body: { items: orgs.map((o) => ({ ...o, kind: 'association', areas: [] })), nextCursor: null } };
    }
    return undefined;
  }

  return {
    /** POST /auth/register with an invitationCode: only the invited address may use it; the account becomes a key figure. */
    register(b, register) {
      if (!('invitationCode' in b)) return register(b);
      const { invitationCode, ...rest } = b;
      const inv = invitations.find((i) => i.status === 'pending' && i.code === String(invitationCode).trim()
        && i.email.toLowerCase() === String(b.email ?? '').trim().toLowerCase() && Date.parse(i.expiresAt) > Date.now());
      if (!inv) return invalid([{ name: 'invitationCode', reason: 'does not fit an open invitation for this e-mail address' }]);
      const answer = register(rest);
      if (answer.status !== 201) return answer;
      inv.status = 'granted';
      const u = users.get(rest.email.toLowerCase());
      u.roles.push('keyfigure');
      return { ...answer, body: { ...answer.body, user: { ...answer.body.user, roles: [...u.roles] } } };
    },
    /** The answer for a signed-in request, or undefined when the workbench has nothing to do with it. */
    handle(user, method, path, query, b, headers = {}) {
      return route(user, method, path, query, b, headers);
    },
  };
}
