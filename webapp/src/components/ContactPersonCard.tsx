import { useEffect, useState } from 'preact/hooks';
import { contactPersons } from '../api/accounts';
import { ApiError } from '../api/problem';
import type { ContactAssignment } from '../api/types';
import { useI18n } from '../i18n/i18n';

type Load = { state: 'loading' } | { state: 'ok'; items: ContactAssignment[] } | { state: 'forbidden' } | { state: 'failed' };

/** GET /me/contact-person, once per mount. */
export function useContactPersons(): Load {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  useEffect(() => {
    contactPersons().then(
      (items) => setLoad({ state: 'ok', items }),
      (err) => setLoad(err instanceof ApiError && err.status === 403 ? { state: 'forbidden' } : { state: 'failed' }),
    );
  }, []);
  return load;
}

function Avatar({ contact }: { contact: ContactAssignment['contact'] }) {
  // The name is right next to it, so the picture itself needs no text.
  if (contact.photoUrl) return <img class="noaber-avatar" src={contact.photoUrl} alt="" width={72} height={72} />;
  return <span class="noaber-avatar noaber-avatar--initials" aria-hidden="true">{contact.initials}</span>;
}

function Card({ item, headingLevel }: { item: ContactAssignment; headingLevel: 2 | 3 }) {
  const { t } = useI18n();
  const { contact } = item;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article class="noaber-card noaber-contact">
      <div class="noaber-contact__who">
        <Avatar contact={contact} />
        <Heading class="noaber-contact__name">{contact.displayName}</Heading>
      </div>
      <dl class="noaber-contact__details">
        {contact.phone && (
          <>
            <dt>{t.contactPhone}</dt>
            <dd><a class="utrecht-link noaber-action-link" href={`tel:${contact.phone.replace(/[^+\d]/g, '')}`}>{contact.phone}</a></dd>
          </>
        )}
        <dt>{t.contactEmail}</dt>
        <dd><a class="utrecht-link noaber-action-link" href={`mailto:${contact.email}`}>{contact.email}</a></dd>
        <dt>{t.contactArea}</dt>
        <dd>{item.area.name}</dd>
        <dt>{t.contactTeam}</dt>
        <dd>{item.team.name}</dd>
      </dl>
    </article>
  );
}

/**
 * A key figure's own contact person(s) at the area team. `headingLevel` is
 * the level of each contact's name: 2 on its own screen, 3 inside the profile.
 */
export function ContactPersonCards({ headingLevel }: { headingLevel: 2 | 3 }) {
  const { t } = useI18n();
  const load = useContactPersons();
  if (load.state === 'loading') return <p class="utrecht-paragraph">{t.loading}</p>;
  if (load.state === 'forbidden') return <p class="utrecht-paragraph">{t.contactNotKeyfigure}</p>;
  if (load.state === 'failed') return <p class="utrecht-paragraph">{t.errServer}</p>;
  return (
    <>
      <p class="utrecht-paragraph">{load.items.length ? t.contactIntro : t.contactNone}</p>
      {load.items.map((item) => <Card key={`${item.area.id}-${item.contact.email}`} item={item} headingLevel={headingLevel} />)}
    </>
  );
}
