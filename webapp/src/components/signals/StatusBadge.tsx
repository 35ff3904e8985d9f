import { useI18n } from '../../i18n/i18n';
import { statusText } from '../../signals/model';

/** "Status: Opgepakt": the words carry the meaning; the colour is extra. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <p class="utrecht-paragraph noaber-signal-status">
      <span class="noaber-signal-status__label">{t.signalStatusLabel}: </span>
      <span class={`noaber-badge noaber-badge--status noaber-badge--${status}`}>{statusText(t, status)}</span>
    </p>
  );
}
