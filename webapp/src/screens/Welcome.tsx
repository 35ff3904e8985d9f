import { RequestSuggestions } from '../components/matching/RequestSuggestions';
import { ServiceStatusLine, useServiceStatus } from '../components/ServiceStatusLine';
import { useSession } from '../components/useSession';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';

/** The first screen: what Noaber is, and whether the service is up. */
export function Welcome() {
  const { t } = useI18n();
  const status = useServiceStatus();
  const session = useSession();
  useTitle(t.welcomeTitle);
  return (
    <>
      <h1 class="utrecht-heading-1">{t.welcomeTitle}</h1>
      <p class="utrecht-paragraph utrecht-paragraph--lead">{t.welcomeIntro}</p>
      <p class="utrecht-paragraph">{t.welcomeHow}</p>
      <p class="utrecht-paragraph">{t.welcomeFree}</p>
      {session.status === 'in' && (
        <p class="noaber-ask-offer">
          <a href="/vragen/nieuw?soort=vraag" class="utrecht-button utrecht-button--primary-action noaber-button-link">{t.marketAskHelp}</a>
          <a href="/vragen" class="utrecht-button utrecht-button--secondary-action noaber-button-link">{t.welcomeSeeMarket}</a>
        </p>
      )}
      {session.status === 'in' && session.me.roles.includes('resident') && <RequestSuggestions />}
      <ServiceStatusLine status={status} />
    </>
  );
}
