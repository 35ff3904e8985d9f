import { ContactPersonCards } from '../components/ContactPersonCard';
import { useSignedIn } from '../components/useSession';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';

/** /contactpersoon: a key figure's own contact person at the area team. */
export function ContactPerson() {
  const { t } = useI18n();
  useTitle(t.contactTitle);
  const me = useSignedIn();
  return (
    <>
      <h1 class="utrecht-heading-1">{t.contactTitle}</h1>
      {me ? <ContactPersonCards headingLevel={2} /> : <p class="utrecht-paragraph">{t.loading}</p>}
    </>
  );
}
