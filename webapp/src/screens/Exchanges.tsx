import { useRoute } from 'preact-iso';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  answerCompletion, cancelExchange, getExchange, listExchanges, reasonMax, thankExchange, thanksMax, type Exchange,
} from '../api/market';
import { ApiError } from '../api/problem';
import { FormField } from '../components/FormField';
import { SignedIn } from '../components/market/SignedIn';
import { Choices } from '../components/signals/Choices';
import { TextAreaField } from '../components/signals/TextAreaField';
import { usePagedList } from '../components/usePagedList';
import { useTitle } from '../components/useTitle';
import { fill } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import type { FieldMessage } from '../i18n/problems';
import { exchangeStatusKey, formatDate, formatDateTime, parseDecimal } from '../market/format';
import { MoreButton } from '../components/MoreButton';

const other = (x: Exchange) => (x.role === 'helper' ? x.receiver : x.helper);

/** /afspraken: my exchanges, newest first. */
export function Exchanges() {
  const { t } = useI18n();
  useTitle(t.exchangesTitle);
  return <SignedIn>{() => <ExchangeList />}</SignedIn>;
}

function ExchangeList() {
  const { t } = useI18n();
  const list = usePagedList<Exchange, HTMLAnchorElement>((cursor) => listExchanges(cursor));
  useEffect(() => void list.load(null), []); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <>
      <h1 class="utrecht-heading-1">{t.exchangesTitle}</h1>
      <p class="utrecht-paragraph">{t.exchangesIntro}</p>
      {list.error !== null && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.marketLoadFailed}</p>}
      {list.items === null && list.error === null && <p class="utrecht-paragraph">{t.loading}</p>}
      {list.items?.length === 0 && <p class="utrecht-paragraph">{t.exchangesEmpty}</p>}
      {list.items && list.items.length > 0 && (
        <ul class="noaber-conversation-list" aria-label={t.exchangesTitle}>
          {list.items.map((x, i) => (
            <li key={x.id} class="noaber-conversation-list__item">
              <a ref={list.isFirstNew(i) ? list.firstNew : undefined} class="utrecht-link noaber-conversation-list__link" href={`/afspraken/${encodeURIComponent(x.id)}`}>{x.post.title}</a>
              <p class="noaber-conversation-list__post">
                {fill(x.role === 'helper' ? t.exchangeYouHelp : t.exchangeHelpsYou, { name: other(x).displayName })}
              </p>
              <p><span class={`noaber-badge noaber-badge--exchange-${x.status}`}>{t[exchangeStatusKey(x.status)]}</span></p>
              {x.status === 'agreed' && x.myAnswer === null && Date.parse(x.checkAt) <= Date.now() && (
                <p class="noaber-notice">{t.exchangeAskCheck}</p>
              )}
            </li>
          ))}
        </ul>
      )}
      <MoreButton list={list} />
    </>
  );
}

/** /afspraken/:id: one exchange: did it happen, cancel it, and the thank-you note. */
export function ExchangePage() {
  const { t } = useI18n();
  const { params } = useRoute();
  useTitle(t.exchangeTitle);
  return <SignedIn>{() => <ExchangeView id={params.id} />}</SignedIn>;
}

function ExchangeView({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const [x, setX] = useState<Exchange | null | 'missing' | 'failed'>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    getExchange(id).then(setX, (err) => setX(err instanceof ApiError && err.status === 404 ? 'missing' : 'failed'));
  }, [id]);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  if (x === 'missing' || x === 'failed' || x === null) {
    return (
      <>
        <h1 class="utrecht-heading-1">{t.exchangeTitle}</h1>
        {x === null ? <p class="utrecht-paragraph">{t.loading}</p>
          : <p role="alert" class="utrecht-paragraph noaber-error-text">{x === 'missing' ? t.exchangeNotFound : t.marketLoadFailed}</p>}
        <p class="utrecht-paragraph"><a class="utrecht-link noaber-action-link" href="/afspraken">{t.exchangesBack}</a></p>
      </>
    );
  }
  const updated = (next: Exchange, message: string) => {
    setX(next);
    setNotice(message);
  };
  const them = other(x);
  return (
    <>
      <h1 class="utrecht-heading-1">{x.post.title}</h1>
      <p class="utrecht-paragraph noaber-status-line">
        {t.exchangeStatusLabel}: <strong>{t[exchangeStatusKey(x.status)]}</strong>
      </p>
      {notice && <p ref={noticeRef} tabIndex={-1} role="status" class="utrecht-paragraph noaber-promise noaber-focus-heading">{notice}</p>}
      <dl class="noaber-details">
        <dt>{t.exchangeHelper}</dt><dd>{x.role === 'helper' ? t.marketByYou : x.helper.displayName}</dd>
        <dt>{t.exchangeReceiver}</dt><dd>{x.role === 'receiver' ? t.marketByYou : x.receiver.displayName}</dd>
        {x.momentAt && (<><dt>{t.marketWhen}</dt><dd>{formatDateTime(lang, x.momentAt)}</dd></>)}
        <dt>{t.exchangeAgreedOn}</dt><dd><time dateTime={x.createdAt}>{formatDate(lang, x.createdAt)}</time></dd>
        {x.hours !== null && (<><dt>{t.exchangeHours}</dt><dd>{new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'nl-NL').format(x.hours)}</dd></>)}
        {x.cancelReason && (<><dt>{t.exchangeCancelReason}</dt><dd class="noaber-pre">{x.cancelReason}</dd></>)}
      </dl>
      <ul class="noaber-link-list">
        <li><a class="utrecht-link noaber-action-link" href={`/gesprekken/${encodeURIComponent(x.conversationId)}`}>
          {fill(t.exchangeToConversation, { name: them.displayName })}</a></li>
        <li><a class="utrecht-link noaber-action-link" href={`/vragen/${encodeURIComponent(x.post.id)}`}>{t.exchangeToPost}</a></li>
      </ul>
      {x.status === 'agreed' && x.myAnswer === null && <CompletionForm x={x} onDone={updated} />}
      {x.status === 'agreed' && x.myAnswer !== null && (
        <p class="utrecht-paragraph noaber-notice">{fill(t.exchangeWaitingOther, { name: them.displayName })}</p>
      )}
      {x.thanks && (
        <section class="noaber-section" aria-labelledby="thanks-title">
          <h2 id="thanks-title" class="utrecht-heading-2">{x.role === 'helper' ? fill(t.thanksFrom, { name: x.receiver.displayName }) : t.thanksYours}</h2>
          <blockquote class="noaber-thanks"><p class="utrecht-paragraph noaber-pre">{x.thanks}</p></blockquote>
        </section>
      )}
      {x.status === 'completed' && x.role === 'receiver' && !x.thanks && <ThanksForm x={x} onDone={updated} />}
      {x.status === 'agreed' && <CancelForm x={x} onDone={updated} />}
      <p class="utrecht-paragraph"><a class="utrecht-link noaber-action-link" href="/afspraken">{t.exchangesBack}</a></p>
    </>
  );
}

type Done = (x: Exchange, message: string) => void;

function conflictOr(t: ReturnType<typeof useI18n>['t'], err: unknown) {
  if (err instanceof ApiError && err.status === 409) return t.exchangeConflict;
  return err instanceof ApiError ? t.errFailed : t.errNetwork;
}

function CompletionForm({ x, onDone }: { x: Exchange; onDone: Done }) {
  const { t } = useI18n();
  const [happened, setHappened] = useState<'' | 'yes' | 'no'>('');
  const [hours, setHours] = useState('');
  const [errors, setErrors] = useState<Record<string, FieldMessage>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const errs: Record<string, FieldMessage> = {};
    if (!happened) errs.happened = { text: t.exchangeErrChoose };
    const h = parseDecimal(hours);
    if (hours.trim() && (Number.isNaN(h) || h < 0.5 || h > 24)) errs.hours = { text: t.exchangeErrHours };
    setErrors(errs);
    const first = Object.keys(errs)[0];
    if (first) return document.getElementById(first === 'happened' ? 'completion-happened' : 'completion-hours')?.focus();
    setBusy(true);
    setGeneral(null);
    try {
      const helperHours = x.role === 'helper' && happened === 'yes' && hours.trim() ? h : null;
      const next = await answerCompletion(x.id, happened === 'yes', helperHours);
      onDone(next, happened === 'yes' ? t.exchangeAnsweredYes : t.exchangeAnsweredNo);
    } catch (err) {
      setGeneral(conflictOr(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="noaber-section" aria-labelledby="completion-title">
      <h2 id="completion-title" class="utrecht-heading-2">{t.exchangeCheckTitle}</h2>
      <form class="noaber-form" noValidate onSubmit={submit}>
        <Choices id="completion-happened" name="happened" type="radio" legend={t.exchangeCheckLegend} error={errors.happened}
          selected={[happened]} onToggle={(v) => setHappened(v as 'yes' | 'no')}
          choices={[{ value: 'yes', title: t.exchangeCheckYes }, { value: 'no', title: t.exchangeCheckNo }]} />
        {x.role === 'helper' && happened === 'yes' && (
          <FormField id="completion-hours" label={t.exchangeHoursField} hint={t.exchangeHoursHint} error={errors.hours}>
            {(link) => (
              <input {...link} type="text" inputMode="decimal" class="utrecht-textbox utrecht-textbox--html-input noaber-textbox--number"
                value={hours} onInput={(e) => setHours(e.currentTarget.value)} />
            )}
          </FormField>
        )}
        {general && <p role="alert" class="utrecht-paragraph noaber-error-text">{general}</p>}
        <button type="submit" class="utrecht-button utrecht-button--primary-action noaber-submit" aria-disabled={busy ? 'true' : undefined}>
          {t.exchangeCheckSend}
        </button>
      </form>
    </section>
  );
}

function ThanksForm({ x, onDone }: { x: Exchange; onDone: Done }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [error, setError] = useState<FieldMessage | undefined>();
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const body = text.trim();
    const err = !body ? { text: t.errRequired } : body.length > thanksMax ? { text: fill(t.postErrTooLong, { max: thanksMax }) } : undefined;
    setError(err);
    if (err) return document.getElementById('thanks-message')?.focus();
    setBusy(true);
    setGeneral(null);
    try {
      onDone(await thankExchange(x.id, body), t.thanksSent);
    } catch (e2) {
      setGeneral(conflictOr(t, e2));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="noaber-section" aria-labelledby="thanks-form-title">
      <h2 id="thanks-form-title" class="utrecht-heading-2">{fill(t.thanksTitle, { name: x.helper.displayName })}</h2>
      <p class="utrecht-paragraph">{fill(t.thanksIntro, { name: x.helper.displayName })}</p>
      <form class="noaber-form" noValidate onSubmit={submit}>
        <TextAreaField id="thanks-message" label={t.thanksField} hint={t.thanksHint} error={error} value={text} onValue={setText}
          max={thanksMax} rows={3} />
        {general && <p role="alert" class="utrecht-paragraph noaber-error-text">{general}</p>}
        <button type="submit" class="utrecht-button utrecht-button--primary-action noaber-submit" aria-disabled={busy ? 'true' : undefined}>
          {t.thanksSend}
        </button>
      </form>
    </section>
  );
}

function CancelForm({ x, onDone }: { x: Exchange; onDone: Done }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<FieldMessage | undefined>();
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (open) ref.current?.focus();
  }, [open]);
  if (!open) {
    return (
      <p class="utrecht-paragraph">
        <button type="button" class="utrecht-button utrecht-button--secondary-action noaber-submit" onClick={() => setOpen(true)}>
          {t.cancelButton}
        </button>
      </p>
    );
  }
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (reason.length > reasonMax) {
      setError({ text: fill(t.postErrTooLong, { max: reasonMax }) });
      return document.getElementById('cancel-reason')?.focus();
    }
    setBusy(true);
    setGeneral(null);
    try {
      onDone(await cancelExchange(x.id, reason), t.cancelDone);
    } catch (err) {
      setGeneral(conflictOr(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="noaber-section noaber-card" aria-labelledby="cancel-title">
      <h2 id="cancel-title" ref={ref} tabIndex={-1} class="utrecht-heading-2 noaber-focus-heading">{t.cancelTitle}</h2>
      <form class="noaber-form" noValidate onSubmit={submit}>
        <TextAreaField id="cancel-reason" label={t.cancelReasonField} hint={t.cancelReasonHint} error={error} value={reason}
          onValue={setReason} max={reasonMax} rows={3} />
        {general && <p role="alert" class="utrecht-paragraph noaber-error-text">{general}</p>}
        <div class="noaber-actions">
          <button type="submit" class="utrecht-button utrecht-button--primary-action noaber-submit noaber-danger" aria-disabled={busy ? 'true' : undefined}>
            {t.cancelYes}
          </button>
          <button type="button" class="utrecht-button utrecht-button--secondary-action noaber-submit" onClick={() => setOpen(false)}>
            {t.cancelNo}
          </button>
        </div>
      </form>
    </section>
  );
}
