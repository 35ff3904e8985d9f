// The monitor (issue 8): counts per area and period from GET /api/v1/stats,
// with small counts suppressed by the server, and the area tree to choose from.
import { api, apiFetch } from './client';
import type { AreaKind } from './facilities';

/** A count: 5 or more, "<5" for 0 to 4, or null when hidden so that a "<5" cannot be worked out. */
export type StatsCount = number | '<5' | null;

/** A share (0 to 1) or a median in hours; null with suppressed when based on fewer than 5 items. */
export interface StatsMeasure {
  value: number | null;
  suppressed: boolean;
}

export interface StatsCategory {
  category: string;
  openRequests: StatsCount;
  activeHelpers: StatsCount;
  alert: boolean;
}

export interface StatsReport {
  area: { id: string; name: string; kind: AreaKind; neighbourhoods: number };
  period: { from: string; to: string; timeZone: string };
  generatedAt: string;
  marketplace: {
    requestsPosted: StatsCount;
    offersPosted: StatsCount;
    exchangesAgreed: StatsCount;
    exchangesCompleted: StatsCount;
    requestsMatched: StatsCount;
    shareMatched: StatsMeasure;
    medianHoursToFirstReaction: StatsMeasure;
    medianHoursToMatch: StatsMeasure;
  };
  supplyAndDemand: StatsCategory[];
  signals: {
    reported: StatsCount;
    byUrgency: Record<string, StatsCount>;
    byLifeDomain: Record<string, StatsCount>;
    acknowledgedInTime: StatsMeasure;
  };
}

export interface StatsQuery {
  areaId: string;
  from?: string;
  to?: string;
}

function query(q: StatsQuery): string {
  const p = new URLSearchParams({ areaId: q.areaId });
  if (q.from) p.set('from', q.from);
  if (q.to) p.set('to', q.to);
  return p.toString();
}

export function getStats(q: StatsQuery): Promise<StatsReport> {
  return api<StatsReport>(`/stats?${query(q)}`);
}

/** The same numbers as a CSV file (Accept: text/csv). */
export async function getStatsCsv(q: StatsQuery): Promise<Blob> {
  const res = await apiFetch(`/stats?${query(q)}`, { headers: { Accept: 'text/csv' } });
  return res.blob();
}

/** A number to draw: "<5" and hidden counts have no bar (the table says why). */
export const plotValue = (c: StatsCount): number | null => (typeof c === 'number' ? c : null);

export interface AreaNode {
  id: string;
  name: string;
  kind: AreaKind;
  children?: AreaNode[];
}

export interface AreaChoice {
  id: string;
  name: string;
  kind: AreaKind;
  /** How deep in the tree: 0 for a municipality. */
  depth: number;
}

/** Every area of the public tree, in tree order. */
export function flattenAreas(tree: AreaNode[]): AreaChoice[] {
  const out: AreaChoice[] = [];
  const walk = (nodes: AreaNode[], depth: number) => {
    for (const n of nodes) {
      out.push({ id: n.id, name: n.name, kind: n.kind, depth });
      walk(n.children ?? [], depth + 1);
    }
  };
  walk(tree, 0);
  return out;
}

/**
 * The choices inside the given areas (each area and everything under it),
 * still in tree order; all choices when ids is empty (an admin, or no
 * areas known).
 */
export function withinAreas(choices: AreaChoice[], ids: string[]): AreaChoice[] {
  if (ids.length === 0) return choices;
  const wanted = new Set(ids);
  const out: AreaChoice[] = [];
  let insideDepth = -1; // depth of the covered ancestor we are under, -1 for none
  for (const c of choices) {
    if (insideDepth >= 0 && c.depth <= insideDepth) insideDepth = -1;
    if (insideDepth < 0 && wanted.has(c.id)) insideDepth = c.depth;
    if (insideDepth >= 0) out.push(c);
  }
  return out;
}

export async function listAreaChoices(): Promise<AreaChoice[]> {
  return flattenAreas((await api<{ items: AreaNode[] }>('/areas')).items);
}

/** YYYY-MM-DD of a date in the browser's time zone. */
export function isoDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The default period: the last 30 days up to today, as the server has it. */
export function lastThirtyDays(now = new Date()): { from: string; to: string } {
  const from = new Date(now);
  from.setDate(from.getDate() - 29);
  return { from: isoDay(from), to: isoDay(now) };
}
