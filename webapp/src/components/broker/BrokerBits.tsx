import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Page } from '../../api/market';
import type { Me } from '../../api/types';
import { fill } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import type { Lang, Strings } from '../../i18n/strings';
import { useSignedIn } from '../useSession';

/**
 * Shows `children(me)` only to a broker (or an admin, who may see every
 * area). Nobody signed in: to /inloggen?next=…; another role: says for whom
 * this screen is (the server refuses the data anyway).
 */
export function BrokerGate({ title, children }: { title: string; children: (me: Me) => ComponentChildren }) {
  const { t } = useI18n();
  const me = useSignedIn();
  if (!me) return <p class="utrecht-paragraph">{t.loading}</p>;
  if (!me.roles.includes('broker') && !me.roles.includes('admin')) {
    return (
      <>
        <h1 class="utrecht-heading-1">{title}</h1>
        <p class="utrecht-paragraph">{t.brokerOnly}</p>
      </>
    );
  }
  return <>{children(me)}</>;
}

/** "Alleen voor makelaars": a clear mark on everything residents never see. */
export function OnlyBrokers() {
  const { t } = useI18n();
  return <span class="noaber-badge noaber-badge--private">{t.brokerOnlyBrokers}</span>;
}

/** "vandaag", "1 dag", "12 dagen". */
export function ageText(t: Strings, days: number): string {
  if (days <= 0) return t.brokerAgeToday;
  return days === 1 ? t.brokerAgeOneDay : fill(t.brokerAgeDays, { n: days });
}

const locale = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'nl-NL');

/** A calendar day ("2026-11-23") as "23 november 2026". */
export function formatDay(lang: Lang, date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toLocaleDateString(locale(lang), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** Today as yyyy-mm-dd in local time, for <input type=date>. */
export function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

interface AreaNode {
  id: string;
  name: string;
  kind: 'municipality' | 'district' | 'neighbourhood';
  children?: AreaNode[];
}

export interface AreaGroup {
  municipalityId?: string;
  district: { id: string; name: string };
  neighbourhoods: { id: string; name: string }[];
}

let areasOnce: Promise<AreaGroup[]> | null = null;
/**
 * The area tree (GET /areas) as districts with their neighbourhoods, once
 * per app run; for a broker only the parts of their own areas.
 */
export function useAreaGroups(): { groups: AreaGroup[] | null; failed: boolean } {
  const me = useSignedIn();
  const own = me && !me.roles.includes('admin') ? (me.brokerAreas ?? []).map((a) => a.id) : [];
  const [all, setGroups] = useState<AreaGroup[] | null>(null);
  const groups = all && own.length > 0 ? ownGroups(all, own) : all;
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    areasOnce ??= api<Page<AreaNode>>('/areas').then((page) => {
      const out: AreaGroup[] = [];
      const walk = (nodes: AreaNode[], municipalityId?: string) => {
        for (const n of nodes) {
          if (n.kind === 'district') {
            out.push({ municipalityId, district: { id: n.id, name: n.name },
              neighbourhoods: (n.children ?? []).filter((c) => c.kind === 'neighbourhood').map((c) => ({ id: c.id, name: c.name })) });
          } else walk(n.children ?? [], n.kind === 'municipality' ? n.id : municipalityId);
        }
      };
      walk(page.items);
      return out;
    }, (err) => {
      areasOnce = null;
      throw err;
    });
    areasOnce.then(setGroups, () => setFailed(true));
  }, []);
  return { groups, failed };
}

/**
 * The groups inside a broker's areas: a whole district (or the municipality
 * above it) keeps all its neighbourhoods, otherwise only the covered ones.
 */
export function ownGroups(groups: AreaGroup[], own: string[]): AreaGroup[] {
  const wanted = new Set(own);
  return groups
    .map((g) => (wanted.has(g.district.id) || (g.municipalityId !== undefined && wanted.has(g.municipalityId))
      ? g
      : { ...g, neighbourhoods: g.neighbourhoods.filter((n) => wanted.has(n.id)) }))
    .filter((g) => g.neighbourhoods.length > 0);
}

/**
 * The <option>s of an area choice: per district an <optgroup>, with the
 * district itself first when `withDistricts` (the notice board of a whole wijk).
 */
export function AreaOptions({ groups, withDistricts }: { groups: AreaGroup[]; withDistricts?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      {groups.map((g) => (
        <optgroup key={g.district.id} label={g.district.name}>
          {withDistricts && <option value={g.district.id}>{fill(t.brokerWholeDistrict, { name: g.district.name })}</option>}
          {g.neighbourhoods.map((n) => <option key={n.id} value={n.id}>{n.name}</option>)}
        </optgroup>
      ))}
    </>
  );
}
