import { useLocation } from 'preact-iso';
import { useI18n } from '../../i18n/i18n';
import type { StringKey } from '../../i18n/strings';
import { useSession } from '../useSession';
import { isModerator } from './ProGate';

/**
 * The social map for everyone signed in; for brokers and admins the
 * moderation queue ("Meldingen"), the social map's management and the monitor.
 */
export function ModerationNav() {
  const { t } = useI18n();
  const { path } = useLocation();
  const session = useSession();
  if (session.status !== 'in') return null;
  const pro = isModerator(session.me);
  const links: [href: string, label: StringKey][] = pro
    ? [['/makelaar/meldingen', 'navModeration'], ['/makelaar/voorzieningen', 'navFacilities'], ['/monitor', 'navMonitor']]
    : [['/voorzieningen', 'navFacilities']];
  return (
    <nav class="noaber-nav noaber-moderation-nav" aria-label={pro ? t.navModerationLabel : t.navFacilities}>
      <ul class="noaber-nav__list">
        {links.map(([href, label]) => (
          <li key={href}>
            <a class="utrecht-link noaber-action-link noaber-nav__link" href={href}
              aria-current={path === href || path.startsWith(`${href}/`) ? 'page' : undefined}>{t[label]}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
