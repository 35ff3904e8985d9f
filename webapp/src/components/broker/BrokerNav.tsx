import { useLocation } from 'preact-iso';
import { useI18n } from '../../i18n/i18n';
import type { StringKey } from '../../i18n/strings';
import { useSession } from '../useSession';

const links: [href: string, label: StringKey][] = [
  ['/makelaar', 'brokerNavQueue'],
  ['/makelaar/bewoners', 'brokerNavResidents'],
  ['/makelaar/prikbord', 'brokerNavNoticeBoard'],
  ['/makelaar/sleutelfiguren', 'brokerNavKeyfigures'],
];

/** "Makelaar" in the header, only for brokers: queue, residents, notice board, key figures. */
export function BrokerNav() {
  const { t } = useI18n();
  const { path } = useLocation();
  const session = useSession();
  if (session.status !== 'in' || !session.me.roles.includes('broker')) return null;
  const current = (href: string) => (href === '/makelaar'
    ? path === href || path.startsWith('/makelaar/vragen')
    : path === href || path.startsWith(`${href}/`));
  return (
    <nav class="noaber-nav noaber-broker-nav" aria-label={t.brokerNavLabel}>
      <ul class="noaber-nav__list">
        <li class="noaber-broker-nav__title" aria-hidden="true">{t.brokerNavLabel}:</li>
        {links.map(([href, label]) => (
          <li key={href}>
            <a class="utrecht-link noaber-action-link noaber-nav__link" href={href}
              aria-current={current(href) ? 'page' : undefined}>{t[label]}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
