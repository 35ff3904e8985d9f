import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { register, type Registration } from '../api/accounts';
import { ErrorSummary } from '../components/ErrorSummary';
import { TextField } from '../components/FormField';
import { PasswordField } from '../components/PasswordField';
import { PostcodeFields } from '../components/PostcodeFields';
import { useFormErrors } from '../components/useFormErrors';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';
import { errorsFrom, hasErrors, missingFields } from '../i18n/problems';

const fields = ['email', 'password', 'displayName', 'postcode', 'houseNumber'] as const;
// A key figure's invitation (?uitnodiging=<code>, from the broker) is sent along as invitationCode.
const formFields = [...fields, 'invitationCode'];
type Field = (typeof fields)[number];
const idFor = (name: string) => `register-${name}`;

/** /registreren: make an account; lands signed in on the profile. */
export function Register() {
  const { t, lang } = useI18n();
  const { route, query } = useLocation();
  useTitle(t.registerTitle);
  const [invitationCode, setInvitationCode] = useState(query.uitnodiging ?? '');
  const invited = Boolean(query.uitnodiging);
  const [values, setValues] = useState<Record<Field, string>>({
    email: '', password: '', displayName: '', postcode: '', houseNumber: '',
  });
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(formFields, idFor);
  const set = (name: Field) => (value: string) => setValues((v) => ({ ...v, [name]: value }));

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const missing = missingFields(t, values, [...fields]);
    if (hasErrors(missing)) return form.show(missing);
    setBusy(true);
    try {
      const body: Registration & { invitationCode?: string } = { ...values, email: values.email.trim(), language: lang };
      if (invited && invitationCode.trim()) body.invitationCode = invitationCode.trim();
      await register(body);
      route('/profiel');
    } catch (err) {
      const shown = errorsFrom(err, t, lang, formFields);
      if (shown.fields.invitationCode) shown.fields.invitationCode = { ...shown.fields.invitationCode, text: t.brokerRegisterCodeWrong };
      form.show(shown);
    } finally {
      setBusy(false);
    }
  }

  const labels: [string, string][] = [
    ['email', t.fieldEmail], ['password', t.fieldPassword], ['displayName', t.fieldDisplayName],
    ['postcode', t.fieldPostcode], ['houseNumber', t.fieldHouseNumber], ['invitationCode', t.brokerRegisterCode],
  ];
  const err = form.errors.fields;
  return (
    <>
      <h1 class="utrecht-heading-1">{t.registerTitle}</h1>
      <p class="utrecht-paragraph">{t.registerIntro}</p>
      <ErrorSummary errors={form.errors} fields={labels} idFor={idFor} summaryRef={form.summaryRef} />
      <form class="noaber-form" noValidate onSubmit={submit}>
        <TextField id={idFor('email')} label={t.fieldEmail} error={err.email} type="email" autocomplete="email"
          inputMode="email" value={values.email} onValue={set('email')} maxLength={254} />
        <PasswordField id={idFor('password')} label={t.fieldPassword} hint={t.passwordHint} error={err.password}
          autocomplete="new-password" value={values.password} onValue={set('password')} />
        <TextField id={idFor('displayName')} label={t.fieldDisplayName} hint={t.displayNameHint} error={err.displayName}
          autocomplete="nickname" value={values.displayName} onValue={set('displayName')} maxLength={60} />
        <PostcodeFields idFor={idFor} postcode={values.postcode} houseNumber={values.houseNumber}
          onChange={(name, value) => set(name)(value)} errors={form.errors} />
        {invited && (
          <TextField id={idFor('invitationCode')} label={t.brokerRegisterCode} hint={t.brokerRegisterCodeHint} error={err.invitationCode}
            value={invitationCode} onValue={setInvitationCode} maxLength={100} autocomplete="off" />
        )}
        <button type="submit" class="utrecht-button utrecht-button--primary-action noaber-submit">{t.registerSubmit}</button>
      </form>
      <p class="utrecht-paragraph">
        {t.registerHaveAccount}{' '}
        <a href="/inloggen" class="utrecht-link noaber-action-link">{t.headerLogin}</a>
      </p>
    </>
  );
}
