import { useEffect, useRef, useState } from 'preact/hooks';
import { fetchMe, startTotp, verifyTotp } from '../api/accounts';
import { isProfessional, type TotpEnrolment } from '../api/types';
import { ErrorSummary } from '../components/ErrorSummary';
import { TextField } from '../components/FormField';
import { useFormErrors } from '../components/useFormErrors';
import { useSignedIn } from '../components/useSession';
import { PushOfferCard } from '../components/PushOfferCard';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';
import { errorsFrom, hasErrors, missingFields } from '../i18n/problems';
import { offerPushAfterAction } from '../push/offer';

type Step = { name: 'intro' } | { name: 'scan'; enrolment: TotpEnrolment } | { name: 'codes'; codes: string[] } | { name: 'done' };
const idFor = (name: string) => `totp-${name}`;

/** Step 1 and 2: scan the QR code (or type the secret), then prove it with a code. */
function ScanStep({ enrolment, onVerified }: { enrolment: TotpEnrolment; onVerified: (codes: string[]) => void }) {
  const { t, lang } = useI18n();
  const [code, setCode] = useState('');
  const form = useFormErrors(['code'], idFor);
  const busy = useRef(false);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy.current) return;
    const missing = missingFields(t, { code }, ['code']);
    if (hasErrors(missing)) return form.show(missing);
    busy.current = true;
    try {
      onVerified(await verifyTotp(code.replace(/\s/g, '')));
    } catch (err) {
      form.show(errorsFrom(err, t, lang, ['code']));
    } finally {
      busy.current = false;
    }
  }
  return (
    <>
      <p class="utrecht-paragraph">{t.totpScan}</p>
      <img class="noaber-qr" src={enrolment.qrCode} alt={t.totpQrAlt} width={220} height={220} />
      <p class="utrecht-paragraph">{t.totpManual}</p>
      <p class="utrecht-paragraph"><code class="noaber-secret" id="totp-secret">{enrolment.secret}</code></p>
      <ErrorSummary errors={form.errors} fields={[['code', t.fieldTotpCode]]} idFor={idFor} summaryRef={form.summaryRef} />
      <form class="noaber-form" noValidate onSubmit={submit}>
        <p class="utrecht-paragraph">{t.totpEnterCode}</p>
        <TextField id={idFor('code')} label={t.fieldTotpCode} hint={t.totpCodeHint} error={form.errors.fields.code}
          inputMode="numeric" autocomplete="one-time-code" size="code" maxLength={6} value={code} onValue={setCode} />
        <button type="submit" class="utrecht-button utrecht-button--primary-action noaber-submit">{t.totpVerify}</button>
      </form>
    </>
  );
}

/** /tweestapsverificatie: set up a second factor (an authenticator app) with recovery codes. */
export function TotpSetup() {
  const { t } = useI18n();
  useTitle(t.totpTitle);
  const me = useSignedIn();
  const [step, setStep] = useState<Step>({ name: 'intro' });
  const [failed, setFailed] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  // Each step replaces the screen: move focus to its heading so it is read.
  useEffect(() => {
    if (step.name !== 'intro') heading.current?.focus();
    // Set up and done: a professional may now want to hear of signals without opening the app.
    if (step.name === 'done' && me && isProfessional(me)) offerPushAfterAction();
  }, [step.name]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!me) return <p class="utrecht-paragraph">{t.loading}</p>;

  async function begin() {
    setFailed(false);
    try {
      setStep({ name: 'scan', enrolment: await startTotp() });
    } catch {
      setFailed(true);
    }
  }
  const verified = (codes: string[]) => {
    setStep({ name: 'codes', codes });
    fetchMe().catch(() => {}); // totpEnabled is now true; the banner goes away
  };
  const title = step.name === 'codes' ? t.totpCodesTitle : t.totpTitle;
  return (
    <>
      <h1 class="utrecht-heading-1 noaber-focus-heading" tabIndex={-1} ref={heading}>{title}</h1>
      {step.name === 'intro' && me.totpEnabled && <p class="utrecht-paragraph">{t.totpAlreadyOn}</p>}
      {step.name === 'intro' && !me.totpEnabled && (
        <>
          <p class="utrecht-paragraph">{t.totpIntro}</p>
          <p class="utrecht-paragraph">{t.totpApps}</p>
          {failed && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.errFailed}</p>}
          <button type="button" class="utrecht-button utrecht-button--primary-action" onClick={begin}>{t.totpStart}</button>
        </>
      )}
      {step.name === 'scan' && <ScanStep enrolment={step.enrolment} onVerified={verified} />}
      {step.name === 'codes' && (
        <>
          <p class="utrecht-paragraph">{t.totpCodesText}</p>
          <ul class="noaber-recovery-codes" aria-label={t.totpCodesTitle}>
            {step.codes.map((c) => <li key={c}><code>{c}</code></li>)}
          </ul>
          <button type="button" class="utrecht-button utrecht-button--primary-action" onClick={() => setStep({ name: 'done' })}>
            {t.totpSaved}
          </button>
        </>
      )}
      {step.name === 'done' && <p class="utrecht-paragraph" role="status">{t.totpDone}</p>}
      {step.name === 'done' && <PushOfferCard />}
      {(step.name === 'done' || me.totpEnabled && step.name === 'intro') && (
        <p class="utrecht-paragraph"><a href="/profiel" class="utrecht-link noaber-action-link">{t.backToProfile}</a></p>
      )}
    </>
  );
}
