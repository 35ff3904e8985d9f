import { useLocation } from 'preact-iso';
import type { Role } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import type { StringKey } from '../../i18n/strings';
import { useSession } from '../useSession';

const links: [role: Role, href: string, label: StringKey][] = [
  ['keyfigure', '/signalen/nieuw', 'navReportSignal'],
  ['keyfigure', '/mijn-signalen', 'navMySignals'],
  ['contact', '/signalen', 'navTeamSignals'],
  ['admin', '/verwerkingslog', 'navProcessingLog'],
];

/** The signal screens this person may use, by role; nothing for someone who is only a resident. */
export function SignalNav() {
  const { t } = useI18n();
  const { path } = useLocation();
  const session = useSession();
  if (session.status !== 'in') return null;
  const mine = links.filter(([role]) => session.me.roles.includes(role));
  if (!mine.length) return null;
  return (
    <nav class="noaber-nav" aria-label={t.navLabel}>
      <ul class="noaber-nav__list">
        {mine.map(([, href, label]) => (
          <li key={href}>
            <a class="utrecht-link noaber-action-link noaber-nav__link" href={href}
              aria-current={path === href ? 'page' : undefined}>{t[label]}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
