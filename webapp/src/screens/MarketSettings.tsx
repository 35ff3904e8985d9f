import { useEffect, useState } from 'preact/hooks';
import { endPause, getPause, listBlocks, reciprocity, setPause, unblockUser, type Block, type Pause, type Reciprocity } from '../api/market';
import { FormField } from '../components/FormField';
import { MonthChart } from '../components/market/MonthChart';
import { SignedIn } from '../components/market/SignedIn';
import { useCategories } from '../components/market/useCategories';
import { useTitle } from '../components/useTitle';
import { fill } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { categoryLabel, dateToRfc3339, formatDate } from '../market/format';

/** /geven-en-nemen: how often I helped and was helped, per month, and a friendly nudge when I mostly received. */
export function GiveAndTake() {
  const { t } = useI18n();
  useTitle(t.reciprocityTitle);
  return <SignedIn>{() => <GiveAndTakeView />}</SignedIn>;
}

function GiveAndTakeView() {
  const { t, lang } = useI18n();
  const { categories } = useCategories();
  const [r, setR] = useState<Reciprocity | null | 'failed'>(null);
  useEffect(() => {
    reciprocity().then(setR, () => setR('failed'));
  }, []);
  const nf = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 });
  return (
    <>
      <h1 class="utrecht-heading-1">{t.reciprocityTitle}</h1>
      <p class="utrecht-paragraph">{t.reciprocityIntro}</p>
      {r === null && <p class="utrecht-paragraph">{t.loading}</p>}
      {r === 'failed' && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.marketLoadFailed}</p>}
      {r && r !== 'failed' && (
        <>
          <p class="utrecht-paragraph noaber-reciprocity-summary">
            {fill(t.reciprocitySummary, { given: r.given.count, received: r.received.count })}
          </p>
          {(r.given.hours > 0 || r.received.hours > 0) && (
            <p class="utrecht-paragraph">{fill(t.reciprocityHours, { hours: nf.format(r.given.hours) })}</p>
          )}
          {r.inviteToGive && (
            <div class="noaber-card noaber-invite">
              <h2 class="utrecht-heading-2">{t.inviteTitle}</h2>
              <p class="utrecht-paragraph">{t.inviteText}</p>
              <p class="utrecht-paragraph">
                <a href="/vragen/nieuw?soort=aanbod" class="utrecht-button utrecht-button--secondary-action noaber-button-link">{t.marketOfferHelp}</a>
              </p>
              <p class="utrecht-paragraph">{t.inviteNeverBlocks}</p>
            </div>
          )}
          <section class="noaber-section" aria-labelledby="by-month-title">
            <h2 id="by-month-title" class="utrecht-heading-2">{t.reciprocityByMonth}</h2>
            <MonthChart months={r.byMonth} />
          </section>
          {r.byCategory.length > 0 && (
            <section class="noaber-section" aria-labelledby="by-category-title">
              <h2 id="by-category-title" class="utrecht-heading-2">{t.reciprocityByCategory}</h2>
              <table class="noaber-table noaber-table--fit">
                <thead><tr><th scope="col">{t.marketFieldCategory}</th><th scope="col">{t.reciprocityGiven}</th><th scope="col">{t.reciprocityReceived}</th></tr></thead>
                <tbody>
                  {r.byCategory.map((c) => (
                    <tr key={c.category}><th scope="row">{categoryLabel(lang, categories, c.category)}</th><td>{c.given}</td><td>{c.received}</td></tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </>
      )}
    </>
  );
}

/** /vakantiestand: pause my offers and suggestions for a while. */
export function PauseScreen() {
  const { t } = useI18n();
  useTitle(t.pauseTitle);
  return <SignedIn>{() => <PauseView />}</SignedIn>;
}

function PauseView() {
  const { t, lang } = useI18n();
  const [p, setP] = useState<Pause | null | 'failed'>(null);
  const [until, setUntil] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getPause().then(setP, () => setP('failed'));
  }, []);
  const run = async (fn: () => Promise<Pause>, done: string) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      setP(await fn());
      setMessage(done);
    } catch {
      setError(t.errFailed);
    } finally {
      setBusy(false);
    }
  };
  const start = (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (until && !dateToRfc3339(until)) return setError(t.postErrDate);
    void run(() => setPause(until ? dateToRfc3339(until) : null), t.pauseOnDone);
  };
  const stop = () => !busy && run(async () => {
    await endPause();
    return { paused: false, since: null, until: null };
  }, t.pauseOffDone);
  return (
    <>
      <h1 class="utrecht-heading-1">{t.pauseTitle}</h1>
      <p class="utrecht-paragraph">{t.pauseIntro}</p>
      {p === null && <p class="utrecht-paragraph">{t.loading}</p>}
      {p === 'failed' && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.marketLoadFailed}</p>}
      {message && <p role="status" class="utrecht-paragraph noaber-promise">{message}</p>}
      {error && <p role="alert" class="utrecht-paragraph noaber-error-text">{error}</p>}
      {p && p !== 'failed' && (p.paused ? (
        <>
          <p class="utrecht-paragraph noaber-notice">
            {p.until ? fill(t.pauseOnUntil, { date: formatDate(lang, p.until) }) : t.pauseOn}
          </p>
          <button type="button" class="utrecht-button utrecht-button--primary-action noaber-submit" aria-disabled={busy ? 'true' : undefined} onClick={stop}>
            {t.pauseStop}
          </button>
        </>
      ) : (
        <form class="noaber-form" noValidate onSubmit={start}>
          <p class="utrecht-paragraph">{t.pauseOff}</p>
          <FormField id="pause-until" label={t.pauseUntilField} hint={t.pauseUntilHint}>
            {(link) => (
              <input {...link} type="date" class="utrecht-textbox utrecht-textbox--html-input noaber-textbox--date" value={until}
                onInput={(e) => setUntil(e.currentTarget.value)} />
            )}
          </FormField>
          <button type="submit" class="utrecht-button utrecht-button--primary-action noaber-submit" aria-disabled={busy ? 'true' : undefined}>
            {t.pauseStart}
          </button>
        </form>
      ))}
    </>
  );
}

/** /geblokkeerd: the people I blocked, and unblocking them. */
export function Blocked() {
  const { t } = useI18n();
  useTitle(t.blockedTitle);
  return <SignedIn>{() => <BlockedView />}</SignedIn>;
}

function BlockedView() {
  const { t } = useI18n();
  const [items, setItems] = useState<Block[] | null | 'failed'>(null);
  const [message, setMessage] = useState<string | null>(null);
  const load = () => listBlocks().then((p) => setItems(p.items), () => setItems('failed'));
  useEffect(() => void load(), []); // eslint-disable-line react-hooks/exhaustive-deps
  const unblock = async (b: Block) => {
    try {
      await unblockUser(b.user.id);
      setMessage(fill(t.unblockDone, { name: b.user.displayName }));
      void load();
    } catch {
      setMessage(t.errFailed);
    }
  };
  return (
    <>
      <h1 class="utrecht-heading-1">{t.blockedTitle}</h1>
      <p class="utrecht-paragraph">{t.blockedIntro}</p>
      {message && <p role="status" class="utrecht-paragraph noaber-notice">{message}</p>}
      {items === null && <p class="utrecht-paragraph">{t.loading}</p>}
      {items === 'failed' && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.marketLoadFailed}</p>}
      {Array.isArray(items) && items.length === 0 && <p class="utrecht-paragraph">{t.blockedEmpty}</p>}
      {Array.isArray(items) && items.length > 0 && (
        <ul class="noaber-conversation-list" aria-label={t.blockedTitle}>
          {items.map((b) => (
            <li key={b.user.id} class="noaber-conversation-list__item">
              <p class="noaber-conversation-list__who">{b.user.displayName}
                {b.user.neighbourhood && <span class="noaber-muted"> · {b.user.neighbourhood.name}</span>}</p>
              <button type="button" class="utrecht-button utrecht-button--secondary-action noaber-submit" onClick={() => unblock(b)}>
                {fill(t.unblockButton, { name: b.user.displayName })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
