import { useEffect, useState } from 'preact/hooks';
import {
  getNotificationPreferences, notificationTypes, putNotificationPreferences,
  type NotificationPreferences, type NotificationType,
} from '../api/notifications';
import type { Me } from '../api/types';
import { ErrorSummary } from '../components/ErrorSummary';
import { FormField } from '../components/FormField';
import { useFormErrors } from '../components/useFormErrors';
import { useSignedIn } from '../components/useSession';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';
import { errorsFrom, hasErrors, missingFields } from '../i18n/problems';
import type { StringKey } from '../i18n/strings';
import { currentSubscription, pushPermission, turnOffPush, turnOnPush, type PushResult } from '../push/device';

/**
 * The types this person can get, in screen order. Signals only for the roles
 * they concern: a contact person gets new and escalated signals, a key figure
 * news about the signals they reported.
 */
export function typesFor(me: Pick<Me, 'roles'>): NotificationType[] {
  return notificationTypes.filter((type) => {
    if (type === 'signal_assigned' || type === 'signal_escalated') return me.roles.includes('contact');
    if (type === 'signal_update') return me.roles.includes('keyfigure');
    return true;
  });
}

const idFor = (name: string) => `notif-${name}`;
const fields = ['quietHoursStart', 'quietHoursEnd', 'suggestionDailyCap'] as const;

type DeviceState = 'checking' | 'on' | 'off' | 'busy' | 'turnedOff' | Exclude<PushResult, 'on'>;
const deviceText: Record<Exclude<DeviceState, 'checking' | 'busy'>, StringKey> = {
  on: 'notifDeviceOn',
  off: 'notifDeviceOff',
  turnedOff: 'notifDeviceTurnedOff',
  denied: 'pushResultDenied',
  unsupported: 'pushResultUnsupported',
  refused: 'pushResultRefused',
  failed: 'pushResultFailed',
};

/** Push on or off for this browser: subscribe, or unsubscribe and DELETE on the server. */
function DeviceSection() {
  const { t } = useI18n();
  const [state, setState] = useState<DeviceState>('checking');
  const [justTurnedOn, setJustTurnedOn] = useState(false);

  useEffect(() => {
    const permission = pushPermission();
    if (permission === 'unsupported') return setState('unsupported');
    if (permission === 'denied') return setState('denied');
    currentSubscription().then((sub) => setState(sub && permission === 'granted' ? 'on' : 'off'), () => setState('off'));
  }, []);

  async function turnOn() {
    setState('busy');
    const result = await turnOnPush().catch((): PushResult => 'failed');
    setJustTurnedOn(result === 'on');
    setState(result);
  }
  async function turnOff() {
    setState('busy');
    await turnOffPush();
    setJustTurnedOn(false);
    setState('turnedOff');
  }

  const canTurnOn = state === 'off' || state === 'turnedOff' || state === 'failed';
  return (
    <section aria-labelledby="notif-device-title" class="noaber-section">
      <h2 id="notif-device-title" class="utrecht-heading-2">{t.notifDeviceTitle}</h2>
      <p role="status" class="utrecht-paragraph noaber-notice-slot">
        {state === 'checking' || state === 'busy' ? t.loading
          : <span class={justTurnedOn || state === 'turnedOff' ? 'noaber-notice' : undefined}>
              {justTurnedOn ? t.pushResultOn : t[deviceText[state]]}
            </span>}
      </p>
      {state === 'on' && (
        <button type="button" class="utrecht-button utrecht-button--secondary-action" onClick={turnOff}>{t.notifDeviceTurnOff}</button>
      )}
      {canTurnOn && (
        <button type="button" class="utrecht-button utrecht-button--primary-action" onClick={turnOn}>{t.notifDeviceTurnOn}</button>
      )}
      <p class="utrecht-paragraph">{t.notifInboxAlways}</p>
    </section>
  );
}

interface Values {
  push: Partial<Record<NotificationType, boolean>>;
  quietHoursStart: string;
  quietHoursEnd: string;
  suggestionDailyCap: string;
}

/** What may be pushed, quiet hours and the daily cap on tips: PUT the whole object. */
function PreferencesForm({ me, initial }: { me: Me; initial: NotificationPreferences }) {
  const { t, lang } = useI18n();
  const [values, setValues] = useState<Values>({ ...initial, suggestionDailyCap: String(initial.suggestionDailyCap) });
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useFormErrors([...fields], idFor);
  const change = (next: Partial<Values>) => {
    setSaved(false);
    setValues((v) => ({ ...v, ...next }));
  };

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const missing = missingFields(t, values as unknown as Record<string, string>, [...fields]);
    if (hasErrors(missing)) return form.show(missing);
    setBusy(true);
    try {
      const cap = values.suggestionDailyCap.trim();
      const updated = await putNotificationPreferences({
        push: values.push, // every type the server gave, also those not shown here
        quietHoursStart: values.quietHoursStart,
        quietHoursEnd: values.quietHoursEnd,
        suggestionDailyCap: /^\d+$/.test(cap) ? Number(cap) : (cap as unknown as number), // the server says what is wrong
      });
      setValues({ ...updated, suggestionDailyCap: String(updated.suggestionDailyCap) });
      form.clear();
      setSaved(true);
    } catch (err) {
      form.show(errorsFrom(err, t, lang, [...fields]));
    } finally {
      setBusy(false);
    }
  }

  const err = form.errors.fields;
  const labels: [string, string][] = [
    ['quietHoursStart', t.fieldQuietStart], ['quietHoursEnd', t.fieldQuietEnd], ['suggestionDailyCap', t.fieldSuggestionCap],
  ];
  const timeInput = (name: 'quietHoursStart' | 'quietHoursEnd', label: string, hint: string) => (
    <FormField id={idFor(name)} label={label} hint={hint} error={err[name]}>
      {(link) => (
        <input {...link} type="time" step={60} class={`utrecht-textbox utrecht-textbox--html-input noaber-textbox--time${err[name] ? ' utrecht-textbox--invalid' : ''}`}
          value={values[name]} onInput={(e) => change({ [name]: e.currentTarget.value })} />
      )}
    </FormField>
  );
  return (
    <section aria-labelledby="notif-prefs-title" class="noaber-section">
      <h2 id="notif-prefs-title" class="utrecht-heading-2">{t.notifTypesTitle}</h2>
      <ErrorSummary errors={form.errors} fields={labels} idFor={idFor} summaryRef={form.summaryRef} />
      <form class="noaber-form" noValidate onSubmit={submit}>
        <fieldset class="noaber-fieldset">
          <legend class="noaber-visually-hidden">{t.notifTypesTitle}</legend>
          {typesFor(me).map((type) => (
            <div class="noaber-check" key={type}>
              <input type="checkbox" id={idFor(type)} class="noaber-check__input" checked={values.push[type] ?? true}
                onChange={(e) => change({ push: { ...values.push, [type]: e.currentTarget.checked } })} />
              <label class="utrecht-form-label noaber-check__label" for={idFor(type)}>{t[`notif_${type}`]}</label>
            </div>
          ))}
        </fieldset>
        <fieldset class="noaber-fieldset" aria-describedby="notif-quiet-text">
          <legend class="noaber-legend">{t.notifQuietTitle}</legend>
          <p class="utrecht-paragraph" id="notif-quiet-text">{t.notifQuietText}</p>
          {timeInput('quietHoursStart', t.fieldQuietStart, t.quietStartHint)}
          {timeInput('quietHoursEnd', t.fieldQuietEnd, t.quietEndHint)}
        </fieldset>
        <FormField id={idFor('suggestionDailyCap')} label={t.fieldSuggestionCap} hint={t.suggestionCapHint} error={err.suggestionDailyCap}>
          {(link) => (
            <input {...link} type="number" min={0} max={20} step={1} inputMode="numeric"
              class={`utrecht-textbox utrecht-textbox--html-input noaber-textbox--number${err.suggestionDailyCap ? ' utrecht-textbox--invalid' : ''}`}
              value={values.suggestionDailyCap} onInput={(e) => change({ suggestionDailyCap: e.currentTarget.value })} />
          )}
        </FormField>
        <button type="submit" class="utrecht-button utrecht-button--primary-action noaber-submit">{t.save}</button>
        <p role="status" class="utrecht-paragraph noaber-notice-slot">
          {saved && <span class="noaber-notice">{t.notifSaved}</span>}
        </p>
      </form>
    </section>
  );
}

/** /notificaties/instellingen: push on this device, what to push, quiet hours, tips per day. */
export function NotificationSettings() {
  const { t } = useI18n();
  useTitle(t.notifSettingsTitle);
  const me = useSignedIn();
  const [prefs, setPrefs] = useState<NotificationPreferences | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (me) getNotificationPreferences().then(setPrefs, () => setFailed(true));
  }, [me?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!me) return <p class="utrecht-paragraph">{t.loading}</p>;
  return (
    <>
      <h1 class="utrecht-heading-1">{t.notifSettingsTitle}</h1>
      <p class="utrecht-paragraph">
        <a href="/notificaties" class="utrecht-link noaber-action-link">{t.inboxTitle}</a>
      </p>
      <DeviceSection />
      {failed && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.notifLoadFailed}</p>}
      {!prefs && !failed && <p class="utrecht-paragraph">{t.loading}</p>}
      {prefs && <PreferencesForm me={me} initial={prefs} />}
    </>
  );
}
