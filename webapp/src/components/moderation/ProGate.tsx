import type { ComponentChildren } from 'preact';
import type { Me } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useSignedIn } from '../useSession';

/** Brokers and admins: the moderation queue, the social map's management and the monitor. */
export const isModerator = (me: Pick<Me, 'roles'>) => me.roles.includes('broker') || me.roles.includes('admin');

/**
 * Shows `children(me)` to a broker or admin with a second factor. Nobody
 * signed in: to the login screen; another role: says for whom this page is.
 */
export function ProGate({ title, children }: { title: string; children: (me: Me) => ComponentChildren }) {
  const { t } = useI18n();
  const me = useSignedIn();
  if (!me) return <p class="utrecht-paragraph">{t.loading}</p>;
  if (!isModerator(me) || me.secondFactorRequired) {
    return (
      <>
        <h1 class="utrecht-heading-1">{title}</h1>
        <p class="utrecht-paragraph">{isModerator(me) ? t.proNeedsSecondFactor : t.proOnly}</p>
        {isModerator(me) && <p class="utrecht-paragraph"><a class="utrecht-link noaber-action-link" href="/tweestapsverificatie">{t.twoFactorLink}</a></p>}
      </>
    );
  }
  return <>{children(me)}</>;
}
