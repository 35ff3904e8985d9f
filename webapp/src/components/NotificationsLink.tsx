import { useI18n } from '../i18n/i18n';
import { fill } from '../i18n/format';
import { useUnread } from '../push/unread';

/**
 * "Notificaties (2)" in the header. The number is not only colour or a dot:
 * it is text, and screen readers hear "Notificaties, 2 nieuw".
 */
export function NotificationsLink() {
  const { t } = useI18n();
  const unread = useUnread();
  const n = unread && unread.count > 0 ? `${unread.count}${unread.more ? '+' : ''}` : null;
  return (
    <a href="/notificaties" class="utrecht-link noaber-action-link noaber-notifications-link">
      {t.headerNotifications}
      {n && (
        <>
          <span aria-hidden="true" class="noaber-unread-count"> ({n})</span>
          <span class="noaber-visually-hidden">, {fill(t.headerUnread, { n })}</span>
        </>
      )}
    </a>
  );
}
