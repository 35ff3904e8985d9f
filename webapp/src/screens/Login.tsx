import { useLocation } from 'preact-iso';
import { useLayoutEffect, useState } from 'preact/hooks';
import { login } from '../api/accounts';
import { ApiError } from '../api/problem';
import { ErrorSummary } from '../components/ErrorSummary';
import { TextField } from '../components/FormField';
import { PasswordField } from '../components/PasswordField';
import { useFormErrors } from '../components/useFormErrors';
import { safeNext } from '../components/useSession';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';
import { errorsFrom, hasErrors, missingFields, type FormErrors } from '../i18n/problems';
import type { Strings } from '../i18n/strings';

const fields = ['email', 'password', 'totpCode', 'recoveryCode'] as const;
type Field = (typeof fields)[number];
/** The second step: no code yet, a code from the app, or a recovery code. */
type Step = 'password' | 'totpCode' | 'recoveryCode';
const idFor = (name: string) => `login-${name}`;

function loginErrors(err: unknown, step: Step, t: Strings, lang: 'nl' | 'en'): FormErrors {
  if (err instanceof ApiError && err.is('invalid-credentials')) return { fields: {}, general: t.loginInvalid };
  if (err instanceof ApiError && err.is('invalid-second-factor') && step !== 'password') {
    return { fields: { [step]: { text: t.loginInvalidSecondFactor } }, general: null };
  }
  return errorsFrom(err, t, lang, [...fields]);
}

/** /inloggen: e-mail and password, then a code when the account has two-step verification. */
export function Login() {
  const { t, lang, setLang } = useI18n();
  const { route, query } = useLocation();
  useTitle(t.loginTitle);
  const [values, setValues] = useState<Record<Field, string>>({ email: '', password: '', totpCode: '', recoveryCode: '' });
  const [step, setStep] = useState<Step>('password');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors([...fields], idFor);
  const set = (name: Field) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  // Moving to a code step puts the cursor in the code field (in the same task
  // as it appears, so nothing typed in between gets lost).
  useLayoutEffect(() => {
    if (step !== 'password') document.getElementById(idFor(step))?.focus();
  }, [step]);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const required = step === 'password' ? ['email', 'password'] : [step];
    const missing = missingFields(t, values, required);
    if (hasErrors(missing)) return form.show(missing);
    setBusy(true);
    try {
      const me = await login({
        email: values.email.trim(),
        password: values.password,
        ...(step === 'totpCode' && { totpCode: values.totpCode.replace(/\s/g, '') }),
        ...(step === 'recoveryCode' && { recoveryCode: values.recoveryCode.trim() }),
      });
      if (me.language) setLang(me.language);
      route(safeNext(query.next));
    } catch (err) {
      if (err instanceof ApiError && err.is('second-factor-required') && step === 'password') {
        form.clear();
        setStep('totpCode');
      } else {
        form.show(loginErrors(err, step, t, lang));
      }
    } finally {
      setBusy(false);
    }
  }

  const labels: [string, string][] = [
    ['email', t.fieldEmail], ['password', t.fieldPassword],
    ['totpCode', t.fieldTotpCode], ['recoveryCode', t.fieldRecoveryCode],
  ];
  const err = form.errors.fields;
  const other = step === 'totpCode' ? 'recoveryCode' : 'totpCode';
  return (
    <>
      <h1 class="utrecht-heading-1">{t.loginTitle}</h1>
      {query.uitgelogd && step === 'password' && <p role="status" class="utrecht-paragraph noaber-notice">{t.loginLoggedOut}</p>}
      <ErrorSummary errors={form.errors} fields={labels} idFor={idFor} summaryRef={form.summaryRef} />
      <form class="noaber-form" noValidate onSubmit={submit}>
        {step === 'password' ? (
          <>
            <TextField id={idFor('email')} label={t.fieldEmail} error={err.email} type="email" autocomplete="username"
              inputMode="email" value={values.email} onValue={set('email')} maxLength={254} />
            <PasswordField id={idFor('password')} label={t.fieldPassword} error={err.password}
              autocomplete="current-password" value={values.password} onValue={set('password')} />
          </>
        ) : (
          <>
            <p class="utrecht-paragraph">{t.loginSecondFactor}</p>
            {step === 'totpCode' ? (
              <TextField id={idFor('totpCode')} label={t.fieldTotpCode} hint={t.totpCodeHint} error={err.totpCode}
                inputMode="numeric" autocomplete="one-time-code" size="code" maxLength={6}
                value={values.totpCode} onValue={set('totpCode')} />
            ) : (
              <TextField id={idFor('recoveryCode')} label={t.fieldRecoveryCode} hint={t.recoveryCodeHint}
                error={err.recoveryCode} autocomplete="off" maxLength={32}
                value={values.recoveryCode} onValue={set('recoveryCode')} />
            )}
          </>
        )}
        <button type="submit" class="utrecht-button utrecht-button--primary-action noaber-submit">{t.loginSubmit}</button>
      </form>
      {step !== 'password' && (
        <p class="utrecht-paragraph">
          <button type="button" class="utrecht-button utrecht-button--subtle noaber-link-button"
            onClick={() => { form.clear(); setStep(other); }}>
            {step === 'totpCode' ? t.useRecoveryCode : t.useTotpCode}
          </button>
        </p>
      )}
      {step === 'password' && (
        <p class="utrecht-paragraph">
          {t.loginNoAccount}{' '}
          <a href="/registreren" class="utrecht-link noaber-action-link">{t.registerTitle}</a>
        </p>
      )}
    </>
  );
}
