import { useState } from 'preact/hooks';
import { changeMe } from '../../api/accounts';
import type { Me } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { errorsFrom, hasErrors, missingFields } from '../../i18n/problems';
import { ErrorSummary } from '../ErrorSummary';
import { FormField, TextField } from '../FormField';
import { PostcodeFields } from '../PostcodeFields';
import { PushOfferCard } from '../PushOfferCard';
import { useFormErrors } from '../useFormErrors';
import { offerPushAfterAction } from '../../push/offer';

const fields = ['displayName', 'postcode', 'houseNumber', 'phone', 'language'] as const;
type Field = (typeof fields)[number];
const idFor = (name: string) => `profile-${name}`;

/** Name, address, phone and language: PATCH /me with what changed. */
export function DetailsForm({ me }: { me: Me }) {
  const { t, lang, setLang } = useI18n();
  const [values, setValues] = useState<Record<Field, string>>({
    displayName: me.displayName, postcode: me.postcode ?? '', houseNumber: me.houseNumber ?? '',
    phone: me.phone ?? '', language: me.language,
  });
  // Residents and key figures live in a neighbourhood; a professional's
  // account need not have an address.
  const livesHere = me.roles.includes('resident') || me.roles.includes('keyfigure');
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useFormErrors([...fields], idFor);
  const set = (name: Field) => (value: string) => {
    setSaved(false);
    setValues((v) => ({ ...v, [name]: value }));
  };

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const missing = missingFields(t, values, livesHere ? ['displayName', 'postcode', 'houseNumber'] : ['displayName']);
    if (hasErrors(missing)) return form.show(missing);
    const original: Record<Field, string> = {
      ...me, postcode: me.postcode ?? '', houseNumber: me.houseNumber ?? '', phone: me.phone ?? '',
    };
    const changes = Object.fromEntries(fields.filter((f) => values[f].trim() !== original[f]).map((f) => [f, values[f].trim()]));
    if ('phone' in changes && changes.phone === '') changes.phone = null as never; // empty clears it
    setBusy(true);
    try {
      const updated = Object.keys(changes).length ? await changeMe(changes) : me;
      form.clear();
      setSaved(true);
      offerPushAfterAction(); // a meaningful moment to offer push (only if the rules allow)
      if (updated.language !== lang) setLang(updated.language);
    } catch (err) {
      form.show(errorsFrom(err, t, lang, [...fields]));
    } finally {
      setBusy(false);
    }
  }

  const labels: [string, string][] = [
    ['displayName', t.fieldDisplayName], ['postcode', t.fieldPostcode], ['houseNumber', t.fieldHouseNumber],
    ['phone', t.fieldPhone], ['language', t.fieldLanguage],
  ];
  const err = form.errors.fields;
  return (
    <section aria-labelledby="profile-details-title" class="noaber-section">
      <h2 id="profile-details-title" class="utrecht-heading-2">{t.profileDetails}</h2>
      <p class="utrecht-paragraph">{t.fieldEmail}: {me.email}</p>
      <ErrorSummary errors={form.errors} fields={labels} idFor={idFor} summaryRef={form.summaryRef} />
      <form class="noaber-form" noValidate onSubmit={submit}>
        <TextField id={idFor('displayName')} label={t.fieldDisplayName} hint={t.displayNameHint} error={err.displayName}
          autocomplete="nickname" value={values.displayName} onValue={set('displayName')} maxLength={60} />
        <PostcodeFields idFor={idFor} postcode={values.postcode} houseNumber={values.houseNumber}
          onChange={(name, value) => set(name)(value)} errors={form.errors}
          saved={me.postcode && me.neighbourhood ? { postcode: me.postcode, neighbourhood: me.neighbourhood } : undefined} />
        <TextField id={idFor('phone')} label={t.fieldPhone} hint={t.phoneHint} error={err.phone} type="tel"
          autocomplete="tel" inputMode="tel" value={values.phone} onValue={set('phone')} maxLength={20} />
        <FormField id={idFor('language')} label={t.fieldLanguage} error={err.language}>
          {(link) => (
            <select {...link} class="utrecht-select utrecht-select--html-select" value={values.language}
              onChange={(e) => set('language')(e.currentTarget.value)}>
              <option value="nl" lang="nl">{t.langNl}</option>
              <option value="en" lang="en">{t.langEn}</option>
            </select>
          )}
        </FormField>
        <button type="submit" class="utrecht-button utrecht-button--primary-action noaber-submit">{t.save}</button>
        <p role="status" class="utrecht-paragraph noaber-notice-slot">
          {saved && <span class="noaber-notice">{t.saved}</span>}
        </p>
      </form>
      <PushOfferCard level={3} />
    </section>
  );
}
