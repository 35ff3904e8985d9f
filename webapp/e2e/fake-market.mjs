// TEST DOUBLE. An in-memory fake of the marketplace API (issue 4: categories,
// posts and the feed, responses and conversations, exchanges, reciprocity,
// blocks and the holiday pause), so that the browser tests can run without
// the Go server. Used only through fake-api.mjs, i.e. only when
// NOABER_E2E_URL is unset. It follows the marketplace contract and checks
// little. Creating POSTs honour Idempotency-Key like the server: the same key
// from the same person gets the first answer again.
import { randomUUID } from 'node:crypto';

const problemBase = 'https://noaber.nl/problems/';
const problem = (status, kind, detail, extra) => ({
  status, body: { type: problemBase + kind, title: kind, status, detail, ...extra },
});
const invalid = (params) => problem(400, 'invalid-input', 'One or more fields are not valid.', { invalidParams: params });
const notFound = () => problem(404, 'not-found', 'There is nothing at this address.');
const conflict = (detail, extra) => problem(409, 'conflict', detail, extra);

const categories = [
  ['koken', 'Maaltijd en koken', 'Meals and cooking', 'pan', 10],
  ['boodschappen', 'Boodschappen', 'Shopping', 'bag', 20],
  ['klussen', 'Klussen', 'Odd jobs', 'hammer', 30],
  ['tuin', 'Tuin', 'Garden', 'flower', 40],
  ['gezelschap', 'Gezelschap', 'Company', 'coffee', 50],
  ['vervoer', 'Vervoer', 'Transport', 'car', 60],
  ['dieren', 'Dieren en hond uitlaten', 'Pets and dog walking', 'paw', 70],
  ['computer', 'Computer en telefoon', 'Computer and phone', 'phone', 80],
  ['formulieren', 'Formulieren en administratie', 'Forms and paperwork', 'document', 90],
  ['kinderen', 'Kinderen en oppas', 'Children and babysitting', 'child', 100],
  ['taal', 'Taal en lezen', 'Language and reading', 'book', 110],
  ['overig', 'Overig', 'Other', 'dots', 999],
].map(([id, nl, en, icon, position]) => ({ id, labels: { nl, en }, icon, position, retired: false }));

const kinds = ['request', 'offer'];
const recurrences = ['once', 'weekly', 'monthly', 'regularly'];
const day = 86_400_000;
const plain = (s) => !/<[a-z!/?]/i.test(s) && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s);
const isTime = (s) => typeof s === 'string' && !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s);

/** A page of `all` from `cursor` (an offset as text). */
function page(all, query, max = 100) {
  const limit = Math.min(max, Math.max(1, Number(query.get('limit') ?? 20) || 20));
  const from = Number(query.get('cursor') ?? 0) || 0;
  const items = all.slice(from, from + limit);
  return { status: 200, body: { items, nextCursor: from + limit < all.length ? String(from + limit) : null } };
}

/**
 * `userById(id)` finds an account of the account fake ({ id, displayName,
 * neighbourhood, district }).
 */
export function createFakeMarket({ userById }) {
  const posts = new Map();
  const conversations = new Map();
  const messages = []; // oldest first
  const exchanges = new Map();
  const ledger = [];
  const blocks = new Map(); // blocker id → Map(blocked id → createdAt)
  const pauses = new Map(); // user id → { since, until }
  const idempotent = new Map(); // `${user id} ${key}` → first answer

  const userRef = (id) => {
    const u = userById(id);
    return u ? { id: u.id, displayName: u.displayName, neighbourhood: u.neighbourhood ?? null } : { id, displayName: '?', neighbourhood: null };
  };
  const blockedEither = (a, b) => Boolean(blocks.get(a)?.has(b) || blocks.get(b)?.has(a));
  const paused = (id) => {
    const p = pauses.get(id);
    return Boolean(p && (!p.until || Date.parse(p.until) > Date.now()));
  };
  /** Reader → author: same neighbourhood 0 km, same district 1.5 km, else 4 km (the fake's stand-in for centroids). */
  function distance(reader, authorId) {
    const a = userById(authorId);
    if (!a || !reader.neighbourhood || !a.neighbourhood) return { distanceKm: 4, proximity: 'nearby' };
    if (a.neighbourhood.id === reader.neighbourhood.id) return { distanceKm: 0, proximity: 'same' };
    if (a.district?.id && a.district.id === reader.district?.id) return { distanceKm: 1.5, proximity: 'bordering' };
    return { distanceKm: 4, proximity: 'nearby' };
  }
  const expire = (p) => {
    if (p.status === 'open' && Date.parse(p.expiresAt) <= Date.now()) p.status = 'expired';
  };

  function postView(user, p) {
    expire(p);
    const mine = p.authorId === user.id;
    const conv = [...conversations.values()].find((c) => c.postId === p.id && c.responderId === user.id);
    return {
      id: p.id, kind: p.kind, category: p.category, title: p.title, body: p.body, momentText: p.momentText,
      momentAt: p.momentAt, recurrence: p.recurrence, radiusKm: p.radiusKm, status: p.status,
      author: userRef(p.authorId), organisation: null, ...distance(user, p.authorId), mine,
      myConversationId: conv?.id ?? null,
      responseCount: mine ? [...conversations.values()].filter((c) => c.postId === p.id).length : null,
      expiresAt: p.expiresAt, createdAt: p.createdAt, updatedAt: p.updatedAt,
    };
  }
  const postRef = (p) => ({ id: p.id, kind: p.kind, category: p.category, title: p.title, status: p.status });
  const visible = (user, p) => {
    expire(p);
    if (p.authorId === user.id) return true;
    return p.status === 'open' && !blockedEither(user.id, p.authorId);
  };

  function checkPost(b, creating) {
    const params = [];
    const add = (name, reason) => params.push({ name, reason });
    if (creating && !kinds.includes(b.kind)) add('kind', 'must be request or offer');
    if (creating || 'category' in b) {
      const c = categories.find((x) => x.id === b.category);
      if (!c || c.retired) add('category', 'is not a known category');
    }
    if (creating || 'title' in b) {
      const title = String(b.title ?? '').trim();
      if (!title) add('title', 'is required');
      else if (title.length < 3 || title.length > 80) add('title', 'must be 3 to 80 characters');
      else if (!plain(title)) add('title', 'must be plain text');
    }
    if (creating || 'body' in b) {
      const body = String(b.body ?? '').trim();
      if (!body) add('body', 'is required');
      else if (body.length > 1000) add('body', 'must be at most 1000 characters');
      else if (!plain(body)) add('body', 'must be plain text');
    }
    if (b.momentText != null && (String(b.momentText).length > 80 || !plain(String(b.momentText)))) add('momentText', 'must be at most 80 characters of plain text');
    if (b.momentAt != null && !isTime(b.momentAt)) add('momentAt', 'must be an RFC 3339 time');
    if (b.recurrence != null && !recurrences.includes(b.recurrence)) add('recurrence', 'must be once, weekly, monthly or regularly');
    if (b.radiusKm != null && (typeof b.radiusKm !== 'number' || b.radiusKm < 0.5 || b.radiusKm > 15 || (b.radiusKm * 2) % 1 !== 0)) {
      add('radiusKm', 'must be from 0.5 to 15 in steps of 0.5');
    }
    return params;
  }

  function createPost(user, b) {
    const params = checkPost(b, true);
    if (params.length) return invalid(params);
    const now = new Date().toISOString();
    const p = {
      id: randomUUID(), kind: b.kind, category: b.category, title: b.title.trim(), body: b.body.trim(),
      momentText: b.momentText?.trim() || null, momentAt: b.momentAt ?? null, recurrence: b.recurrence ?? 'once',
      radiusKm: b.radiusKm ?? 2, status: 'open', authorId: user.id,
      expiresAt: new Date(Date.now() + 30 * day).toISOString(), createdAt: now, updatedAt: now,
    };
    posts.set(p.id, p);
    return { status: 201, body: postView(user, p), headers: { Location: `/api/v1/posts/${p.id}` } };
  }

  function feed(user, query) {
    const rank = { same: 0, bordering: 1, nearby: 2 };
    const radius = Math.min(15, Number(query.get('radiusKm') ?? 5) || 5);
    const q = (query.get('q') ?? '').trim().toLowerCase();
    const all = [...posts.values()]
      .filter((p) => p.authorId !== user.id && visible(user, p) && p.status === 'open')
      .filter((p) => !(p.kind === 'offer' && paused(p.authorId)))
      .filter((p) => !query.get('kind') || p.kind === query.get('kind'))
      .filter((p) => !query.get('category') || p.category === query.get('category'))
      .filter((p) => !q || `${p.title} ${p.body}`.toLowerCase().includes(q))
      .map((p) => postView(user, p))
      .filter((v) => v.distanceKm <= radius && v.distanceKm <= v.radiusKm)
      .sort((a, b) => rank[a.proximity] - rank[b.proximity] || a.distanceKm - b.distanceKm || b.createdAt.localeCompare(a.createdAt));
    return page(all, query);
  }

  const convOf = (user, id) => {
    const c = conversations.get(id);
    if (!c || (c.authorId !== user.id && c.responderId !== user.id)) return null;
    if (blockedEither(c.authorId, c.responderId)) return null;
    return c;
  };
  const liveExchange = (c) => [...exchanges.values()].find((x) => x.conversationId === c.id && ['agreed', 'completed'].includes(x.status));
  const lastExchange = (c) => [...exchanges.values()].filter((x) => x.conversationId === c.id).pop();

  function convView(user, c) {
    const p = posts.get(c.postId);
    expire(p);
    const mine = messages.filter((m) => m.conversationId === c.id);
    const last = mine[mine.length - 1];
    const readAt = c.readAt[user.id] ?? '';
    const ex = lastExchange(c);
    const role = c.authorId === user.id ? 'author' : 'responder';
    return {
      id: c.id, post: postRef(p), role, other: userRef(role === 'author' ? c.responderId : c.authorId),
      lastMessage: last ? { body: last.body, mine: last.senderId === user.id, createdAt: last.createdAt } : null,
      unreadCount: mine.filter((m) => m.senderId !== user.id && m.createdAt > readAt).length,
      exchange: ex ? { id: ex.id, status: ex.status } : null,
      canAccept: role === 'author' && p.status === 'open' && !liveExchange(c),
      createdAt: c.createdAt, lastMessageAt: c.lastMessageAt,
    };
  }
  const messageView = (user, m) => ({
    id: m.id, conversationId: m.conversationId, mine: m.senderId === user.id, sender: userRef(m.senderId), body: m.body, createdAt: m.createdAt,
  });

  function addMessage(c, senderId, body) {
    // Strictly increasing times, so "newest first" is stable within one millisecond.
    const lastAt = messages.length ? Date.parse(messages[messages.length - 1].createdAt) : 0;
    const m = { id: randomUUID(), conversationId: c.id, senderId, body, createdAt: new Date(Math.max(Date.now(), lastAt + 1)).toISOString() };
    messages.push(m);
    c.lastMessageAt = m.createdAt;
    c.readAt[senderId] = m.createdAt;
    return m;
  }

  function respond(user, postId, b) {
    const p = posts.get(postId);
    if (!p || !visible(user, p)) return notFound();
    const message = String(b.message ?? '').trim();
    if (!message || message.length > 2000) return invalid([{ name: 'message', reason: 'must be 1 to 2000 characters' }]);
    if (p.authorId === user.id) return conflict('You cannot respond to your own post.');
    if (p.status !== 'open') return conflict('This post is not open.');
    const existing = [...conversations.values()].find((c) => c.postId === p.id && c.responderId === user.id);
    if (existing) return conflict('You already responded.', { conversationId: existing.id });
    const c = { id: randomUUID(), postId: p.id, authorId: p.authorId, responderId: user.id, createdAt: new Date().toISOString(), lastMessageAt: null, readAt: {} };
    conversations.set(c.id, c);
    addMessage(c, user.id, message);
    return { status: 201, body: convView(user, c), headers: { Location: `/api/v1/conversations/${c.id}` } };
  }

  function exchangeView(user, x) {
    const role = x.helperId === user.id ? 'helper' : 'receiver';
    const other = role === 'helper' ? x.receiverId : x.helperId;
    return {
      id: x.id, post: postRef(posts.get(x.postId)), conversationId: x.conversationId, helper: userRef(x.helperId),
      receiver: userRef(x.receiverId), role, status: x.status, momentAt: x.momentAt, checkAt: x.checkAt,
      myAnswer: x.answers[user.id] ?? null, otherAnswered: other in x.answers, hours: x.hours, thanks: x.thanks,
      thankedAt: x.thankedAt, cancelReason: x.cancelReason, createdAt: x.createdAt, updatedAt: x.updatedAt,
    };
  }
  const exchangeOf = (user, id) => {
    const x = exchanges.get(id);
    return x && (x.helperId === user.id || x.receiverId === user.id) ? x : null;
  };

  function accept(user, b) {
    const c = convOf(user, String(b.conversationId ?? ''));
    if (!c) return b.conversationId ? notFound() : invalid([{ name: 'conversationId', reason: 'is required' }]);
    if (b.momentAt != null && !isTime(b.momentAt)) return invalid([{ name: 'momentAt', reason: 'must be an RFC 3339 time' }]);
    const p = posts.get(c.postId);
    if (c.authorId !== user.id) return notFound();
    if (p.status !== 'open') return conflict('This post is not open.');
    if (liveExchange(c)) return conflict('There is already an exchange in this conversation.');
    if (p.kind === 'request' && p.recurrence === 'once' && [...exchanges.values()].some((x) => x.postId === p.id && ['agreed', 'completed'].includes(x.status))) {
      return conflict('This request already has an exchange.');
    }
    const now = Date.now();
    const request = p.kind === 'request';
    const x = {
      id: randomUUID(), postId: p.id, conversationId: c.id, helperId: request ? c.responderId : c.authorId,
      receiverId: request ? c.authorId : c.responderId, status: 'agreed', momentAt: b.momentAt ?? null,
      checkAt: new Date(b.momentAt ? Date.parse(b.momentAt) + 2 * 3_600_000 : now + 3 * day).toISOString(),
      answers: {}, hours: null, thanks: null, thankedAt: null, cancelReason: null,
      createdAt: new Date(now).toISOString(), updatedAt: new Date(now).toISOString(),
    };
    exchanges.set(x.id, x);
    if (request && p.recurrence === 'once') p.status = 'closed';
    return { status: 201, body: exchangeView(user, x), headers: { Location: `/api/v1/exchanges/${x.id}` } };
  }

  function completion(user, x, b) {
    if (typeof b.happened !== 'boolean') return invalid([{ name: 'happened', reason: 'is required' }]);
    if (x.status !== 'agreed' || user.id in x.answers) return conflict('You already answered.');
    if (b.hours != null) {
      if (x.helperId !== user.id) return invalid([{ name: 'hours', reason: 'only the helper gives hours' }]);
      if (typeof b.hours !== 'number' || b.hours < 0.5 || b.hours > 24) return invalid([{ name: 'hours', reason: 'must be from 0.5 to 24' }]);
      x.hours = b.hours;
    }
    x.answers[user.id] = b.happened;
    if (!b.happened) x.status = 'not_happened';
    else if (x.answers[x.helperId] === true && x.answers[x.receiverId] === true) {
      x.status = 'completed';
      ledger.push({ helperId: x.helperId, receiverId: x.receiverId, category: posts.get(x.postId).category, hours: x.hours ?? 0, at: new Date() });
    }
    x.updatedAt = new Date().toISOString();
    return { status: 200, body: exchangeView(user, x) };
  }

  function reciprocity(user) {
    const mine = ledger.filter((e) => e.helperId === user.id || e.receiverId === user.id);
    const sum = (role) => {
      const list = mine.filter((e) => e[role] === user.id);
      return { count: list.length, hours: list.reduce((n, e) => n + e.hours, 0) };
    };
    const byCategory = new Map();
    for (const e of mine) {
      const c = byCategory.get(e.category) ?? { category: e.category, given: 0, received: 0 };
      if (e.helperId === user.id) c.given++;
      else c.received++;
      byCategory.set(e.category, c);
    }
    const now = new Date();
    const byMonth = Array.from({ length: 12 }, (_, i) => {
      const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11 + i, 1));
      const month = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
      const inMonth = mine.filter((e) => e.at.toISOString().slice(0, 7) === month);
      return { month, given: inMonth.filter((e) => e.helperId === user.id).length, received: inMonth.filter((e) => e.receiverId === user.id).length };
    });
    const given = sum('helperId');
    const received = sum('receiverId');
    return { status: 200, body: { given, received, byCategory: [...byCategory.values()], byMonth,
      inviteToGive: received.count >= 3 && received.count >= 3 * given.count } };
  }

  // --- Matching (issue 6): a much simpler ranking than package matching:
  // same neighbourhood first, then the district, then the rest; reasons in
  // Dutch with the API's keys. Brokers get no suggestions here (404).
  const declines = new Set(); // `${post id} ${user id}`
  const label = (id) => categories.find((c) => c.id === id)?.labels.nl ?? id;
  const proximityReason = (d) => (d.proximity === 'same' ? { key: 'reason.sameNeighbourhood', text: 'Woont in jouw buurt', params: {} }
    : d.proximity === 'bordering' ? { key: 'reason.sameDistrict', text: 'Woont in jouw wijk', params: {} }
      : { key: 'reason.distance', text: `Woont ongeveer ${d.distanceKm} km verderop`, params: { km: d.distanceKm } });
  const rank = { same: 0, bordering: 1, nearby: 2 };
  const requestOf = (user, id) => {
    const p = posts.get(id);
    return p && p.kind === 'request' && visible(user, p) ? p : null;
  };

  function helperSuggestions(user, p, query) {
    if (p.authorId !== user.id) return notFound();
    const limit = Math.min(100, Number(query.get('limit') ?? 20) || 20);
    const byPerson = new Map();
    const ok = (id) => id !== p.authorId && !blockedEither(id, p.authorId) && !paused(id) && !declines.has(`${p.id} ${id}`);
    for (const o of posts.values()) {
      expire(o);
      if (o.kind === 'offer' && o.status === 'open' && o.category === p.category && ok(o.authorId) && !byPerson.has(o.authorId)) {
        byPerson.set(o.authorId, { offerId: o.id, reason: { key: 'reason.offersCategory', text: `Biedt hulp aan bij ${label(p.category).toLowerCase()}`, params: { category: p.category } } });
      }
    }
    for (const e of ledger) {
      if (e.category === p.category && ok(e.helperId) && !byPerson.has(e.helperId)) {
        byPerson.set(e.helperId, { offerId: null, reason: { key: 'reason.helpedInCategory', text: `Heeft eerder geholpen bij ${label(p.category).toLowerCase()}`, params: { category: p.category } } });
      }
    }
    const items = [...byPerson].map(([id, c]) => {
      const d = distance(userById(p.authorId) ?? user, id);
      const person = userRef(id);
      return { d, item: { person: { ...person, neighbourhood: person.neighbourhood ?? { id: '', name: '' } }, offerId: c.offerId,
        score: 1 - rank[d.proximity] / 3, reasons: [proximityReason(d), c.reason] } };
    }).sort((x, y) => rank[x.d.proximity] - rank[y.d.proximity]).slice(0, limit).map((x) => x.item);
    return { status: 200, body: { items, nextCursor: null } };
  }

  function requestSuggestions(user, query) {
    const limit = Math.min(100, Number(query.get('limit') ?? 20) || 20);
    if (paused(user.id)) return { status: 200, body: { items: [], nextCursor: null } };
    const mine = new Set([...posts.values()].filter((o) => o.kind === 'offer' && o.status === 'open' && o.authorId === user.id).map((o) => o.category));
    const items = [...posts.values()]
      .filter((p) => p.kind === 'request' && p.authorId !== user.id && visible(user, p) && p.status === 'open' && !declines.has(`${p.id} ${user.id}`))
      .map((p) => ({ p, d: distance(user, p.authorId), fits: mine.has(p.category) }))
      .filter((x) => x.d.distanceKm <= x.p.radiusKm)
      .sort((x, y) => Number(y.fits) - Number(x.fits) || rank[x.d.proximity] - rank[y.d.proximity] || y.p.createdAt.localeCompare(x.p.createdAt))
      .slice(0, limit)
      .map(({ p, d, fits }) => {
        const author = userRef(p.authorId);
        const reasons = [proximityReason(d)];
        if (fits) reasons.unshift({ key: 'reason.matchesYourOffer', text: `Past bij wat jij aanbiedt: ${label(p.category).toLowerCase()}`, params: { category: p.category } });
        return { post: { id: p.id, kind: p.kind, category: p.category, title: p.title, distanceKm: d.distanceKm, createdAt: p.createdAt,
          author: { ...author, neighbourhood: author.neighbourhood ?? { id: '', name: '' } } },
        offerId: null, score: fits ? 1 : 0.5, reasons };
      });
    return { status: 200, body: { items, nextCursor: null } };
  }

  /** POST /posts/{id}/invitations for the author (the fake knows no brokers' areas). */
  function invite(user, p, b) {
    if (p.authorId !== user.id) return notFound();
    const params = [];
    const message = String(b.message ?? '').trim();
    if (!message || message.length > 2000) params.push({ name: 'message', reason: 'must be 1 to 2000 characters' });
    const invitee = userById(String(b.userId ?? ''));
    if (!invitee || invitee.id === user.id || paused(invitee.id) || blockedEither(invitee.id, user.id)) {
      params.push({ name: 'userId', reason: 'must be someone else who can be asked now' });
    }
    if (params.length) return invalid(params);
    if (p.status !== 'open') return conflict('This request is not open.');
    const existing = [...conversations.values()].find((c) => c.postId === p.id && c.responderId === invitee.id);
    if (existing) return conflict('You already have a conversation.', { conversationId: existing.id });
    const c = { id: randomUUID(), postId: p.id, authorId: p.authorId, responderId: invitee.id, createdAt: new Date().toISOString(), lastMessageAt: null, readAt: {} };
    conversations.set(c.id, c);
    addMessage(c, user.id, message);
    return { status: 201, body: convView(user, c), headers: { Location: `/api/v1/conversations/${c.id}` } };
  }

  function matching(user, r, query, b) {
    let m;
    if (r === 'GET /me/suggestions') return requestSuggestions(user, query);
    if ((m = /^(GET|POST) \/posts\/([^/]+)\/(suggestions|declines|invitations)$/.exec(r))) {
      const p = requestOf(user, m[2]);
      if (!p) return notFound();
      if (m[3] === 'suggestions' && m[1] === 'GET') return helperSuggestions(user, p, query);
      if (m[3] === 'declines' && m[1] === 'POST') {
        if (p.authorId === user.id || p.status !== 'open') return notFound();
        declines.add(`${p.id} ${user.id}`);
        return { status: 204 };
      }
      if (m[3] === 'invitations') {
        if (p.authorId !== user.id) return notFound();
        return m[1] === 'POST' ? invite(user, p, b) : { status: 200, body: { items: [], nextCursor: null } };
      }
    }
    return undefined;
  }

  function pauseView(user) {
    const p = pauses.get(user.id);
    return paused(user.id) ? { paused: true, since: p.since, until: p.until } : { paused: false, since: null, until: null };
  }

  /** The answer before idempotency. */
  function route(user, method, path, query, b) {
    const r = `${method} ${path.replace(/^\/api\/v1/, '')}`;
    let m;
    const matched = matching(user, r, query, b);
    if (matched) return matched;
    if (r === 'GET /posts') return feed(user, query);
    if (r === 'POST /posts') return createPost(user, b);
    if (r === 'GET /me/posts') {
      const status = query.get('status');
      const all = [...posts.values()].filter((p) => p.authorId === user.id).map((p) => postView(user, p))
        .filter((p) => !status || p.status === status).sort((a, c) => c.createdAt.localeCompare(a.createdAt));
      return page(all, query);
    }
    if ((m = /^(GET|PATCH|DELETE) \/posts\/([^/]+)$/.exec(r))) {
      const p = posts.get(m[2]);
      if (!p || !visible(user, p)) return notFound();
      if (m[1] === 'GET') return { status: 200, body: postView(user, p) };
      if (p.authorId !== user.id) return notFound();
      if (m[1] === 'DELETE') {
        p.status = 'withdrawn';
        p.updatedAt = new Date().toISOString();
        return { status: 204 };
      }
      if (p.status !== 'open') return conflict('Only an open post can be changed.');
      const params = checkPost(b, false);
      if (params.length) return invalid(params);
      for (const k of ['category', 'title', 'body', 'momentText', 'momentAt', 'recurrence', 'radiusKm']) {
        if (k in b) p[k] = typeof b[k] === 'string' ? b[k].trim() || (k === 'momentText' ? null : b[k]) : b[k];
      }
      p.updatedAt = new Date().toISOString();
      return { status: 200, body: postView(user, p) };
    }
    if ((m = /^POST \/posts\/([^/]+)\/renewal$/.exec(r))) {
      const p = posts.get(m[1]);
      if (!p || p.authorId !== user.id) return notFound();
      expire(p);
      if (!['open', 'expired'].includes(p.status)) return conflict('Only an open or expired post can be renewed.');
      p.status = 'open';
      p.expiresAt = new Date(Date.now() + 30 * day).toISOString();
      return { status: 200, body: postView(user, p) };
    }
    if ((m = /^POST \/posts\/([^/]+)\/responses$/.exec(r))) return respond(user, m[1], b);
    if ((m = /^GET \/posts\/([^/]+)\/responses$/.exec(r))) {
      const p = posts.get(m[1]);
      if (!p || !visible(user, p)) return notFound();
      const all = [...conversations.values()]
        .filter((c) => c.postId === p.id && (p.authorId === user.id || c.responderId === user.id) && !blockedEither(c.authorId, c.responderId))
        .map((c) => convView(user, c)).reverse();
      return page(all, query);
    }
    if (r === 'GET /conversations') {
      const all = [...conversations.values()].filter((c) => convOf(user, c.id)).map((c) => convView(user, c))
        .sort((a, c) => (c.lastMessageAt ?? c.createdAt).localeCompare(a.lastMessageAt ?? a.createdAt));
      return page(all, query);
    }
    if ((m = /^GET \/conversations\/([^/]+)$/.exec(r))) {
      const c = convOf(user, m[1]);
      return c ? { status: 200, body: convView(user, c) } : notFound();
    }
    if ((m = /^(GET|POST) \/conversations\/([^/]+)\/messages$/.exec(r))) {
      const c = convOf(user, m[2]);
      if (!c) return notFound();
      if (m[1] === 'GET') return page(messages.filter((x) => x.conversationId === c.id).map((x) => messageView(user, x)).reverse(), query);
      const body = String(b.body ?? '').trim();
      if (!body || body.length > 2000) return invalid([{ name: 'body', reason: 'must be 1 to 2000 characters' }]);
      return { status: 201, body: messageView(user, addMessage(c, user.id, body)) };
    }
    if ((m = /^POST \/conversations\/([^/]+)\/read$/.exec(r))) {
      const c = convOf(user, m[1]);
      if (!c) return notFound();
      c.readAt[user.id] = new Date(Math.max(Date.now(), Date.parse(c.lastMessageAt ?? 0))).toISOString();
      return { status: 204 };
    }
    if (r === 'GET /me/unread') {
      const n = [...conversations.values()].filter((c) => convOf(user, c.id)).reduce((sum, c) => sum + convView(user, c).unreadCount, 0);
      return { status: 200, body: { conversations: n } };
    }
    if (r === 'POST /exchanges') return accept(user, b);
    if (r === 'GET /exchanges') {
      const status = query.get('status');
      const all = [...exchanges.values()].filter((x) => exchangeOf(user, x.id) && (!status || x.status === status))
        .map((x) => exchangeView(user, x)).reverse();
      return page(all, query);
    }
    if ((m = /^GET \/exchanges\/([^/]+)$/.exec(r))) {
      const x = exchangeOf(user, m[1]);
      return x ? { status: 200, body: exchangeView(user, x) } : notFound();
    }
    if ((m = /^POST \/exchanges\/([^/]+)\/(completion|cancellation|thanks)$/.exec(r))) {
      const x = exchangeOf(user, m[1]);
      if (!x) return notFound();
      if (m[2] === 'completion') return completion(user, x, b);
      if (m[2] === 'cancellation') {
        if (b.reason != null && String(b.reason).length > 500) return invalid([{ name: 'reason', reason: 'must be at most 500 characters' }]);
        if (x.status !== 'agreed') return conflict('Only an agreed exchange can be cancelled.');
        x.status = 'cancelled';
        x.cancelReason = b.reason?.trim() || null;
        x.updatedAt = new Date().toISOString();
        const p = posts.get(x.postId);
        if (p.status === 'closed' && Date.parse(p.expiresAt) > Date.now()) p.status = 'open';
        return { status: 200, body: exchangeView(user, x) };
      }
      const message = String(b.message ?? '').trim();
      if (!message || message.length > 500) return invalid([{ name: 'message', reason: 'must be 1 to 500 characters' }]);
      if (x.receiverId !== user.id) return problem(403, 'forbidden', 'Only the receiver thanks.');
      if (x.status !== 'completed' || x.thanks) return conflict('Thanks can be given once, after completion.');
      x.thanks = message;
      x.thankedAt = new Date().toISOString();
      return { status: 200, body: exchangeView(user, x) };
    }
    if (r === 'GET /me/reciprocity') return reciprocity(user);
    if (r === 'GET /me/pause') return { status: 200, body: pauseView(user) };
    if (r === 'PUT /me/pause') {
      if (b.until != null && (!isTime(b.until) || Date.parse(b.until) <= Date.now())) return invalid([{ name: 'until', reason: 'must be a time in the future' }]);
      pauses.set(user.id, { since: pauses.get(user.id)?.since ?? new Date().toISOString(), until: b.until ?? null });
      return { status: 200, body: pauseView(user) };
    }
    if (r === 'DELETE /me/pause') {
      pauses.delete(user.id);
      return { status: 204 };
    }
    if (r === 'GET /blocks') {
      const items = [...(blocks.get(user.id) ?? new Map())].map(([id, createdAt]) => ({ user: userRef(id), createdAt })).reverse();
      return { status: 200, body: { items, nextCursor: null } };
    }
    if ((m = /^(POST|DELETE) \/blocks\/([^/]+)$/.exec(r))) {
      const mineBlocks = blocks.get(user.id) ?? new Map();
      blocks.set(user.id, mineBlocks);
      if (m[1] === 'POST') {
        if (!userById(m[2]) || m[2] === user.id) return notFound();
        if (!mineBlocks.has(m[2])) mineBlocks.set(m[2], new Date().toISOString());
        return { status: 204 };
      }
      return mineBlocks.delete(m[2]) ? { status: 204 } : notFound();
    }
    return undefined;
  }

  const creating = /^POST \/api\/v1\/(posts|posts\/[^/]+\/(responses|invitations)|conversations\/[^/]+\/messages|exchanges)$/;

  return {
    /** GET /categories needs no account. */
    handlePublic(method, path, query) {
      if (method === 'GET' && path === '/api/v1/categories') {
        return { status: 200, body: { items: categories.filter((c) => query?.get('all') === 'true' || !c.retired) } };
      }
      return undefined;
    },
    /** The answer for a signed-in request, or undefined when it is not a marketplace route. */
    handle(user, method, path, query, b, headers = {}) {
      const key = headers['idempotency-key'];
      if (key && creating.test(`${method} ${path}`)) {
        // Like api/idempotency.go: keys belong to one account; the same key for
        // another request is a 422; 2xx and 4xx answers (not 409, 429) are kept.
        const id = `${user.id} ${key}`;
        const fingerprint = `${method} ${path} ${JSON.stringify(b)}`;
        const kept = idempotent.get(id);
        if (kept) {
          if (kept.fingerprint !== fingerprint) {
            return problem(422, 'unprocessable', 'This Idempotency-Key was already used for a different request.',
              { invalidParams: [{ name: 'Idempotency-Key', reason: 'was used for a different request' }] });
          }
          return { ...kept.answer, headers: { ...kept.answer.headers, 'Idempotency-Replayed': 'true' } };
        }
        const answer = route(user, method, path, query, b);
        if (answer && answer.status < 500 && ![409, 429].includes(answer.status)) idempotent.set(id, { fingerprint, answer });
        return answer;
      }
      return route(user, method, path, query, b);
    },
  };
}
