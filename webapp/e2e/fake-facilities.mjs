// TEST DOUBLE. An in-memory fake of the social map (/api/v1/facilities) and
// the monitor (/api/v1/stats), as the `social-map` and `monitor` tags of
// api/openapi.yaml describe them, so that the browser tests can run without
// the Go server. Used only through fake-api.mjs, i.e. only when
// NOABER_E2E_URL is unset. The monitor's numbers are made up but have the
// real shape: counts below 5 are "<5", small shares and medians suppressed.
import { randomUUID } from 'node:crypto';

const problemBase = 'https://noaber.nl/problems/';
const problem = (status, kind, detail, extra) => ({
  status, body: { type: problemBase + kind, title: kind, status, detail, ...extra },
});
const invalid = (params) => problem(400, 'invalid-input', 'One or more fields are not valid.', { invalidParams: params });
const notFound = () => problem(404, 'not-found', 'There is nothing at this address.');
const forbidden = () => problem(403, 'forbidden', 'Only brokers and admins with a second factor.');

const categoryIds = ['koken', 'boodschappen', 'klussen', 'tuin', 'gezelschap', 'vervoer', 'dieren', 'computer',
  'formulieren', 'kinderen', 'taal', 'overig'];
// The demo brokers work in the Binnenstad and Noord (internal/demo seedBrokerAreas).
const brokerDistricts = ['WK999901', 'WK999902'];
const day = 86_400_000;
const isoDay = (d) => d.toISOString().slice(0, 10);

/** `districts`: [[id, name, [neighbourhood names]]] as fake-api.mjs has them. */
export function createFakeFacilities({ districts }) {
  // The area tree: GM9999 → WK999901… → BU99990101…
  const areas = new Map([['GM9999', { id: 'GM9999', name: 'Noaberveen', kind: 'municipality', parent: null }]]);
  for (const [id, name, hoods] of districts) {
    areas.set(id, { id, name, kind: 'district', parent: 'GM9999' });
    hoods.forEach((hood, col) => {
      const hid = `BU${id.slice(2)}${String(col + 1).padStart(2, '0')}`;
      areas.set(hid, { id: hid, name: hood, kind: 'neighbourhood', parent: id });
    });
  }
  const up = (id) => {
    const out = [];
    for (let a = areas.get(id); a; a = areas.get(a.parent)) out.push(a.id);
    return out;
  };
  const down = (id) => [...areas.values()].filter((a) => up(a.id).includes(id)).map((a) => a.id);
  const area = (id) => {
    const a = areas.get(id);
    return { id: a.id, name: a.name, kind: a.kind };
  };

  const isPro = (u) => (u.roles.includes('broker') || u.roles.includes('admin'));
  /**
   * A broker covers the neighbourhoods they work in (the demo: every
   * neighbourhood of two districts); like the server, that does not make
   * them a broker of the districts themselves.
   */
  const coversWhole = (u, id) => u.roles.includes('admin')
    || (u.roles.includes('broker') && areas.get(id)?.kind === 'neighbourhood' && brokerDistricts.includes(areas.get(id).parent));
  const own = (u) => (u.neighbourhood ? up(u.neighbourhood.id) : []);

  const facilities = new Map();
  const now = new Date().toISOString();
  const seed = [
    ['0fac0000-0000-4000-8000-000000000001', 'Klussendienst Noaberveen',
      'Vrijwilligers doen kleine klussen in huis en tuin voor wie dat zelf niet meer kan. U betaalt alleen het materiaal.',
      '0591 123456', 'klussendienst@noaberveen.nl', 'Brink 4, 9999 AA Noaberveen', 'Bellen op werkdagen van 9 tot 12 uur',
      'https://www.noaberveen.nl/klussendienst', ['klussen', 'tuin'], ['GM9999']],
    ['0fac0000-0000-4000-8000-000000000002', 'Buurtbus Noaberveen',
      'De buurtbus rijdt door alle wijken naar de huisarts, het ziekenhuis en de winkels. Bel een dag van tevoren om een rit te boeken.',
      '0591 654321', 'buurtbus@noaberveen.nl', null, 'Ritten op werkdagen van 8 tot 18 uur',
      'https://www.noaberveen.nl/buurtbus', ['vervoer', 'boodschappen'], ['GM9999']],
    ['0fac0000-0000-4000-8000-000000000003', 'Repair Café De Binnenstad',
      'Samen repareren wat kapot is: een lamp, een broek, een fiets of een laptop. Koffie staat klaar.',
      null, 'repaircafe@noaberveen.nl', 'Buurthuis De Schakel, Kerkstraat 12, 9999 AC Noaberveen',
      'Elke eerste zaterdag van de maand, 10 tot 13 uur', null, ['klussen', 'computer'], ['WK999901']],
  ];
  for (const [id, name, description, phone, email, address, openingHours, link, cats, where] of seed) {
    facilities.set(id, { id, name, description, categories: cats, areaIds: where, contact: { phone, email, address },
      openingHours, link, createdAt: now, updatedAt: now });
  }
  const view = (f) => {
    const { areaIds, ...rest } = f;
    return { ...rest, areas: areaIds.map(area) };
  };

  function list(user, query) {
    const category = query.get('category');
    if (category && !categoryIds.includes(category)) return invalid([{ name: 'category', reason: 'is not a known category' }]);
    const areaId = query.get('areaId');
    let wanted;
    if (areaId) {
      if (!areas.has(areaId)) return notFound();
      const mine = own(user).includes(areaId) || (isPro(user) && user.totpSecret && (coversWhole(user, areaId) || down(areaId).some((a) => coversWhole(user, a))));
      if (!mine) return notFound();
      wanted = new Set([...up(areaId), ...down(areaId)]);
    } else {
      wanted = new Set(own(user));
    }
    const items = [...facilities.values()].reverse()
      .filter((f) => f.areaIds.some((a) => wanted.has(a)) && (!category || f.categories.includes(category)))
      .map(view);
    return { status: 200, body: { items, nextCursor: null } };
  }

  function check(user, b, creating, f) {
    const params = [];
    const add = (name, reason) => params.push({ name, reason });
    const text = (name, v, max, required) => {
      if (v === undefined && !creating) return;
      const s = v == null ? '' : String(v).trim();
      if (required && !s) add(name, 'is required');
      else if (s.length > max) add(name, `must be at most ${max} characters`);
    };
    text('name', b.name, 120, true);
    text('description', b.description, 1000, false);
    if (creating || 'categories' in b) {
      if (!Array.isArray(b.categories) || b.categories.length < 1) add('categories', 'must name at least one category');
      else if (b.categories.length > 12) add('categories', 'must name at most 12 categories');
      else b.categories.forEach((c, i) => !categoryIds.includes(c) && add(`categories[${i}]`, 'is not a known category'));
    }
    if (creating || 'areas' in b) {
      if (!Array.isArray(b.areas) || b.areas.length < 1) add('areas', 'must name at least one area');
      else {
        const before = new Set(f?.areaIds ?? []);
        const after = new Set(b.areas);
        const changed = [...after].filter((a) => !before.has(a)).concat([...before].filter((a) => !after.has(a)));
        if (b.areas.some((a) => !areas.has(a))) add('areas', 'names an unknown area');
        else if (changed.some((a) => !coversWhole(user, a))) add('areas', 'may only name areas you cover as a whole');
      }
    }
    const c = b.contact ?? {};
    if (c.phone != null && c.phone !== '' && !/^(0|\+)[\d\s()-]{6,29}$/.test(String(c.phone).trim())) add('contact.phone', 'must be a Dutch or international phone number');
    if (c.email != null && c.email !== '' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(String(c.email).trim())) add('contact.email', 'must be an e-mail address');
    if (c.address != null && String(c.address).length > 200) add('contact.address', 'must be at most 200 characters');
    text('openingHours', b.openingHours, 200, false);
    if (b.link != null && b.link !== '' && !/^https:\/\/[^\s]+$/.test(String(b.link).trim())) add('link', 'must be an https:// address');
    return params;
  }

  const clean = (v) => (v == null || String(v).trim() === '' ? null : String(v).trim());
  function apply(f, b) {
    if ('name' in b) f.name = String(b.name).trim();
    if ('description' in b) f.description = String(b.description ?? '').trim();
    if ('categories' in b) f.categories = [...new Set(b.categories)];
    if ('areas' in b) f.areaIds = [...new Set(b.areas)];
    if ('contact' in b) for (const k of ['phone', 'email', 'address']) if (k in (b.contact ?? {})) f.contact[k] = clean(b.contact[k]);
    if ('openingHours' in b) f.openingHours = clean(b.openingHours);
    if ('link' in b) f.link = clean(b.link);
    f.updatedAt = new Date().toISOString();
  }

  const mayChange = (u, f) => u.roles.includes('admin') || f.areaIds.some((a) => coversWhole(u, a) || down(a).some((x) => coversWhole(u, x)));

  // --- the monitor ----------------------------------------------------------

  function stats(user, query, headers) {
    if (!isPro(user)) return forbidden();
    if (!user.totpSecret) return forbidden();
    const areaId = query.get('areaId');
    if (!areaId) return invalid([{ name: 'areaId', reason: 'is required' }]);
    if (!areas.has(areaId) || !coversWhole(user, areaId)) return notFound();
    const accept = String(headers.accept ?? 'application/json');
    if (!/json|text\/csv|\*\/\*/.test(accept)) return problem(406, 'not-acceptable', 'Ask for JSON or CSV.');
    const today = new Date();
    const to = query.get('to') ?? isoDay(today);
    const from = query.get('from') ?? isoDay(new Date(Date.parse(to) - 29 * day));
    const params = [];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || Number.isNaN(Date.parse(from))) params.push({ name: 'from', reason: 'must be a date' });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(to) || Number.isNaN(Date.parse(to))) params.push({ name: 'to', reason: 'must be a date' });
    if (!params.length && from > to) params.push({ name: 'from', reason: 'must not be after to' });
    if (!params.length && Date.parse(to) - Date.parse(from) >= 730 * day) params.push({ name: 'to', reason: 'must be less than two years after from' });
    if (params.length) return invalid(params);
    const a = areas.get(areaId);
    const report = {
      area: { ...area(areaId), neighbourhoods: a.kind === 'neighbourhood' ? 1 : down(areaId).filter((x) => areas.get(x).kind === 'neighbourhood').length },
      period: { from, to, timeZone: 'Europe/Amsterdam' },
      generatedAt: new Date().toISOString(),
      marketplace: {
        requestsPosted: 12, offersPosted: '<5', exchangesAgreed: 7, exchangesCompleted: 5, requestsMatched: 6,
        shareMatched: { value: 0.5, suppressed: false },
        medianHoursToFirstReaction: { value: 5.5, suppressed: false },
        medianHoursToMatch: { value: null, suppressed: true },
      },
      supplyAndDemand: [
        { category: 'klussen', openRequests: 6, activeHelpers: '<5', alert: true },
        { category: 'vervoer', openRequests: 5, activeHelpers: 8, alert: false },
        { category: 'boodschappen', openRequests: '<5', activeHelpers: 9, alert: false },
        { category: 'tuin', openRequests: '<5', activeHelpers: '<5', alert: false },
      ],
      signals: {
        reported: 9,
        byUrgency: { normal: 5, worried: '<5', urgent: null },
        byLifeDomain: { wonen: 5, rondkomen: '<5', zorgen: 6 },
        acknowledgedInTime: { value: 0.8, suppressed: false },
      },
    };
    if (/text\/csv/.test(accept)) {
      const v = (x) => (x === null ? 'suppressed' : String(x));
      const m = (x) => (x.suppressed ? 'suppressed' : String(x.value));
      const rows = [['metric', 'dimension', 'value']];
      for (const k of ['requestsPosted', 'offersPosted', 'exchangesAgreed', 'exchangesCompleted', 'requestsMatched']) rows.push([k, '', v(report.marketplace[k])]);
      for (const k of ['shareMatched', 'medianHoursToFirstReaction', 'medianHoursToMatch']) rows.push([k, '', m(report.marketplace[k])]);
      for (const s of report.supplyAndDemand) rows.push(['openRequests', s.category, v(s.openRequests)], ['activeHelpers', s.category, v(s.activeHelpers)]);
      rows.push(['signalsReported', '', v(report.signals.reported)]);
      for (const [k, x] of Object.entries(report.signals.byUrgency)) rows.push(['signalsByUrgency', k, v(x)]);
      for (const [k, x] of Object.entries(report.signals.byLifeDomain)) rows.push(['signalsByLifeDomain', k, v(x)]);
      rows.push(['acknowledgedInTime', '', m(report.signals.acknowledgedInTime)]);
      return { status: 200, text: `${rows.map((r) => r.join(',')).join('\n')}\n`,
        headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="noaber-stats-${areaId}.csv"` } };
    }
    return { status: 200, body: report };
  }

  return {
    /** The answer for a social map or monitor route, or undefined. */
    handle(user, method, path, query, b, headers = {}) {
      const route = `${method} ${path}`;
      if (route === 'GET /api/v1/stats') return stats(user, query, headers);
      if (route === 'GET /api/v1/facilities') return list(user, query);
      if (route === 'POST /api/v1/facilities') {
        if (!isPro(user)) return forbidden();
        if (!user.totpSecret) return forbidden();
        const params = check(user, b, true, null);
        if (params.length) return invalid(params);
        const f = { id: randomUUID(), name: '', description: '', categories: [], areaIds: [], contact: { phone: null, email: null, address: null },
          openingHours: null, link: null, createdAt: new Date().toISOString(), updatedAt: '' };
        apply(f, b);
        facilities.set(f.id, f);
        return { status: 201, body: view(f), headers: { Location: `/api/v1/facilities/${f.id}` } };
      }
      const m = /^(PATCH|DELETE) \/api\/v1\/facilities\/([^/]+)$/.exec(route);
      if (m) {
        const f = facilities.get(m[2]);
        if (isPro(user) && !user.totpSecret) return forbidden();
        if (!f || !isPro(user) || !mayChange(user, f)) return notFound();
        if (m[1] === 'DELETE') {
          facilities.delete(f.id);
          return { status: 204 };
        }
        const params = check(user, b, false, f);
        if (params.length) return invalid(params);
        apply(f, b);
        return { status: 200, body: view(f) };
      }
      return undefined;
    },
  };
}
