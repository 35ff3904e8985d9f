import { useRoute } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { getModerationNotice, getReport, type ModerationNotice, type Report } from '../api/moderation';
import { ApiError } from '../api/problem';
import { SignedIn } from '../components/market/SignedIn';
import { noticeText, outcomeText, reasonText } from '../components/moderation/labels';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';
import type { StringKey } from '../i18n/strings';
import { formatDateTime } from '../market/format';

type Load<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'missing' } | { state: 'failed' };

function useLoad<T>(fetch: () => Promise<T>, dep: string): Load<T> {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  useEffect(() => {
    setLoad({ state: 'loading' });
    fetch().then((value) => setLoad({ state: 'ok', value }),
      (err) => setLoad(err instanceof ApiError && [403, 404].includes(err.status) ? { state: 'missing' } : { state: 'failed' }));
  }, [dep]); // eslint-disable-line react-hooks/exhaustive-deps
  return load;
}

/** /mijn-meldingen/:id: what happened with my report. Never the moderator's reason. */
export function MyReport() {
  const { t } = useI18n();
  const { params } = useRoute();
  useTitle(t.myReportTitle);
  return <SignedIn>{() => <MyReportView id={params.id} />}</SignedIn>;
}

function MyReportView({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const load = useLoad(() => getReport(id), id);
  const title = <h1 class="utrecht-heading-1">{t.myReportTitle}</h1>;
  if (load.state !== 'ok') return <>{title}<LoadState state={load.state} missing={t.myReportMissing} /></>;
  const r: Report = load.value;
  return (
    <>
      {title}
      <p class="utrecht-paragraph">{t[`myReportAbout_${r.subject.type}` as StringKey]}</p>
      <dl class="noaber-details">
        <dt>{t.myReportReason}</dt><dd>{reasonText(t, r.reason)}</dd>
        {r.note && (<><dt>{t.myReportNote}</dt><dd class="noaber-pre">{r.note}</dd></>)}
        <dt>{t.myReportSent}</dt><dd><time dateTime={r.createdAt}>{formatDateTime(lang, r.createdAt)}</time></dd>
        {r.outcome && (
          <>
            <dt>{t.myReportDecidedAt}</dt>
            <dd><time dateTime={r.outcome.decidedAt}>{formatDateTime(lang, r.outcome.decidedAt)}</time></dd>
          </>
        )}
      </dl>
      <section class="noaber-section" aria-labelledby="outcome-title">
        <h2 id="outcome-title" class="utrecht-heading-2">{t.myReportOutcome}</h2>
        <p class="utrecht-paragraph noaber-notice noaber-report-outcome">{r.outcome ? outcomeText(t, r.outcome.action) : t.myReportOpen}</p>
        {r.outcome && <p class="utrecht-paragraph">{t.myReportThanks}</p>}
      </section>
      <p class="utrecht-paragraph"><a class="utrecht-link noaber-action-link" href="/notificaties">{t.inboxTitle}</a></p>
    </>
  );
}

/** /moderatie-berichten/:id: a moderator's decision about me and their message. */
export function ModerationNoticePage() {
  const { t } = useI18n();
  const { params } = useRoute();
  useTitle(t.noticeTitle);
  return <SignedIn>{() => <NoticeView id={params.id} />}</SignedIn>;
}

function NoticeView({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const load = useLoad(() => getModerationNotice(id), id);
  const title = <h1 class="utrecht-heading-1">{t.noticeTitle}</h1>;
  if (load.state !== 'ok') return <>{title}<LoadState state={load.state} missing={t.noticeMissing} /></>;
  const n: ModerationNotice = load.value;
  return (
    <>
      {title}
      <p class="utrecht-paragraph noaber-notice">{noticeText(t, n.action, n.subjectType)}</p>
      <p class="utrecht-paragraph noaber-muted"><time dateTime={n.createdAt}>{formatDateTime(lang, n.createdAt)}</time></p>
      {n.messageToUser && (
        <section class="noaber-section" aria-labelledby="notice-message">
          <h2 id="notice-message" class="utrecht-heading-2">{t.noticeMessage}</h2>
          <blockquote class="noaber-quote"><p class="utrecht-paragraph noaber-pre">{n.messageToUser}</p></blockquote>
        </section>
      )}
      <p class="utrecht-paragraph">{t.noticeRules}</p>
      <ul class="noaber-link-list">
        {n.subjectType === 'post' && n.action !== 'suspend' && (
          <li><a class="utrecht-link noaber-action-link" href="/mijn-vragen">{t.noticeViewPost}</a></li>
        )}
        <li><a class="utrecht-link noaber-action-link" href="/notificaties">{t.inboxTitle}</a></li>
      </ul>
    </>
  );
}

function LoadState({ state, missing }: { state: 'loading' | 'missing' | 'failed'; missing: string }) {
  const { t } = useI18n();
  if (state === 'loading') return <p class="utrecht-paragraph">{t.loading}</p>;
  return <p role="alert" class="utrecht-paragraph noaber-error-text">{state === 'missing' ? missing : t.marketLoadFailed}</p>;
}
