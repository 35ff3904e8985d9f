import { useEffect, useState } from 'preact/hooks';
import { listFacilities, type Facility } from '../../api/facilities';
import { fill } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useCategories } from '../market/useCategories';

// One question per category per app run: the social map changes rarely.
const cache = new Map<string, Promise<Facility[]>>();

function facilitiesFor(category: string): Promise<Facility[]> {
  let p = cache.get(category);
  if (!p) {
    p = listFacilities({ category, limit: 3 }).then((page) => page.items);
    p.catch(() => cache.delete(category)); // try again next time
    cache.set(category, p);
  }
  return p;
}

/**
 * "Voor vervoer is er ook de Buurtbus": when a facility on the social map
 * serves me in this category. Shown on the post form and a request's page;
 * nothing at all when there is none or the question fails.
 */
export function FacilityHint({ category }: { category: string }) {
  const { t, lang } = useI18n();
  const { categories } = useCategories();
  const [found, setFound] = useState<Facility[]>([]);
  useEffect(() => {
    setFound([]);
    if (!category) return;
    let live = true;
    facilitiesFor(category).then((items) => live && setFound(items), () => {});
    return () => {
      live = false;
    };
  }, [category]);

  const label = categories?.find((c) => c.id === category)?.labels;
  const name = (label?.[lang] || label?.nl || category).toLocaleLowerCase(lang === 'en' ? 'en-GB' : 'nl-NL');
  const f = found[0];
  return (
    <div role="status" class="noaber-facility-hint-slot">
      {f && (
        <div class="noaber-card noaber-facility-hint">
          <p class="utrecht-paragraph noaber-facility-hint__text">
            <strong>{t.facilityHintTitle}: </strong>{fill(t.facilityHint, { category: name, name: f.name })}
          </p>
          <p class="utrecht-paragraph">
            <a class="utrecht-link noaber-action-link" href={`/voorzieningen?categorie=${encodeURIComponent(category)}#voorziening-${encodeURIComponent(f.id)}`}>
              {fill(t.facilityHintMore, { name: f.name })}
            </a>
          </p>
        </div>
      )}
    </div>
  );
}
