import type { OutboxItem } from '../../market/outbox';
import { useOutbox } from '../../market/outboxRuntime';
import { useI18n } from '../../i18n/i18n';

const textOf = (i: OutboxItem) => {
  const b = i.body as { title?: string; body?: string };
  return i.kind === 'post' ? b.title ?? '' : b.body ?? '';
};

/**
 * What waits in the outbox: "wordt verstuurd" while it waits, and what the
 * server refused, with its reason, until the person removes it.
 */
export function OutboxList({ filter, title }: { filter: (i: OutboxItem) => boolean; title: string }) {
  const { t } = useI18n();
  const [items, dismiss] = useOutbox(filter);
  if (!items.length) return null;
  return (
    <section class="noaber-outbox" aria-label={title}>
      <ul class="noaber-outbox__list">
        {items.map((i) => (
          <li key={i.key} class={`noaber-outbox__item noaber-outbox__item--${i.state}`}>
            <p class="noaber-outbox__text">{textOf(i)}</p>
            {i.state === 'pending' ? (
              <p class="noaber-outbox__state" role="status">{t.outboxSending}</p>
            ) : (
              <>
                <p class="noaber-outbox__state noaber-error-text" role="alert">
                  {t.outboxFailed} {i.error?.invalidParams.length ? t.outboxFailedInvalid : ''}
                </p>
                <button type="button" class="utrecht-button utrecht-button--secondary-action" onClick={() => dismiss(i.key)}>
                  {t.outboxDismiss}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
