import { useState } from 'preact/hooks';
import { changeMe } from '../../api/accounts';
import { useI18n } from '../../i18n/i18n';
import { errorsFrom, hasErrors, missingFields } from '../../i18n/problems';
import { ErrorSummary } from '../ErrorSummary';
import { PasswordField } from '../PasswordField';
import { useFormErrors } from '../useFormErrors';

const fields = ['currentPassword', 'newPassword'] as const;
const idFor = (name: string) => `password-${name}`;

/** Change password: the current one and a new one. */
export function PasswordForm() {
  const { t, lang } = useI18n();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '' });
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useFormErrors([...fields], idFor);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const missing = missingFields(t, values, [...fields]);
    if (hasErrors(missing)) return form.show(missing);
    setBusy(true);
    try {
      await changeMe(values);
      form.clear();
      setValues({ currentPassword: '', newPassword: '' });
      setDone(true);
    } catch (err) {
      form.show(errorsFrom(err, t, lang, [...fields]));
    } finally {
      setBusy(false);
    }
  }

  const set = (name: keyof typeof values) => (value: string) => {
    setDone(false);
    setValues((v) => ({ ...v, [name]: value }));
  };
  const labels: [string, string][] = [['currentPassword', t.fieldCurrentPassword], ['newPassword', t.fieldNewPassword]];
  return (
    <section aria-labelledby="password-title" class="noaber-section">
      <h2 id="password-title" class="utrecht-heading-2">{t.passwordTitle}</h2>
      <ErrorSummary errors={form.errors} fields={labels} idFor={idFor} summaryRef={form.summaryRef} />
      <form class="noaber-form" noValidate onSubmit={submit}>
        <PasswordField id={idFor('currentPassword')} label={t.fieldCurrentPassword} error={form.errors.fields.currentPassword}
          autocomplete="current-password" value={values.currentPassword} onValue={set('currentPassword')} />
        <PasswordField id={idFor('newPassword')} label={t.fieldNewPassword} hint={t.passwordHint}
          error={form.errors.fields.newPassword} autocomplete="new-password" value={values.newPassword}
          onValue={set('newPassword')} />
        <button type="submit" class="utrecht-button utrecht-button--secondary-action noaber-submit">{t.passwordSubmit}</button>
        <p role="status" class="utrecht-paragraph noaber-notice-slot">
          {done && <span class="noaber-notice">{t.passwordChanged}</span>}
        </p>
      </form>
    </section>
  );
}
