// TEST DOUBLE. An in-memory fake of the signal API (/api/v1/signals,
// /api/v1/processing-log) and the public area tree (/api/v1/areas), so that
// the browser tests can run without the Go server. Used only through
// fake-api.mjs, i.e. only when NOABER_E2E_URL is unset. It follows the
// contract as the issue describes it and checks little.
import { randomUUID } from 'node:crypto';

const problemBase = 'https://noaber.nl/problems/';
const problem = (status, kind, detail, extra) => ({
  status, body: { type: problemBase + kind, title: kind, status, detail, ...extra },
});
const invalid = (params) => problem(400, 'invalid-input', 'One or more fields are not valid.', { invalidParams: params });

const domains = ['wonen', 'huishouden', 'ontmoeten', 'meedoen', 'werken', 'opgroeien', 'rondkomen', 'leren', 'zorgen'];
const urgencies = ['normal', 'worried', 'urgent'];
const next = {
  received: ['acknowledged', 'closed_no_action'],
  acknowledged: ['in_progress', 'referred', 'resolved', 'closed_no_action'],
  in_progress: ['referred', 'resolved', 'closed_no_action'],
  referred: ['resolved', 'closed_no_action'],
  resolved: [],
  closed_no_action: [],
};
// The demo teams: Binnenstad and Noord are served (Anna de Vries the contact,
// Pieter Bakker the backup); Zuid has no team, as in internal/demo.
const servedDistricts = { WK999901: 'Gebiedsteam Binnenstad', WK999902: 'Gebiedsteam Noord' };
const promises = {
  normal: ['binnen 2 werkdagen', 'within 2 working days', 2],
  worried: ['binnen 1 werkdag', 'within 1 working day', 1],
  urgent: ['vandaag nog', 'today', 0],
};
const emergency = {
  text: 'Is iemand in direct gevaar? Bel 112. Zorgen over huiselijk geweld of kindermishandeling? Bel Veilig Thuis: 0800-2000 (gratis, dag en nacht).',
  textEn: 'Is someone in immediate danger? Call 112. Worried about domestic violence or child abuse? Call Veilig Thuis: 0800-2000 (free, day and night).',
  phoneNumbers: ['112', '0800-2000'],
};

function addWorkingDays(from, days) {
  const d = new Date(from);
  if (days === 0) return new Date(d.getTime() + 4 * 3_600_000);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left--;
  }
  return d;
}

/**
 * `districts` [id, name, [neighbourhood names]] and `neighbourhoodOf(postcode)`
 * come from the account fake; `userByEmail` finds the demo professionals.
 */
export function createFakeSignals({ districts, neighbourhoodOf, userByEmail }) {
  const neighbourhoods = new Map(); // BU… → { id, name, district }
  const tree = [{ id: 'GM9999', name: 'Noaberveen', kind: 'municipality', latitude: null, longitude: null,
    children: districts.map(([id, name, hoods]) => ({ id, name, kind: 'district', latitude: null, longitude: null,
      children: hoods.map((hood, col) => {
        const n = { id: `BU${id.slice(2)}${String(col + 1).padStart(2, '0')}`, name: hood, district: id };
        neighbourhoods.set(n.id, n);
        return { id: n.id, name: hood, kind: 'neighbourhood', latitude: null, longitude: null, children: [] };
      }) })) }];

  const signals = [];
  const log = [];
  const notes = new Map(); // signal id → notes
  const perDay = new Map(); // user id → count today

  const contact = () => userByEmail('contact@noaberveen.nl');
  const ref = (u) => u && { id: u.id, displayName: u.displayName };
  const overdue = (s) => s.status === 'received' && Date.parse(s.deadline) < Date.now();
  const inTeam = (user, s) => user.roles.includes('contact') && s.team !== null;

  function record(user, s, action, purpose) {
    log.unshift({ id: randomUUID(), at: new Date().toISOString(), actor: ref(user), signalId: s?.id ?? null, action, purpose });
  }

  // Two signals from another key figure, so the contact person's list shows an overdue one and a finished one.
  function seed() {
    const reporter = { id: randomUUID(), displayName: 'Joke de Jong', phone: '06 98765432' };
    const base = { reporter, callbackPhone: '06 98765432', personKnows: true, team: 'Gebiedsteam Noord',
      identification: 'Meneer op de hoek van de Molenweg', assignee: null, events: [] };
    const day = 86_400_000;
    signals.push({ ...base, id: randomUUID(), status: 'received', urgency: 'worried', lifeDomains: ['rondkomen'],
      neighbourhood: { id: 'BU99990202', name: 'Molenakker' }, description: 'Hij zegt dat hij zijn huur niet kan betalen.',
      createdAt: new Date(Date.now() - 3 * day).toISOString(), deadline: new Date(Date.now() - 2 * day).toISOString(),
      escalationLevel: 1, timeline: [] });
    signals.push({ ...base, id: randomUUID(), status: 'resolved', urgency: 'normal', lifeDomains: ['huishouden'],
      neighbourhood: { id: 'BU99990203', name: 'De Veldhoek' }, description: 'De tuin en het huis raken vervuild.',
      createdAt: new Date(Date.now() - 20 * day).toISOString(), deadline: new Date(Date.now() - 18 * day).toISOString(),
      escalationLevel: 0, timeline: [] });
    for (const s of signals) s.timeline.push({ at: s.createdAt, status: 'received', publicUpdate: null });
  }
  seed();

  function create(user, b) {
    if (!user.roles.includes('keyfigure')) return problem(403, 'forbidden', 'Only key figures report signals.');
    const today = new Date().toISOString().slice(0, 10);
    const key = `${user.id}:${today}`;
    if ((perDay.get(key) ?? 0) >= 20) {
      return { ...problem(429, 'too-many-requests', 'Daily limit of signals reached.'), headers: { 'Retry-After': '3600' } };
    }
    const params = [];
    let hood = null;
    if (('postcode' in b) === ('neighbourhoodId' in b)) params.push({ name: 'postcode', reason: 'give exactly one of postcode and neighbourhoodId' });
    else if ('postcode' in b) {
      hood = neighbourhoodOf(b.postcode);
      if (!hood) params.push({ name: 'postcode', reason: 'is not a known postcode' });
    } else {
      hood = neighbourhoods.get(b.neighbourhoodId);
      if (!hood) params.push({ name: 'neighbourhoodId', reason: 'is not a known neighbourhood' });
    }
    const identification = String(b.identification ?? '').trim();
    if (!identification) params.push({ name: 'identification', reason: 'is required' });
    else if (identification.length > 200) params.push({ name: 'identification', reason: 'must be at most 200 characters' });
    if (!Array.isArray(b.lifeDomains) || b.lifeDomains.length < 1 || b.lifeDomains.some((d) => !domains.includes(d))) {
      params.push({ name: 'lifeDomains', reason: 'must be 1 to 9 life domains' });
    }
    if (!urgencies.includes(b.urgency)) params.push({ name: 'urgency', reason: 'must be normal, worried or urgent' });
    const description = String(b.description ?? '').trim();
    if (description.length < 10) params.push({ name: 'description', reason: 'must be at least 10 characters' });
    else if (description.length > 4000) params.push({ name: 'description', reason: 'must be at most 4000 characters' });
    if (typeof b.personKnows !== 'boolean') params.push({ name: 'personKnows', reason: 'must be true or false' });
    if (!/^\+?[\d\s()-]{8,20}$/.test(String(b.callbackPhone ?? ''))) params.push({ name: 'callbackPhone', reason: 'must be a phone number' });
    if (params.length) return invalid(params);

    const district = hood.district?.id ?? hood.district;
    const team = servedDistricts[district] ?? null;
    if (!team) return problem(422, 'no-contact-person', 'There is no contact person for this neighbourhood yet.');
    perDay.set(key, (perDay.get(key) ?? 0) + 1);
    const now = new Date();
    const [nlText, enText, days] = promises[b.urgency];
    const name = contact()?.displayName ?? 'Anna de Vries';
    const s = {
      id: randomUUID(), status: 'received', urgency: b.urgency, lifeDomains: domains.filter((d) => b.lifeDomains.includes(d)),
      neighbourhood: { id: hood.id, name: hood.name }, identification, description, personKnows: b.personKnows,
      callbackPhone: b.callbackPhone, createdAt: now.toISOString(), deadline: addWorkingDays(now, days).toISOString(),
      reporterId: user.id, reporter: { displayName: user.displayName, phone: user.phone }, team, escalationLevel: 0,
      assignee: ref(contact()), timeline: [{ at: now.toISOString(), status: 'received', publicUpdate: null }],
      events: [{ at: now.toISOString(), kind: 'created', from: null, to: 'received', actor: { displayName: user.displayName },
        publicUpdate: null, internalNote: null }],
    };
    signals.push(s);
    return { status: 201, headers: { Location: `/api/v1/signals/${s.id}` }, body: {
      id: s.id, status: s.status, deadline: s.deadline,
      promise: { contactName: name, text: `${name} pakt dit ${nlText} op.`, textEn: `${name} will pick this up ${enText}.` },
      emergency: b.urgency === 'urgent' ? emergency : null,
    } };
  }

  const lastUpdate = (s) => [...s.timeline].reverse().find((e) => e.publicUpdate) ?? null;
  const own = (s) => ({ id: s.id, status: s.status, urgency: s.urgency, lifeDomains: s.lifeDomains, neighbourhood: s.neighbourhood,
    createdAt: s.createdAt, deadline: s.deadline,
    lastPublicUpdate: lastUpdate(s) && { at: lastUpdate(s).at, text: lastUpdate(s).publicUpdate } });
  const teamSummary = (s) => ({ id: s.id, status: s.status, urgency: s.urgency, lifeDomains: s.lifeDomains,
    neighbourhood: s.neighbourhood, createdAt: s.createdAt, deadline: s.deadline, overdue: overdue(s),
    escalationLevel: s.escalationLevel, assignee: s.assignee });
  const c = () => contact();
  const keyfigureView = (s) => ({ id: s.id, status: s.status, urgency: s.urgency, lifeDomains: s.lifeDomains,
    neighbourhood: s.neighbourhood, identification: s.identification, description: s.description, personKnows: s.personKnows,
    createdAt: s.createdAt, deadline: s.deadline, timeline: s.timeline,
    contact: c() && { displayName: c().displayName, initials: 'AV', phone: c().phone ?? '0591 654321', email: c().email, photoUrl: null } });
  const professionalView = (s) => ({ ...keyfigureView(s), reporter: s.reporter, callbackPhone: s.callbackPhone,
    escalationLevel: s.escalationLevel, assignee: s.assignee, overdue: overdue(s), allowedTransitions: next[s.status], events: s.events });

  function page(items, query) {
    const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 20) || 20));
    const from = query.get('cursor') ? items.findIndex((x) => x.id === query.get('cursor')) + 1 : 0;
    const slice = items.slice(from, from + limit);
    return { status: 200, body: { items: slice, nextCursor: from + limit < items.length ? slice[slice.length - 1].id : null } };
  }

  function list(user, query) {
    const status = query.get('status');
    const pick = (s) => !status || s.status === status;
    if (user.roles.includes('keyfigure') && !user.roles.includes('contact')) {
      return page(signals.filter((s) => s.reporterId === user.id && pick(s)).reverse().map(own), query);
    }
    if (user.roles.includes('contact')) {
      const mine = signals.filter((s) => inTeam(user, s) && pick(s)).sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline));
      record(user, null, 'signals.list', 'Signalen van het team bekijken');
      return page(mine.map(teamSummary), query);
    }
    if (user.roles.includes('admin')) {
      return page(signals.filter(pick).map((s) => ({ id: s.id, status: s.status, urgency: s.urgency, createdAt: s.createdAt,
        deadline: s.deadline, neighbourhood: s.neighbourhood })), query);
    }
    return problem(403, 'forbidden', 'Only key figures and professionals see signals.');
  }

  function find(user, id) {
    const s = signals.find((x) => x.id === id);
    if (!s) return { error: problem(404, 'not-found', 'No such signal.') };
    if (inTeam(user, s)) return { s, pro: true };
    if (s.reporterId === user.id) return { s, pro: false };
    return { error: problem(404, 'not-found', 'No such signal.') };
  }

  function transition(user, s, b) {
    if (!next[s.status].includes(b.to)) {
      return problem(409, 'transition-not-allowed', `A signal that is ${s.status} cannot become ${b.to}.`,
        { allowedTransitions: next[s.status] });
    }
    if (b.publicUpdate && String(b.publicUpdate).length > 500) return invalid([{ name: 'publicUpdate', reason: 'must be at most 500 characters' }]);
    const at = new Date().toISOString();
    const from = s.status;
    s.status = b.to;
    if (b.to === 'acknowledged') s.assignee = ref(user);
    s.timeline.push({ at, status: b.to, publicUpdate: b.publicUpdate || null });
    s.events.push({ at, kind: 'transition', from, to: b.to, actor: { displayName: user.displayName },
      publicUpdate: b.publicUpdate || null, internalNote: b.note || null });
    record(user, s, 'signal.transition', 'Signaal behandelen');
    return { status: 200, body: professionalView(s) };
  }

  function processingLog(user, query) {
    if (!user.roles.includes('admin')) return problem(403, 'forbidden', 'Only administrators see the processing log.');
    const signalId = query.get('signalId');
    const userId = query.get('userId');
    return page(log.filter((e) => (!signalId || e.signalId === signalId) && (!userId || e.actor.id === userId)), query);
  }

  return {
    /** The public routes (no token needed), or undefined. */
    handlePublic(method, path) {
      if (method === 'GET' && path === '/api/v1/areas') return { status: 200, body: { items: tree, nextCursor: null } };
      return undefined;
    },
    /** The answer for a signed-in request, or undefined when it is not a signal route. */
    handle(user, method, path, query, b) {
      const route = `${method} ${path}`;
      if (route === 'POST /api/v1/signals') return create(user, b);
      if (route === 'GET /api/v1/signals') return list(user, query);
      if (route === 'GET /api/v1/processing-log') return processingLog(user, query);
      const m = /^\/api\/v1\/signals\/([^/]+)(\/transitions|\/notes)?$/.exec(path);
      if (!m) return undefined;
      const { s, pro, error } = find(user, decodeURIComponent(m[1]));
      if (error) return error;
      if (!m[2] && method === 'GET') {
        if (pro) record(user, s, 'signal.read', 'Signaal behandelen');
        return { status: 200, body: pro ? professionalView(s) : keyfigureView(s) };
      }
      if (!pro) return problem(403, 'forbidden', 'Only the team may do this.');
      if (m[2] === '/transitions' && method === 'POST') return transition(user, s, b);
      if (m[2] === '/notes' && method === 'GET') {
        record(user, s, 'signal.notes.read', 'Signaal behandelen');
        return { status: 200, body: { items: notes.get(s.id) ?? [], nextCursor: null } };
      }
      if (m[2] === '/notes' && method === 'POST') {
        const text = String(b.text ?? '').trim();
        if (!text) return invalid([{ name: 'text', reason: 'is required' }]);
        const note = { id: randomUUID(), author: { displayName: user.displayName }, text, createdAt: new Date().toISOString() };
        notes.set(s.id, [...(notes.get(s.id) ?? []), note]);
        record(user, s, 'signal.note.create', 'Signaal behandelen');
        return { status: 201, body: note };
      }
      return problem(405, 'method-not-allowed', 'Not here.');
    },
  };
}
