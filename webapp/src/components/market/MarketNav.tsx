import { useLocation } from 'preact-iso';
import { fill } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import type { StringKey } from '../../i18n/strings';
import { useConversationUnread } from '../../market/unread';
import { useSession } from '../useSession';

const links: [href: string, label: StringKey][] = [
  ['/vragen', 'navMarket'],
  ['/gesprekken', 'navConversations'],
  ['/afspraken', 'navExchanges'],
  ['/geven-en-nemen', 'navReciprocity'],
];

/** The marketplace in the header, for everyone signed in. "Gesprekken (2)": the number is text, not only a dot. */
export function MarketNav() {
  const { t } = useI18n();
  const { path } = useLocation();
  const session = useSession();
  const unread = useConversationUnread();
  if (session.status !== 'in') return null;
  return (
    <nav class="noaber-nav noaber-market-nav" aria-label={t.navMarketLabel}>
      <ul class="noaber-nav__list">
        {links.map(([href, label]) => (
          <li key={href}>
            <a class="utrecht-link noaber-action-link noaber-nav__link" href={href}
              aria-current={path === href || path.startsWith(`${href}/`) ? 'page' : undefined}>
              {t[label]}
              {href === '/gesprekken' && unread ? (
                <>
                  <span aria-hidden="true" class="noaber-unread-count"> ({unread})</span>
                  <span class="noaber-visually-hidden">, {fill(t.headerUnread, { n: unread })}</span>
                </>
              ) : null}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
