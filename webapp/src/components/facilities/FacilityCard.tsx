import type { ComponentChildren } from 'preact';
import { safeLink, telHref, type Facility } from '../../api/facilities';
import type { Category } from '../../api/market';
import { fill } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';

/** One facility: name, what they do, when, and real tel:, mailto: and https links. */
export function FacilityCard({ f, categories, headingLevel = 2, children }: {
  f: Facility; categories: Category[] | null; headingLevel?: 2 | 3; children?: ComponentChildren;
}) {
  const { t, lang } = useI18n();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const labels = f.categories.map((id) => {
    const c = categories?.find((x) => x.id === id);
    return c ? c.labels[lang] || c.labels.nl : id;
  });
  const link = safeLink(f.link);
  return (
    <article id={`voorziening-${f.id}`} class="noaber-card noaber-facility" aria-labelledby={`facility-${f.id}`}>
      <Heading id={`facility-${f.id}`} class={headingLevel === 2 ? 'utrecht-heading-2 noaber-facility__name' : 'noaber-facility__name'}>{f.name}</Heading>
      {f.description && <p class="utrecht-paragraph noaber-pre">{f.description}</p>}
      <dl class="noaber-details">
        {f.openingHours && (<><dt>{t.facilityOpeningHours}</dt><dd>{f.openingHours}</dd></>)}
        {f.contact.address && (<><dt>{t.facilityAddress}</dt><dd>{f.contact.address}</dd></>)}
        {labels.length > 0 && (<><dt>{t.facilityFor}</dt><dd>{labels.join(', ')}</dd></>)}
        {f.areas.length > 0 && (<><dt>{t.facilityAreas}</dt><dd>{f.areas.map((a) => a.name).join(', ')}</dd></>)}
      </dl>
      <ul class="noaber-facility__contact">
        {f.contact.phone && (
          <li><a class="utrecht-link noaber-action-link" href={telHref(f.contact.phone)}>{t.facilityPhone}: {f.contact.phone}</a></li>
        )}
        {f.contact.email && (
          <li><a class="utrecht-link noaber-action-link noaber-break" href={`mailto:${f.contact.email}`}>{t.facilityEmail}: {f.contact.email}</a></li>
        )}
        {link && (
          <li><a class="utrecht-link noaber-action-link" href={link} rel="noopener noreferrer" target="_blank">{fill(t.facilityWebsite, { name: f.name })}</a></li>
        )}
      </ul>
      {children}
    </article>
  );
}
