import { ServiceStatusLine, useServiceStatus } from '../components/ServiceStatusLine';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';

/** The first screen: what Noaber is, and whether the service is up. */
export function Welcome() {
  const { t } = useI18n();
  const status = useServiceStatus();
  useTitle(t.welcomeTitle);
  return (
    <>
      <h1 class="utrecht-heading-1">{t.welcomeTitle}</h1>
      <p class="utrecht-paragraph utrecht-paragraph--lead">{t.welcomeIntro}</p>
      <p class="utrecht-paragraph">{t.welcomeHow}</p>
      <p class="utrecht-paragraph">{t.welcomeFree}</p>
      <ServiceStatusLine status={status} />
    </>
  );
}
