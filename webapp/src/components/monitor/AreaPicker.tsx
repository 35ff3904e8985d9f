import { useEffect, useState } from 'preact/hooks';
import { listAreaChoices, withinAreas, type AreaChoice } from '../../api/stats';
import { useSignedIn } from '../useSession';
import type { FieldMessage } from '../../i18n/problems';
import { FormField } from '../FormField';

let cached: Promise<AreaChoice[]> | null = null;

/**
 * The area tree, flat and in tree order (fetched once per app run): for a
 * broker only their own areas and what lies in them, for an admin all.
 */
export function useAreaChoices(): { areas: AreaChoice[] | null; failed: boolean } {
  const me = useSignedIn();
  const own = me && !me.roles.includes('admin') ? (me.brokerAreas ?? []).map((a) => a.id) : [];
  const ownKey = own.join(',');
  const [state, setState] = useState<{ areas: AreaChoice[] | null; failed: boolean }>({ areas: null, failed: false });
  useEffect(() => {
    cached ??= listAreaChoices();
    cached.then((areas) => setState({ areas: withinAreas(areas, own), failed: false }), () => {
      cached = null;
      setState({ areas: null, failed: true });
    });
  }, [ownKey]);
  return state;
}

const lastKey = 'noaber.monitor.area';

/** Remembers the area that worked, so the next visit starts there. */
export function rememberArea(id: string) {
  try {
    localStorage.setItem(lastKey, id);
  } catch { /* private mode: start at the default next time */ }
}

/**
 * Where to start: the area that worked last time; else for an admin the
 * municipality, for a broker their first neighbourhood.
 */
export function defaultArea(areas: AreaChoice[], admin: boolean): string {
  let last: string | null = null;
  try {
    last = localStorage.getItem(lastKey);
  } catch { /* no storage */ }
  if (last && areas.some((a) => a.id === last)) return last;
  return (admin ? areas[0] : areas.find((a) => a.kind === 'neighbourhood') ?? areas[0])?.id ?? '';
}

/** A select of the area tree; deeper areas are indented with spaces (a select cannot hold markup). */
export function AreaSelect({ id, label, hint, error, areas, value, onValue }: {
  id: string; label: string; hint?: string; error?: FieldMessage; areas: AreaChoice[]; value: string; onValue: (v: string) => void;
}) {
  return (
    <FormField id={id} label={label} hint={hint} error={error}>
      {(link) => (
        <select {...link} class="utrecht-select utrecht-select--html-select" value={value} onChange={(e) => onValue(e.currentTarget.value)}>
          {areas.map((a) => (
            <option key={a.id} value={a.id}>{'\u00a0\u00a0\u00a0'.repeat(a.depth)}{a.name}</option>
          ))}
        </select>
      )}
    </FormField>
  );
}
