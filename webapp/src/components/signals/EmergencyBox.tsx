import type { Emergency } from '../../api/signals';
import { fill } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';

const telHref = (number: string) => `tel:${number.replace(/[^+\d]/g, '')}`;

/**
 * When to call 112 or Veilig Thuis instead of (or before) reporting a signal.
 * role=alert, so it is read out as soon as it appears. With the server's
 * answer (`emergency`) its text and numbers are used; otherwise ours.
 */
export function EmergencyBox({ emergency }: { emergency?: Emergency | null }) {
  const { t, lang } = useI18n();
  const numbers = emergency?.phoneNumbers?.length ? emergency.phoneNumbers : ['112', '0800-2000'];
  const serverText = emergency ? (lang === 'en' ? emergency.textEn : emergency.text) : '';
  return (
    <div role="alert" class="utrecht-alert utrecht-alert--error noaber-emergency" aria-labelledby="emergency-title">
      <div class="utrecht-alert__content">
        <div class="utrecht-alert__message">
          <h2 id="emergency-title" class="utrecht-heading-2 noaber-emergency__title">{t.emergencyTitle}</h2>
          {serverText ? <p class="utrecht-paragraph">{serverText}</p> : (
            <>
              <p class="utrecht-paragraph">{t.emergency112}</p>
              <p class="utrecht-paragraph">{t.emergencyVeiligThuis}</p>
            </>
          )}
          <ul class="noaber-emergency__calls">
            {numbers.map((n) => (
              <li key={n}>
                <a class="utrecht-button utrecht-button--primary-action noaber-call" href={telHref(n)}>
                  {fill(t.emergencyCall, { number: n })}
                </a>
              </li>
            ))}
          </ul>
          <p class="utrecht-paragraph">{t.emergencyAfter}</p>
        </div>
      </div>
    </div>
  );
}
