import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import type { StringKey } from '../i18n/strings';
import { closePushOffer, usePushOffer, type OfferState } from '../push/offer';

const outcome: Partial<Record<OfferState, StringKey>> = {
  busy: 'pushBusy',
  on: 'pushResultOn',
  denied: 'pushResultDenied',
  unsupported: 'pushResultUnsupported',
  refused: 'pushResultRefused',
  failed: 'pushResultFailed',
};

/**
 * "Wil je een seintje krijgen…?": shown only after offerPushAfterAction()
 * allowed it. The browser's own permission question comes only after "Ja".
 * Place it right below the action that triggers it.
 */
export function PushOfferCard({ level = 2 }: { level?: 2 | 3 }) {
  const { t } = useI18n();
  const { state, accept, decline } = usePushOffer();
  const heading = useRef<HTMLHeadingElement>(null);
  const wasOffered = useRef(false);

  useEffect(() => () => closePushOffer(), []);
  // The buttons go away after a choice: keep focus in the card, on its heading.
  useEffect(() => {
    if (state === 'offered') wasOffered.current = true;
    else if (wasOffered.current && state !== 'hidden') {
      wasOffered.current = false;
      heading.current?.focus();
    }
  }, [state]);

  if (state === 'hidden') return null;
  const Heading = level === 2 ? 'h2' : 'h3';
  const key = state === 'declined' ? null : outcome[state];
  return (
    <section class="noaber-card noaber-push-offer" aria-labelledby="push-offer-title">
      <Heading id="push-offer-title" class={`utrecht-heading-${level} noaber-focus-heading`} tabIndex={-1} ref={heading}>
        {t.pushOfferTitle}
      </Heading>
      {state === 'offered' && (
        <>
          <p class="utrecht-paragraph">{t.pushOfferText}</p>
          <div class="noaber-push-offer__actions">
            <button type="button" class="utrecht-button utrecht-button--primary-action" onClick={accept}>{t.pushOfferYes}</button>
            <button type="button" class="utrecht-button utrecht-button--secondary-action" onClick={decline}>{t.pushOfferNo}</button>
          </div>
        </>
      )}
      <p role="status" class="utrecht-paragraph noaber-notice-slot">
        {key && <span class="noaber-notice">{t[key]}</span>}
        {state === 'declined' && (
          <span>
            {t.pushDeclined}{' '}
            <a href="/notificaties/instellingen" class="utrecht-link">{t.inboxSettingsLink}</a>
          </span>
        )}
      </p>
    </section>
  );
}
