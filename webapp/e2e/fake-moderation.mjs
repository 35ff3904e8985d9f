// TEST DOUBLE. An in-memory fake of the moderation API (issue 8: reports,
// the brokers' queue, decisions, notices to the person concerned), as the
// `moderation` tag of api/openapi.yaml describes it, so that the browser tests
// can run without the Go server. Used only through fake-api.mjs, i.e. only
// when NOABER_E2E_URL is unset. It sees posts and messages through the
// marketplace fake (as the reporter sees them) and hides what a broker hides
// by filtering the marketplace's answers. It checks little.
import { randomUUID } from 'node:crypto';

const problemBase = 'https://noaber.nl/problems/';
const problem = (status, kind, detail, extra) => ({
  status, body: { type: problemBase + kind, title: kind, status, detail, ...extra },
});
const invalid = (params) => problem(400, 'invalid-input', 'One or more fields are not valid.', { invalidParams: params });
const notFound = () => problem(404, 'not-found', 'There is nothing at this address.');

const reasons = ['spam', 'commercial', 'offensive', 'unsafe', 'personal-data', 'other'];
const actionsFor = {
  post: ['hide', 'restore', 'warn', 'suspend', 'dismiss'],
  message: ['hide', 'restore', 'warn', 'suspend', 'dismiss'],
  user: ['restore', 'warn', 'suspend', 'dismiss'],
};
// The demo brokers work in the Binnenstad and Noord (internal/demo seedBrokerAreas).
const brokerDistricts = ['WK999901', 'WK999902'];

/** What internal/moderation/detect.go looks for, roughly. */
function detect(text) {
  const flags = [];
  if (/\b(te koop|korting|aanbieding|bestel|webshop|prijs)\b/i.test(text)) flags.push('commercial');
  if (/[^@\s]+@[^@\s]+\.[a-z]{2,}/i.test(text)) flags.push('email');
  if (/\bNL\d{2}[A-Z]{4}\d{10}\b/i.test(text.replace(/\s/g, ''))) flags.push('iban');
  if (/(€\s?\d|\d+\s?(euro|eur)\b)/i.test(text)) flags.push('money');
  if (/(\b0\d{9}\b|\b0\d{2,3}[\s-]\d{6,7}\b|\+31\s?\d)/.test(text)) flags.push('phone');
  return flags;
}

/**
 * `market` is the marketplace fake (its handle answers as a given user),
 * `userById(id)` finds an account, `notify(userId, type, subjectId)` puts a
 * notification in someone's inbox.
 */
export function createFakeModeration({ market, userById, notify }) {
  const reports = new Map(); // id → report, in insertion (= time) order
  const decisions = []; // oldest first
  const notices = new Map(); // id → notice
  const hiddenPosts = new Set();
  const hiddenMessages = new Set();
  const suspended = new Set();

  const isMod = (u) => (u.roles.includes('broker') || u.roles.includes('admin')) && Boolean(u.totpSecret);
  const covers = (u, hood) => u.roles.includes('admin') || (u.roles.includes('broker') && Boolean(hood) && brokerDistricts.some((d) => hood.id.startsWith(`BU${d.slice(2)}`)));
  const ref = (id) => {
    const u = userById(id);
    return u ? { id: u.id, displayName: u.displayName } : null;
  };
  const isHidden = (r) => (r.subjectType === 'post' ? hiddenPosts.has(r.subjectId) : r.subjectType === 'message' && hiddenMessages.has(r.subjectId));

  function summary(r) {
    return {
      title: r.snapshot.title, text: r.snapshot.text, person: ref(r.snapshot.personId), neighbourhood: r.snapshot.neighbourhood,
      hidden: isHidden(r), suspended: suspended.has(r.snapshot.personId),
    };
  }

  function view(user, r) {
    const mod = user.id !== r.reporterId || isMod(user);
    const last = decisions.filter((d) => d.subjectId === r.subjectId && d.reportIds.includes(r.id)).pop();
    return {
      id: r.id,
      subject: { type: r.subjectType, id: r.subjectId, ...(mod && isMod(user) && { summary: summary(r) }) },
      reason: r.reason, flags: r.flags, note: r.note, status: r.status, automatic: r.automatic,
      mine: r.reporterId === user.id,
      outcome: last ? { action: last.action, decidedAt: last.createdAt } : null,
      createdAt: r.createdAt, decidedAt: r.decidedAt,
      ...(isMod(user) && {
        reporter: r.automatic ? null : ref(r.reporterId),
        decisions: decisions.filter((d) => d.subjectId === r.subjectId).map((d) => ({
          id: d.id, reportId: d.reportId, action: d.action, reason: d.reason, messageToUser: d.messageToUser,
          moderator: ref(d.moderatorId), createdAt: d.createdAt,
        })),
      }),
    };
  }

  /** What the reporter can see of the subject, or null (404). */
  function lookUp(user, type, id) {
    if (type === 'post') {
      const a = market.handle(user, 'GET', `/api/v1/posts/${id}`, new URLSearchParams(), {});
      if (a?.status !== 200 || hiddenPosts.has(id)) return null;
      const p = a.body;
      return { own: p.mine, snapshot: { title: p.title, text: p.body, personId: p.author.id, neighbourhood: userById(p.author.id)?.neighbourhood ?? null } };
    }
    if (type === 'message') {
      const convs = market.handle(user, 'GET', '/api/v1/conversations', new URLSearchParams({ limit: '100' }), {});
      for (const c of convs?.body?.items ?? []) {
        const page = market.handle(user, 'GET', `/api/v1/conversations/${c.id}/messages`, new URLSearchParams({ limit: '100' }), {});
        const m = page?.body?.items?.find((x) => x.id === id);
        if (m && !hiddenMessages.has(id)) {
          return { own: m.mine, snapshot: { title: null, text: m.body, personId: m.sender.id, neighbourhood: userById(m.sender.id)?.neighbourhood ?? null } };
        }
      }
      return null;
    }
    const u = userById(id);
    if (!u || suspended.has(id)) return null;
    return { own: u.id === user.id, snapshot: { title: null, text: null, personId: u.id, neighbourhood: u.neighbourhood ?? null } };
  }

  function create(user, b) {
    const params = [];
    if (!['post', 'message', 'user'].includes(b.subject)) params.push({ name: 'subject', reason: 'must be post, message or user' });
    if (typeof b.subjectId !== 'string' || !b.subjectId) params.push({ name: 'subjectId', reason: 'is required' });
    if (!reasons.includes(b.reason)) params.push({ name: 'reason', reason: `must be one of ${reasons.join(', ')}` });
    if (b.note != null && String(b.note).length > 500) params.push({ name: 'note', reason: 'must be at most 500 characters' });
    if (params.length) return invalid(params);
    const found = lookUp(user, b.subject, b.subjectId);
    if (!found) return notFound();
    if (found.own) return invalid([{ name: 'subjectId', reason: 'you cannot report yourself or what you wrote' }]);
    const open = [...reports.values()].find((r) => r.reporterId === user.id && r.subjectId === b.subjectId && r.status === 'open');
    if (open) return { status: 200, body: view(user, open), headers: { Location: `/api/v1/reports/${open.id}` } };
    const r = {
      id: randomUUID(), subjectType: b.subject, subjectId: b.subjectId, reason: b.reason, note: b.note?.trim() || null,
      flags: [], automatic: false, reporterId: user.id, status: 'open', createdAt: new Date().toISOString(), decidedAt: null,
      snapshot: found.snapshot,
    };
    reports.set(r.id, r);
    return { status: 201, body: view(user, r), headers: { Location: `/api/v1/reports/${r.id}` } };
  }

  function list(user, query) {
    if (!isMod(user)) return problem(403, 'forbidden', 'Only brokers and admins moderate.');
    const status = query.get('status') ?? 'open';
    if (!['open', 'decided'].includes(status)) return invalid([{ name: 'status', reason: 'must be open or decided' }]);
    const all = [...reports.values()]
      .filter((r) => r.status === status && covers(user, r.snapshot.neighbourhood) && r.snapshot.personId !== user.id)
      .map((r) => view(user, r));
    const limit = Math.min(100, Number(query.get('limit') ?? 20) || 20);
    const from = Number(query.get('cursor') ?? 0) || 0;
    return { status: 200, body: { items: all.slice(from, from + limit), nextCursor: from + limit < all.length ? String(from + limit) : null } };
  }

  const canSee = (user, r) => r.reporterId === user.id || (isMod(user) && covers(user, r.snapshot.neighbourhood) && r.snapshot.personId !== user.id);

  function decide(user, r, b) {
    if (!isMod(user)) return problem(403, 'forbidden', 'Only brokers and admins moderate.');
    if (!covers(user, r.snapshot.neighbourhood) || r.snapshot.personId === user.id) return notFound();
    const params = [];
    if (!actionsFor[r.subjectType].includes(b.action)) params.push({ name: 'action', reason: `does not fit a report about a ${r.subjectType}` });
    const reason = String(b.reason ?? '').trim();
    if (!reason) params.push({ name: 'reason', reason: 'is required' });
    else if (reason.length > 500) params.push({ name: 'reason', reason: 'must be at most 500 characters' });
    const message = String(b.messageToUser ?? '').trim();
    if (b.action === 'warn' && !message) params.push({ name: 'messageToUser', reason: 'is required for warn' });
    else if (message.length > 500) params.push({ name: 'messageToUser', reason: 'must be at most 500 characters' });
    if (params.length) return invalid(params);
    const now = new Date().toISOString();
    const person = r.snapshot.personId;
    if (b.action === 'hide') (r.subjectType === 'post' ? hiddenPosts : hiddenMessages).add(r.subjectId);
    if (b.action === 'restore') {
      if (r.subjectType === 'post') hiddenPosts.delete(r.subjectId);
      else if (r.subjectType === 'message') hiddenMessages.delete(r.subjectId);
      else suspended.delete(r.subjectId);
    }
    if (b.action === 'suspend') suspended.add(person);
    const closing = [...reports.values()].filter((x) => x.id === r.id || (x.subjectId === r.subjectId && x.status === 'open'));
    const d = { id: randomUUID(), reportId: r.id, reportIds: closing.map((x) => x.id), subjectId: r.subjectId, action: b.action,
      reason, messageToUser: message || null, moderatorId: user.id, createdAt: now };
    decisions.push(d);
    for (const x of closing) {
      const wasOpen = x.status === 'open';
      x.status = 'decided';
      x.decidedAt = now;
      if (!x.automatic && (wasOpen || x.id === r.id)) notify(x.reporterId, 'report_decided', x.id);
    }
    if (['hide', 'warn', 'suspend'].includes(b.action)) {
      const n = { id: randomUUID(), personId: person, action: b.action, subjectType: r.subjectType, subjectId: r.subjectId,
        messageToUser: d.messageToUser, createdAt: now };
      notices.set(n.id, n);
      notify(person, 'moderation_notice', n.id);
    }
    return { status: 200, body: view(user, r) };
  }

  return {
    /** Is this account suspended (it cannot log in)? */
    isSuspended: (id) => suspended.has(id),

    /** The answer for a moderation route, or undefined. */
    handle(user, method, path, query, b) {
      const route = `${method} ${path}`;
      if (route === 'POST /api/v1/reports') return create(user, b);
      if (route === 'GET /api/v1/reports') return list(user, query);
      let m = /^GET \/api\/v1\/reports\/([^/]+)$/.exec(route);
      if (m) {
        const r = reports.get(m[1]);
        return r && canSee(user, r) ? { status: 200, body: view(user, r) } : notFound();
      }
      m = /^POST \/api\/v1\/reports\/([^/]+)\/decision$/.exec(route);
      if (m) {
        const r = reports.get(m[1]);
        return r ? decide(user, r, b) : notFound();
      }
      m = /^GET \/api\/v1\/moderation-notices\/([^/]+)$/.exec(route);
      if (m) {
        const n = notices.get(m[1]);
        if (!n || n.personId !== user.id) return notFound();
        const { personId: _p, ...body } = n;
        return { status: 200, body };
      }
      return undefined;
    },

    /**
     * Changes a marketplace answer: hidden posts leave the feed and are 404
     * for everyone but their author, hidden messages leave the conversation,
     * and a new or changed post with a phone number, amount… gets an automatic flag.
     */
    filter(user, method, path, answer) {
      if (!answer || answer.status >= 400) return answer;
      const route = `${method} ${path}`;
      if (route === 'GET /api/v1/posts' || /^GET \/api\/v1\/(me\/suggestions|conversations\/[^/]+\/messages)$/.test(route)) {
        const items = (answer.body.items ?? []).filter((x) => !hiddenPosts.has(x.id) && !hiddenPosts.has(x.post?.id) && !hiddenMessages.has(x.id));
        return { ...answer, body: { ...answer.body, items } };
      }
      const one = /^GET \/api\/v1\/posts\/([^/]+)$/.exec(route);
      if (one && hiddenPosts.has(one[1]) && !answer.body.mine) return notFound();
      if ((route === 'POST /api/v1/posts' || /^PATCH \/api\/v1\/posts\/[^/]+$/.test(route)) && answer.body?.id) {
        const p = answer.body;
        const flags = detect(`${p.title} ${p.body}`);
        const open = [...reports.values()].find((r) => r.automatic && r.subjectId === p.id && r.status === 'open');
        if (flags.length && !open) {
          const r = { id: randomUUID(), subjectType: 'post', subjectId: p.id, reason: 'auto-flag', note: null, flags, automatic: true,
            reporterId: null, status: 'open', createdAt: new Date().toISOString(), decidedAt: null,
            snapshot: { title: p.title, text: p.body, personId: user.id, neighbourhood: user.neighbourhood ?? null } };
          reports.set(r.id, r);
        }
      }
      return answer;
    },
  };
}
