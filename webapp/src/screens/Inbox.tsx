import { useLocation } from 'preact-iso';
import { useEffect } from 'preact/hooks';
import { listNotifications, markNotificationRead, type InboxItem } from '../api/notifications';
import { useSignedIn } from '../components/useSession';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';
import { appPath } from '../push/notification';
import { refreshUnread } from '../push/unread';
import { usePagedList } from '../components/usePagedList';
import { MoreButton } from '../components/MoreButton';

const pageSize = 20;

function When({ at }: { at: string }) {
  const { lang } = useI18n();
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return null;
  const text = new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  return <time class="noaber-inbox__when" dateTime={at}>{text}</time>;
}

/** /notificaties: everything that happened for me, newest first; unread ones say "Nieuw". */
export function Inbox() {
  const { t } = useI18n();
  useTitle(t.inboxTitle);
  const me = useSignedIn();
  const { items, setItems, next, error, busy, load, firstNew, isFirstNew } =
    usePagedList<InboxItem, HTMLAnchorElement>((cursor) => listNotifications({ cursor, limit: pageSize }));
  const failed = error !== null;

  useEffect(() => {
    if (me) void load(null);
  }, [me?.id]); // eslint-disable-line react-hooks/exhaustive-deps


  if (!me) return <p class="utrecht-paragraph">{t.loading}</p>;

  // The link itself navigates (preact-iso); marking read goes on in the background.
  function open(item: InboxItem) {
    if (item.readAt) return;
    setItems((all) => all && all.map((i) => (i.id === item.id ? { ...i, readAt: new Date().toISOString() } : i)));
    markNotificationRead(item.id).catch(() => {}).then(refreshUnread);
  }

  return (
    <>
      <h1 class="utrecht-heading-1">{t.inboxTitle}</h1>
      <p class="utrecht-paragraph">{t.inboxIntro}</p>
      <p class="utrecht-paragraph">
        <a href="/notificaties/instellingen" class="utrecht-link noaber-action-link">{t.inboxSettingsLink}</a>
      </p>
      {failed && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.inboxFailed}</p>}
      {items === null && !failed && <p class="utrecht-paragraph">{t.loading}</p>}
      {items?.length === 0 && <p class="utrecht-paragraph">{t.inboxEmpty}</p>}
      {items && items.length > 0 && (
        <ul class="noaber-inbox" aria-label={t.inboxTitle}>
          {items.map((item, i) => (
            <li key={item.id} class={`noaber-inbox__item${item.readAt ? '' : ' noaber-inbox__item--unread'}`}>
              <a href={appPath(item.url)} class="utrecht-link noaber-inbox__link" onClick={() => open(item)}
                ref={isFirstNew(i) ? firstNew : undefined}>
                {!item.readAt && <span class="noaber-badge">{t.inboxNew}</span>}
                <span class="noaber-inbox__text">{item.text}</span>
                <When at={item.createdAt} />
              </a>
            </li>
          ))}
        </ul>
      )}
      <MoreButton list={{ next, busy, load }} />
      {items && items.length > pageSize && !next && <p class="utrecht-paragraph">{t.inboxNoMore}</p>}
    </>
  );
}

/** /meldingen and /meldingen/instellingen, the old addresses: "melding" now means a report (moderation). */
export function InboxMoved() {
  const { path, url, route } = useLocation();
  useEffect(() => {
    route(url.replace(/^\/meldingen/, '/notificaties'), true);
  }, [path]); // eslint-disable-line react-hooks/exhaustive-deps
  return null;
}
