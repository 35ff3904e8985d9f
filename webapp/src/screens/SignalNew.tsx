import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { lookupPostcode } from '../api/accounts';
import { postcodeLookup, type PostcodeLookup } from '../api/postcode';
import { ApiError } from '../api/problem';
import {
  createSignal, listNeighbourhoods, type LifeDomain, type NeighbourhoodOption, type SignalReceipt, type Urgency,
} from '../api/signals';
import type { Me } from '../api/types';
import { ErrorSummary } from '../components/ErrorSummary';
import { FormField, TextField } from '../components/FormField';
import { Choices } from '../components/signals/Choices';
import { DomainIcon } from '../components/signals/DomainIcon';
import { EmergencyBox } from '../components/signals/EmergencyBox';
import { RoleGate } from '../components/signals/RoleGate';
import { TextAreaField } from '../components/signals/TextAreaField';
import { useFormErrors } from '../components/useFormErrors';
import { useOnline } from '../components/useOnline';
import { useTitle } from '../components/useTitle';
import { fill, waitTime } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import type { FieldMessage, FormErrors } from '../i18n/problems';
import type { Strings } from '../i18n/strings';
import {
  checkStep, domainHintKey, domainKey, domainsText, emptyDraft, lifeDomainOrder, limits, showsEmergency,
  signalFieldMessage, stepCount, stepFields, stepOf, toRequest, urgencyKey, type Draft, type Step,
} from '../signals/model';

const idFor = (name: string) => `signal-${name}`;
const allFields = [...stepFields[1], ...stepFields[2], ...stepFields[3]];
const urgencyOrder: Urgency[] = ['normal', 'worried', 'urgent'];

/** The neighbourhood of the postcode being typed, with the same debounced lookup as the address fields. */
function usePostcodeNeighbourhood(postcode: string, active: boolean): PostcodeLookup {
  const [result, setResult] = useState<PostcodeLookup>({ state: 'idle' });
  const lookup = useRef<ReturnType<typeof postcodeLookup>>(undefined);
  lookup.current ??= postcodeLookup(lookupPostcode, setResult);
  useEffect(() => {
    if (active) lookup.current!.update(postcode);
  }, [postcode, active]);
  useEffect(() => () => lookup.current!.cancel(), []);
  return result;
}

/** GET /areas once, when the reporter says they only know the neighbourhood. */
function useNeighbourhoods(wanted: boolean) {
  const [state, setState] = useState<{ items: NeighbourhoodOption[] | null; failed: boolean }>({ items: null, failed: false });
  useEffect(() => {
    if (!wanted || state.items) return;
    listNeighbourhoods().then(
      (items) => setState({ items, failed: false }),
      () => setState({ items: null, failed: true }),
    );
  }, [wanted]); // eslint-disable-line react-hooks/exhaustive-deps
  return state;
}

function stepTitle(t: Strings, step: Step) {
  return step === 1 ? t.signalStep1 : step === 2 ? t.signalStep2 : t.signalStep3;
}

/** "Stap 2 van 3", and the three steps as a list with the current one marked. */
function Progress({ step }: { step: Step }) {
  const { t } = useI18n();
  return (
    <ol class="noaber-steps" aria-label={t.signalProgress}>
      {([1, 2, 3] as Step[]).map((s) => (
        <li key={s} class={`noaber-steps__item${s === step ? ' noaber-steps__item--current' : ''}${s < step ? ' noaber-steps__item--done' : ''}`}
          aria-current={s === step ? 'step' : undefined}>
          <span class="noaber-steps__number">{fill(t.signalStepOf, { n: s, total: stepCount })}</span>
          <span class="noaber-steps__name">{stepTitle(t, s)}</span>
          {s < step && <span class="noaber-visually-hidden"> {t.signalStepDone}</span>}
        </li>
      ))}
    </ol>
  );
}

const messagesFor = (t: Strings, keys: Record<string, keyof Strings>): FormErrors => ({
  fields: Object.fromEntries(Object.entries(keys).map(([f, k]) => [f, { text: t[k] } as FieldMessage])),
  general: null,
});

/** /signalen/nieuw: a key figure reports a worry in three short steps. */
export function SignalNew() {
  const { t } = useI18n();
  useTitle(t.signalNewTitle);
  return <RoleGate role="keyfigure" title={t.signalNewTitle}>{(me) => <ReportForm me={me} />}</RoleGate>;
}

function ReportForm({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const online = useOnline();
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(me.phone ?? ''));
  const [step, setStep] = useState<Step>(1);
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<SignalReceipt | null>(null);
  const form = useFormErrors(allFields, idFor);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const found = usePostcodeNeighbourhood(draft.postcode, draft.where === 'postcode');
  const hoods = useNeighbourhoods(draft.where === 'neighbourhood');

  // After "Volgende" or "Vorige": focus the new step's heading, so screen
  // readers hear where they are (not on first load).
  useEffect(() => {
    if (!moved.current) return;
    heading.current?.focus();
    heading.current?.scrollIntoView?.({ block: 'start' });
  }, [step, receipt]);

  const set = <K extends keyof Draft>(name: K) => (value: Draft[K]) => setDraft((d) => ({ ...d, [name]: value }));

  function go(to: Step) {
    moved.current = true;
    form.clear();
    setStep(to);
  }

  function next(e: Event) {
    e.preventDefault();
    const problems = checkStep(step, draft);
    if (Object.keys(problems).length) return form.show(messagesFor(t, problems));
    go((step + 1) as Step);
  }

  async function send(e: Event) {
    e.preventDefault();
    if (busy) return;
    for (const s of [1, 2, 3] as Step[]) {
      const problems = checkStep(s, draft);
      if (Object.keys(problems).length) {
        if (s !== step) go(s);
        return form.show(messagesFor(t, problems));
      }
    }
    if (!navigator.onLine) return form.show({ fields: {}, general: t.signalOfflineSend });
    setBusy(true);
    try {
      const answer = await createSignal(toRequest(draft));
      moved.current = true;
      form.clear();
      setReceipt(answer);
    } catch (err) {
      const { errors, step: at } = serverErrors(err);
      if (at && at !== step) {
        moved.current = true;
        setStep(at);
      }
      form.show(errors);
    } finally {
      setBusy(false);
    }
  }

  function serverErrors(err: unknown): { errors: FormErrors; step: Step | null } {
    if (!(err instanceof ApiError)) return { errors: { fields: {}, general: t.signalOfflineSend }, step: null };
    if (err.status === 429) {
      return { errors: { fields: {}, general: fill(t.signalLimit, { wait: waitTime(t, err.retryAfter ?? 3600) }) }, step: null };
    }
    const fields: Record<string, FieldMessage> = {};
    const other: string[] = [];
    for (const p of err.invalidParams) {
      const name = p.name === 'postcode' || p.name === 'neighbourhoodId' ? (draft.where === 'postcode' ? 'postcode' : 'neighbourhoodId') : p.name;
      if (allFields.includes(name)) fields[name] ??= signalFieldMessage(t, lang, name, p.reason);
      else other.push(p.reason);
    }
    const first = allFields.find((f) => fields[f]);
    const general = err.invalidParams.length > 0 && other.length === 0 ? null : err.status >= 500 ? t.errServer : t.errFailed;
    return { errors: { fields, general }, step: first ? stepOf(first) : null };
  }

  if (receipt) return <Confirmation receipt={receipt} urgent={draft.urgency === 'urgent'} headingRef={heading} />;

  const err = form.errors.fields;
  const labels: [string, string][] = [
    ['postcode', t.signalFieldPostcode], ['neighbourhoodId', t.signalFieldNeighbourhood],
    ['identification', t.signalFieldIdentification], ['personKnows', t.signalPersonKnowsLegend],
    ['lifeDomains', t.signalStep2], ['urgency', t.signalUrgencyLegend],
    ['description', t.signalFieldDescription], ['callbackPhone', t.signalFieldCallback],
  ];
  const whereText = draft.where === 'postcode'
    ? `${draft.postcode.trim().toUpperCase()}${found.state === 'found' ? ` (${found.neighbourhood.name})` : ''}`
    : hoods.items?.find((h) => h.id === draft.neighbourhoodId)?.name ?? draft.neighbourhoodId;

  return (
    <>
      <h1 class="utrecht-heading-1">{t.signalNewTitle}</h1>
      {step === 1 && <p class="utrecht-paragraph">{t.signalNewIntro}</p>}
      <Progress step={step} />
      <ErrorSummary errors={form.errors} fields={labels} idFor={idFor} summaryRef={form.summaryRef} />
      <form class="noaber-form noaber-signal-form" noValidate onSubmit={step === 3 ? send : next}>
        <h2 ref={heading} tabIndex={-1} class="utrecht-heading-2 noaber-focus-heading">
          <span class="noaber-visually-hidden">{fill(t.signalStepOf, { n: step, total: stepCount })}: </span>
          {stepTitle(t, step)}
        </h2>

        {step === 1 && (
          <>
            <Choices id={idFor('where')} name="where" type="radio" legend={t.signalWhereLegend}
              selected={[draft.where]} onToggle={(v) => set('where')(v as Draft['where'])}
              choices={[{ value: 'postcode', title: t.signalWherePostcode }, { value: 'neighbourhood', title: t.signalWhereNeighbourhood }]} />
            {draft.where === 'postcode' ? (
              <>
                <TextField id={idFor('postcode')} label={t.signalFieldPostcode} hint={t.signalPostcodeHint} error={err.postcode}
                  describedBy={idFor('postcode-status')} value={draft.postcode} onValue={set('postcode')}
                  size="postcode" maxLength={7} autocomplete="off" />
                <p id={idFor('postcode-status')} role="status" class={`utrecht-paragraph noaber-neighbourhood noaber-neighbourhood--${found.state}`}>
                  {found.state === 'found' ? fill(t.signalPostcodeFound, { name: found.neighbourhood.name })
                    : found.state === 'looking' ? t.signalPostcodeLooking
                    : found.state === 'unknown' ? t.postcodeUnknown
                    : found.state === 'failed' ? t.signalPostcodeFailed : ''}
                </p>
              </>
            ) : (
              <FormField id={idFor('neighbourhoodId')} label={t.signalFieldNeighbourhood} error={err.neighbourhoodId}
                hint={hoods.failed ? t.signalNeighbourhoodsFailed : undefined}>
                {(link) => (
                  <select {...link} class="utrecht-select utrecht-select--html-select" value={draft.neighbourhoodId}
                    onChange={(e) => set('neighbourhoodId')(e.currentTarget.value)}>
                    <option value="">{hoods.items ? t.signalChooseNeighbourhood : t.loading}</option>
                    {groupByDistrict(hoods.items ?? []).map(([district, items]) => (
                      <optgroup key={district} label={district}>
                        {items.map((h) => <option key={h.id} value={h.id}>{h.name}</option>)}
                      </optgroup>
                    ))}
                  </select>
                )}
              </FormField>
            )}
            <TextField id={idFor('identification')} label={t.signalFieldIdentification} hint={t.signalIdentificationHint}
              error={err.identification} value={draft.identification} onValue={set('identification')}
              maxLength={limits.identification} autocomplete="off" />
            <Choices id={idFor('personKnows')} name="personKnows" type="radio" legend={t.signalPersonKnowsLegend}
              hint={t.signalPersonKnowsHint} error={err.personKnows} selected={[draft.personKnows]}
              onToggle={(v) => set('personKnows')(v as Draft['personKnows'])}
              choices={[{ value: 'yes', title: t.signalYes }, { value: 'no', title: t.signalNo }]} />
          </>
        )}

        {step === 2 && (
          <>
            <Choices id={idFor('lifeDomains')} name="lifeDomains" type="checkbox" grid legend={t.signalDomainsLegend}
              hint={t.signalDomainsHint} error={err.lifeDomains} selected={draft.lifeDomains}
              onToggle={(v, on) => set('lifeDomains')(on
                ? [...draft.lifeDomains, v as LifeDomain]
                : draft.lifeDomains.filter((x) => x !== v))}
              choices={lifeDomainOrder.map((d) => ({ value: d, title: t[domainKey(d)], hint: t[domainHintKey(d)], icon: <DomainIcon domain={d} /> }))} />
            <Choices id={idFor('urgency')} name="urgency" type="radio" legend={t.signalUrgencyLegend} error={err.urgency}
              selected={[draft.urgency]} onToggle={(v) => set('urgency')(v as Urgency)}
              choices={urgencyOrder.map((u) => ({ value: u, title: t[urgencyKey(u)], hint: t[`signalUrgencyHint_${u}`] }))} />
            {showsEmergency(draft.urgency) && <EmergencyBox />}
          </>
        )}

        {step === 3 && (
          <>
            <TextAreaField id={idFor('description')} label={t.signalFieldDescription} hint={t.signalDescriptionHint}
              error={err.description} value={draft.description} onValue={set('description')} max={limits.description} />
            <TextField id={idFor('callbackPhone')} label={t.signalFieldCallback} hint={t.signalCallbackHint}
              error={err.callbackPhone} value={draft.callbackPhone} onValue={set('callbackPhone')}
              type="tel" inputMode="tel" autocomplete="tel" maxLength={20} />
            <section class="noaber-card noaber-summary" aria-labelledby="signal-summary-title">
              <h3 id="signal-summary-title" class="noaber-summary__title">{t.signalSummaryTitle}</h3>
              <dl class="noaber-details">
                <dt>{t.signalSummaryWhere}</dt><dd>{whereText}</dd>
                <dt>{t.signalSummaryWho}</dt><dd>{draft.identification}</dd>
                <dt>{t.signalSummaryKnows}</dt><dd>{draft.personKnows === 'yes' ? t.signalYes : t.signalNo}</dd>
              </dl>
              <button type="button" class="utrecht-button utrecht-button--subtle noaber-link-button" onClick={() => go(1)}>
                {fill(t.signalChangeStep, { n: 1 })}
              </button>
              <dl class="noaber-details">
                <dt>{t.signalSummaryDomains}</dt><dd>{domainsText(t, lifeDomainOrder.filter((d) => draft.lifeDomains.includes(d)))}</dd>
                <dt>{t.signalSummaryUrgency}</dt><dd>{draft.urgency && t[urgencyKey(draft.urgency)]}</dd>
              </dl>
              <button type="button" class="utrecht-button utrecht-button--subtle noaber-link-button" onClick={() => go(2)}>
                {fill(t.signalChangeStep, { n: 2 })}
              </button>
            </section>
            {showsEmergency(draft.urgency) && <EmergencyBox />}
            {!online && <p class="utrecht-paragraph noaber-notice noaber-offline-note" role="status">{t.signalOffline}</p>}
          </>
        )}

        <div class="noaber-step-buttons">
          <button type="submit" class="utrecht-button utrecht-button--primary-action noaber-submit" aria-disabled={busy ? 'true' : undefined}>
            {step === 3 ? (busy ? t.signalSending : t.signalSend) : t.signalNext}
          </button>
          {step > 1 && (
            <button type="button" class="utrecht-button utrecht-button--secondary-action noaber-submit" onClick={() => go((step - 1) as Step)}>
              {t.signalBack}
            </button>
          )}
        </div>
      </form>
    </>
  );
}

function groupByDistrict(items: NeighbourhoodOption[]): [string, NeighbourhoodOption[]][] {
  const groups = new Map<string, NeighbourhoodOption[]>();
  for (const h of items) groups.set(h.district, [...(groups.get(h.district) ?? []), h]);
  return [...groups];
}

function Confirmation({ receipt, urgent, headingRef }: {
  receipt: SignalReceipt; urgent: boolean; headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t, lang } = useI18n();
  const promise = lang === 'en' ? receipt.promise.textEn || receipt.promise.text : receipt.promise.text;
  return (
    <>
      <h1 ref={headingRef} tabIndex={-1} class="utrecht-heading-1 noaber-focus-heading">{t.signalSentTitle}</h1>
      <p class="utrecht-paragraph noaber-promise">{promise}</p>
      {(receipt.emergency || urgent) && <EmergencyBox emergency={receipt.emergency} />}
      <p class="utrecht-paragraph">{t.signalSentThanks}</p>
      <p class="utrecht-paragraph">{t.signalSentNext}</p>
      <ul class="noaber-link-list">
        <li><a class="utrecht-link noaber-action-link" href={`/mijn-signalen/${encodeURIComponent(receipt.id)}`}>{t.signalViewThis}</a></li>
        <li><a class="utrecht-link noaber-action-link" href="/mijn-signalen">{t.navMySignals}</a></li>
      </ul>
    </>
  );
}

