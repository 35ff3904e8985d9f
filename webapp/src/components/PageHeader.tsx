import { useI18n } from '../i18n/i18n';
import { BrokerNav } from './broker/BrokerNav';
import { LanguageSwitch } from './LanguageSwitch';
import { MarketNav } from './market/MarketNav';
import { ModerationNav } from './moderation/ModerationNav';
import { NotificationsLink } from './NotificationsLink';
import { SignalNav } from './signals/SignalNav';
import { useSession } from './useSession';

/** Who is signed in: their notifications and name (a link to the profile), or a link to log in. */
function AccountLink() {
  const { t } = useI18n();
  const session = useSession();
  if (session.status === 'restoring') return null;
  if (session.status === 'out') {
    return <a href="/inloggen" class="utrecht-link noaber-action-link noaber-account">{t.headerLogin}</a>;
  }
  return (
    <>
      <NotificationsLink />
      <a href="/profiel" class="utrecht-link noaber-action-link noaber-account">
        <span class="noaber-visually-hidden">{t.headerProfileOf} </span>
        <span class="noaber-account__name">{session.me.displayName}</span>
      </a>
    </>
  );
}

/** The banner on every screen: the name (a link home), the account and the language switch. */
export function PageHeader() {
  const { t } = useI18n();
  return (
    <header class="utrecht-page-header noaber-header">
      <div class="utrecht-page-header__content noaber-header__content">
        <a href="/" class="utrecht-link noaber-brand">
          <img src="/icons/icon.svg" alt="" width={32} height={32} />
          <span>{t.appName}</span>
        </a>
        <div class="noaber-header__actions">
          <AccountLink />
          <LanguageSwitch />
        </div>
        <MarketNav />
        <SignalNav />
        <ModerationNav />
        <BrokerNav />
      </div>
    </header>
  );
}
