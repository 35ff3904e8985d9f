import { useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { listFacilities, type Facility } from '../api/facilities';
import { FacilityCard } from '../components/facilities/FacilityCard';
import { SignedIn } from '../components/market/SignedIn';
import { useCategories } from '../components/market/useCategories';
import type { Me } from '../api/types';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';

/** /voorzieningen (?categorie=…): the social map of my neighbourhood. */
export function Facilities() {
  const { t } = useI18n();
  useTitle(t.facilitiesTitle);
  return <SignedIn>{(me) => <FacilityList me={me} />}</SignedIn>;
}

function FacilityList({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const { query, path, route } = useLocation();
  const { categories } = useCategories();
  const category = query.categorie ?? '';
  const [items, setItems] = useState<Facility[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    setItems(null);
    setFailed(false);
    listFacilities({ category: category || undefined, limit: 100 }).then((page) => setItems(page.items), () => setFailed(true));
  }, [category]);
  // After loading, go to the facility the link named (#voorziening-…).
  useEffect(() => {
    if (items && location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
  }, [items]);

  const choose = (value: string) => route(value ? `${path}?categorie=${encodeURIComponent(value)}` : path, true);
  return (
    <>
      <h1 class="utrecht-heading-1">{t.facilitiesTitle}</h1>
      <p class="utrecht-paragraph">{t.facilitiesIntro}</p>
      {!me.neighbourhood && <p class="utrecht-paragraph noaber-notice">{t.facilitiesNoPostcode}</p>}
      <div class="utrecht-form-field noaber-field">
        <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="facility-category">{t.facilitiesFilter}</label></div>
        <div class="utrecht-form-field__input">
          <select id="facility-category" class="utrecht-select utrecht-select--html-select" value={category}
            onChange={(e) => choose(e.currentTarget.value)}>
            <option value="">{t.facilitiesAll}</option>
            {(categories ?? []).map((c) => <option key={c.id} value={c.id}>{c.labels[lang] || c.labels.nl}</option>)}
          </select>
        </div>
      </div>
      <div role="status">
        {failed && <p class="utrecht-paragraph noaber-error-text">{t.facilitiesFailed}</p>}
        {items === null && !failed && <p class="utrecht-paragraph">{t.loading}</p>}
        {items?.length === 0 && me.neighbourhood && <p class="utrecht-paragraph">{category ? t.facilitiesEmptyCategory : t.facilitiesEmpty}</p>}
      </div>
      {items && items.length > 0 && (
        <ul class="noaber-facility-list" aria-label={t.facilitiesTitle}>
          {items.map((f) => <li key={f.id}><FacilityCard f={f} categories={categories} /></li>)}
        </ul>
      )}
    </>
  );
}
