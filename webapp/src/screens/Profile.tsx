import { useLocation } from 'preact-iso';
import { logout } from '../api/accounts';
import { isProfessional, type Me } from '../api/types';
import { ContactPersonCards } from '../components/ContactPersonCard';
import { DetailsForm } from '../components/profile/DetailsForm';
import { ExportData } from '../components/profile/ExportData';
import { PasswordForm } from '../components/profile/PasswordForm';
import { useSignedIn } from '../components/useSession';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';

function TwoFactorSection({ me }: { me: Me }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="two-factor-title" class="noaber-section">
      <h2 id="two-factor-title" class="utrecht-heading-2">{t.twoFactorTitle}</h2>
      <p class="utrecht-paragraph">{me.totpEnabled ? t.twoFactorOn : t.twoFactorOff}</p>
      {!me.totpEnabled && (
        <p class="utrecht-paragraph">
          <a href="/tweestapsverificatie" class="utrecht-link noaber-action-link">{t.twoFactorLink}</a>
        </p>
      )}
    </section>
  );
}

/** /profiel: your details, password, two-step verification, your data, log out. */
export function Profile() {
  const { t } = useI18n();
  const { route } = useLocation();
  useTitle(t.profileTitle);
  const me = useSignedIn();
  if (!me) return <p class="utrecht-paragraph">{t.loading}</p>;

  async function leave() {
    await logout();
    route('/inloggen?uitgelogd=1');
  }
  return (
    <>
      <h1 class="utrecht-heading-1">{t.profileTitle}</h1>
      {me.roles.includes('keyfigure') && (
        <section aria-labelledby="contact-title" class="noaber-section">
          <h2 id="contact-title" class="utrecht-heading-2">{t.contactTitle}</h2>
          <ContactPersonCards headingLevel={3} />
        </section>
      )}
      {(isProfessional(me) || me.secondFactorRequired || me.totpEnabled) && <TwoFactorSection me={me} />}
      <DetailsForm me={me} />
      <section aria-labelledby="notifications-title" class="noaber-section">
        <h2 id="notifications-title" class="utrecht-heading-2">{t.notificationsLink}</h2>
        <p class="utrecht-paragraph">
          <a href="/notificaties/instellingen" class="utrecht-link noaber-action-link">{t.inboxSettingsLink}</a>
        </p>
      </section>
      <PasswordForm />
      <ExportData />
      <section aria-labelledby="delete-title" class="noaber-section">
        <h2 id="delete-title" class="utrecht-heading-2">{t.deleteTitle}</h2>
        <p class="utrecht-paragraph">{t.deleteText}</p>
        <p class="utrecht-paragraph">
          <a href="/profiel/verwijderen" class="utrecht-link noaber-action-link">{t.deleteTitle}</a>
        </p>
      </section>
      <button type="button" class="utrecht-button utrecht-button--secondary-action noaber-logout" onClick={leave}>
        {t.logout}
      </button>
    </>
  );
}
