import { useLocation } from 'preact-iso';
import { useI18n } from '../i18n/i18n';
import { useSession } from './useSession';

/**
 * On every screen while a professional has not yet set up two-step
 * verification (GET /me says secondFactorRequired), except on the set-up screen.
 */
export function SecondFactorBanner() {
  const { t } = useI18n();
  const { me } = useSession();
  const { path } = useLocation();
  if (!me?.secondFactorRequired || path === '/tweestapsverificatie') return null;
  return (
    <div class="utrecht-alert utrecht-alert--warning noaber-banner">
      <div class="utrecht-alert__content">
        <p class="utrecht-paragraph utrecht-alert__message">
          {t.secondFactorBanner}{' '}
          <a href="/tweestapsverificatie" class="utrecht-link">{t.twoFactorLink}</a>
        </p>
      </div>
    </div>
  );
}
