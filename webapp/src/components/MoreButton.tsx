import { useI18n } from '../i18n/i18n';

/**
 * "Meer laden" under a paged list: shown while there is a next page, and
 * disabled while a page is loading, so a double tap cannot load (and
 * append) the same page twice.
 */
export function MoreButton({ list }: {
  list: { next: string | null; busy: boolean; load: (cursor: string | null) => unknown };
}) {
  const { t } = useI18n();
  if (!list.next) return null;
  return (
    <button type="button" class="utrecht-button utrecht-button--secondary-action noaber-submit" disabled={list.busy}
      onClick={() => list.load(list.next)}>
      {t.loadMore}
    </button>
  );
}
