// The social map (sociale kaart, issue 8): general facilities per area, such
// as a klussendienst or a buurtbus. The shapes of /api/v1/facilities.
import { api } from './client';

export type AreaKind = 'municipality' | 'district' | 'neighbourhood';

export interface FacilityArea {
  id: string;
  name: string;
  kind: AreaKind;
}

export interface FacilityContact {
  phone: string | null;
  email: string | null;
  address: string | null;
}

export interface Facility {
  id: string;
  name: string;
  description: string;
  /** Category ids. */
  categories: string[];
  areas: FacilityArea[];
  contact: FacilityContact;
  openingHours: string | null;
  link: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What a broker sends: area codes instead of areas. */
export interface FacilityInput {
  name: string;
  description: string;
  categories: string[];
  areas: string[];
  contact: FacilityContact;
  openingHours: string | null;
  link: string | null;
}

export const facilityLimits = {
  name: 120, description: 1000, phone: 30, email: 254, address: 200, openingHours: 200, link: 500, categories: 12,
} as const;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const enc = encodeURIComponent;

export function listFacilities(opts: { category?: string; areaId?: string; cursor?: string | null; limit?: number } = {}): Promise<Page<Facility>> {
  const q = new URLSearchParams({ limit: String(opts.limit ?? 50) });
  if (opts.category) q.set('category', opts.category);
  if (opts.areaId) q.set('areaId', opts.areaId);
  if (opts.cursor) q.set('cursor', opts.cursor);
  return api<Page<Facility>>(`/facilities?${q}`);
}

export function createFacility(body: FacilityInput, key: string): Promise<Facility> {
  return api<Facility>('/facilities', { method: 'POST', body, headers: { 'Idempotency-Key': key } });
}

export function changeFacility(id: string, body: Partial<FacilityInput>): Promise<Facility> {
  return api<Facility>(`/facilities/${enc(id)}`, { method: 'PATCH', body });
}

export function deleteFacility(id: string): Promise<void> {
  return api<void>(`/facilities/${enc(id)}`, { method: 'DELETE' });
}

/** A tel: address: only the digits and a leading +. */
export const telHref = (phone: string) => `tel:${phone.replace(/[^+\d]/g, '')}`;
/** Only https links are shown as links (the API accepts nothing else). */
export const safeLink = (link: string | null) => (link && /^https:\/\/[^\s]+$/i.test(link) ? link : null);
