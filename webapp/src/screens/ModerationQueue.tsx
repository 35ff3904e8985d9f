import { useLocation, useRoute } from 'preact-iso';
import { useEffect, useRef, useState } from 'preact/hooks';
import { newKey } from '../api/market';
import {
  actionsNow, decideReport, decisionMax, getReport, listReports, type ModerationAction, type Report, type ReportStatus,
} from '../api/moderation';
import { ApiError } from '../api/problem';
import { actionHint, actionText, flagsText, reasonText, subjectText } from '../components/moderation/labels';
import { ProGate } from '../components/moderation/ProGate';
import { Choices } from '../components/signals/Choices';
import { TextAreaField } from '../components/signals/TextAreaField';
import { usePagedList } from '../components/usePagedList';
import { useTitle } from '../components/useTitle';
import { fill } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import type { FieldMessage } from '../i18n/problems';
import { formatDateTime } from '../market/format';
import { MoreButton } from '../components/MoreButton';

/** /makelaar/meldingen (?status=afgehandeld): reports in my areas, oldest first. */
export function ModerationQueue() {
  const { t } = useI18n();
  useTitle(t.moderationTitle);
  return <ProGate title={t.moderationTitle}>{() => <Queue />}</ProGate>;
}

/** What a report is about, in a few words: the post's title, else the text or the person. */
function subjectLine(t: ReturnType<typeof useI18n>['t'], r: Report): string {
  const s = r.subject.summary;
  const what = s?.title || s?.text || s?.person?.displayName || t.moderationNoTitle;
  return what.length > 80 ? `${what.slice(0, 77)}…` : what;
}

function Queue() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const status: ReportStatus = query.status === 'afgehandeld' ? 'decided' : 'open';
  const list = usePagedList<Report, HTMLAnchorElement>((cursor) => listReports({ status, cursor }));
  useEffect(() => void list.load(null), [status]); // eslint-disable-line react-hooks/exhaustive-deps
  const tab = (value: ReportStatus, href: string, label: string) => (
    <li><a class="utrecht-link noaber-action-link noaber-tabs__link" href={href} aria-current={status === value ? 'page' : undefined}>{label}</a></li>
  );
  return (
    <>
      <h1 class="utrecht-heading-1">{t.moderationTitle}</h1>
      <p class="utrecht-paragraph">{t.moderationIntro}</p>
      <nav aria-label={t.moderationTabsLabel}>
        <ul class="noaber-tabs">
          {tab('open', '/makelaar/meldingen', t.moderationTabOpen)}
          {tab('decided', '/makelaar/meldingen?status=afgehandeld', t.moderationTabDecided)}
        </ul>
      </nav>
      {list.error !== null && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.moderationFailed}</p>}
      {list.items === null && list.error === null && <p class="utrecht-paragraph">{t.loading}</p>}
      {list.items?.length === 0 && <p class="utrecht-paragraph">{status === 'open' ? t.moderationEmptyOpen : t.moderationEmptyDecided}</p>}
      {list.items && list.items.length > 0 && (
        <ul class="noaber-report-list" aria-label={status === 'open' ? t.moderationTabOpen : t.moderationTabDecided}>
          {list.items.map((r, i) => (
            <li key={r.id} class={`noaber-report-list__item${r.automatic ? ' noaber-report-list__item--auto' : ''}`}>
              <p class="noaber-report-list__kind">
                <span class="noaber-badge">{subjectText(t, r.subject.type)}</span>
                {r.subject.summary?.hidden && <span class="noaber-badge noaber-badge--muted">{t.moderationHidden}</span>}
                {r.subject.summary?.suspended && <span class="noaber-badge noaber-badge--muted">{t.moderationSuspended}</span>}
              </p>
              <a ref={list.isFirstNew(i) ? list.firstNew : undefined} class="utrecht-link noaber-report-list__link"
                href={`/makelaar/meldingen/${encodeURIComponent(r.id)}`}>
                <span class="noaber-visually-hidden">{fill(t.moderationOpen, { title: '' })}</span>{subjectLine(t, r)}
              </a>
              {r.automatic && r.flags.length > 0 && (
                <p class="utrecht-paragraph noaber-report-list__flags">{fill(t.moderationAuto, { flags: flagsText(t, r.flags) })}</p>
              )}
              <dl class="noaber-details">
                {!r.automatic && (<><dt>{t.moderationReason}</dt><dd>{reasonText(t, r.reason)}</dd></>)}
                {r.subject.summary?.person && (<><dt>{t.moderationWho}</dt><dd>{r.subject.summary.person.displayName}</dd></>)}
                {r.subject.summary?.neighbourhood && (<><dt>{t.moderationWhere}</dt><dd>{r.subject.summary.neighbourhood.name}</dd></>)}
                <dt>{t.moderationWhen}</dt><dd><time dateTime={r.createdAt}>{formatDateTime(lang, r.createdAt)}</time></dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
      <MoreButton list={list} />
    </>
  );
}

/** /makelaar/meldingen/:id: one report, the subject, earlier decisions and the decision form. */
export function ModerationReport() {
  const { t } = useI18n();
  const { params } = useRoute();
  useTitle(t.moderationTitle);
  return <ProGate title={t.moderationTitle}>{() => <ReportView id={params.id} />}</ProGate>;
}

type Load = { state: 'loading' } | { state: 'ok'; report: Report } | { state: 'missing' } | { state: 'failed' };

function ReportView({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    getReport(id).then((report) => setLoad({ state: 'ok', report }),
      (err) => setLoad(err instanceof ApiError && [403, 404].includes(err.status) ? { state: 'missing' } : { state: 'failed' }));
  }, [id]);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const back = <p class="utrecht-paragraph"><a class="utrecht-link noaber-action-link" href="/makelaar/meldingen">{t.moderationBack}</a></p>;
  if (load.state !== 'ok') {
    return (
      <>
        <h1 class="utrecht-heading-1">{t.moderationTitle}</h1>
        {load.state === 'loading' ? <p class="utrecht-paragraph">{t.loading}</p>
          : <p role="alert" class="utrecht-paragraph noaber-error-text">{load.state === 'missing' ? t.moderationReportMissing : t.moderationFailed}</p>}
        {back}
      </>
    );
  }
  const r = load.report;
  const s = r.subject.summary;
  return (
    <>
      <h1 class="utrecht-heading-1">{fill(t.moderationReportTitle, { what: subjectText(t, r.subject.type).toLocaleLowerCase() })}</h1>
      {done && <p ref={doneRef} tabIndex={-1} role="status" class="utrecht-paragraph noaber-notice noaber-focus-heading">{done}</p>}
      {r.automatic && r.flags.length > 0 && (
        <p class="utrecht-paragraph noaber-notice">{fill(t.moderationAuto, { flags: flagsText(t, r.flags) })}</p>
      )}
      <dl class="noaber-details">
        <dt>{t.moderationReason}</dt><dd>{reasonText(t, r.reason)}</dd>
        <dt>{t.moderationReporter}</dt><dd>{r.automatic ? t.moderationReporterAuto : r.reporter?.displayName ?? '—'}</dd>
        <dt>{t.moderationWhen}</dt><dd><time dateTime={r.createdAt}>{formatDateTime(lang, r.createdAt)}</time></dd>
        {r.note && (<><dt>{t.moderationNote}</dt><dd class="noaber-pre">{r.note}</dd></>)}
      </dl>
      <section class="noaber-section" aria-labelledby="subject-title">
        <h2 id="subject-title" class="utrecht-heading-2">{t.moderationSubjectTitle}</h2>
        <div class="noaber-card noaber-report-subject">
          <p class="noaber-report-list__kind">
            <span class="noaber-badge">{subjectText(t, r.subject.type)}</span>
            {s?.hidden && <span class="noaber-badge noaber-badge--muted">{t.moderationHidden}</span>}
            {s?.suspended && <span class="noaber-badge noaber-badge--muted">{t.moderationSuspended}</span>}
          </p>
          {s?.title && <p class="utrecht-paragraph noaber-report-subject__title">{s.title}</p>}
          {s?.text && <p class="utrecht-paragraph noaber-pre noaber-report-subject__text">{s.text}</p>}
          <dl class="noaber-details">
            {s?.person && (<><dt>{t.moderationWho}</dt><dd>{s.person.displayName}</dd></>)}
            {s?.neighbourhood && (<><dt>{t.moderationWhere}</dt><dd>{s.neighbourhood.name}</dd></>)}
          </dl>
        </div>
      </section>
      {r.decisions && r.decisions.length > 0 && (
        <section class="noaber-section" aria-labelledby="history-title">
          <h2 id="history-title" class="utrecht-heading-2">{t.moderationHistoryTitle}</h2>
          <ol class="noaber-decision-list">
            {r.decisions.map((d) => (
              <li key={d.id} class="noaber-decision-list__item">
                <p class="utrecht-paragraph noaber-decision-list__what">
                  {fill(t.moderationHistoryBy, { action: actionText(t, d.action), name: d.moderator?.displayName ?? '—' })}
                  {' · '}<time dateTime={d.createdAt}>{formatDateTime(lang, d.createdAt)}</time>
                </p>
                <p class="utrecht-paragraph noaber-pre">{d.reason}</p>
                {d.messageToUser && <p class="utrecht-paragraph noaber-pre noaber-muted">{t.moderationMessageLabel}: {d.messageToUser}</p>}
              </li>
            ))}
          </ol>
        </section>
      )}
      <DecisionForm report={r} onDone={(next, action) => {
        setLoad({ state: 'ok', report: next });
        setDone(fill(t.moderationDecided, { action: actionText(t, action).toLocaleLowerCase() }));
      }} />
      {back}
    </>
  );
}

const formId = (name: string) => `decision-${name}`;

function DecisionForm({ report, onDone }: { report: Report; onDone: (r: Report, a: ModerationAction) => void }) {
  const { t } = useI18n();
  const actions = actionsNow(report.subject);
  const [action, setAction] = useState<ModerationAction | ''>('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<Record<string, FieldMessage>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newKey());

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const found: Record<string, FieldMessage> = {};
    if (!action) found.action = { text: t.moderationErrAction };
    if (!reason.trim()) found.reason = { text: t.errRequired };
    else if (reason.length > decisionMax) found.reason = { text: fill(t.facilityErrTooLong, { max: decisionMax }) };
    if (action === 'warn' && !message.trim()) found.messageToUser = { text: t.errRequired };
    else if (message.length > decisionMax) found.messageToUser = { text: fill(t.facilityErrTooLong, { max: decisionMax }) };
    setErrors(found);
    setGeneral(null);
    const first = ['action', 'reason', 'messageToUser'].find((n) => found[n]);
    if (first) return document.getElementById(formId(first))?.focus();
    setBusy(true);
    try {
      const next = await decideReport(report.id, {
        action: action as ModerationAction, reason: reason.trim(), ...(message.trim() ? { messageToUser: message.trim() } : {}),
      }, key.current);
      key.current = newKey();
      setAction('');
      setReason('');
      setMessage('');
      onDone(next, action as ModerationAction);
    } catch (err) {
      key.current = newKey();
      if (err instanceof ApiError && err.invalidParams.length) {
        const f: Record<string, FieldMessage> = {};
        for (const p of err.invalidParams) {
          if (['action', 'reason', 'messageToUser'].includes(p.name)) f[p.name] ??= { text: p.name === 'action' ? t.moderationErrAction : t.errRequired };
        }
        setErrors(f);
        if (!Object.keys(f).length) setGeneral(t.errFailed);
      } else if (err instanceof ApiError && err.status === 409) setGeneral(t.moderationErrConflict);
      else setGeneral(err instanceof ApiError ? t.errFailed : t.errNetwork);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="noaber-section" aria-labelledby="decide-title">
      <h2 id="decide-title" class="utrecht-heading-2">{report.status === 'open' ? t.moderationDecideTitle : t.moderationDecideAgainTitle}</h2>
      {general && <p role="alert" class="utrecht-paragraph noaber-error-text">{general}</p>}
      <form class="noaber-form" noValidate onSubmit={submit}>
        <Choices id={formId('action')} name="action" type="radio" legend={t.moderationActionLegend} error={errors.action}
          selected={[action]} onToggle={(v) => setAction(v as ModerationAction)}
          choices={actions.map((a) => ({ value: a, title: actionText(t, a), hint: actionHint(t, a) }))} />
        <TextAreaField id={formId('reason')} label={t.moderationReasonLabel} hint={t.moderationReasonHint} error={errors.reason}
          value={reason} onValue={setReason} max={decisionMax} rows={3} />
        <TextAreaField id={formId('messageToUser')} label={t.moderationMessageLabel} hint={t.moderationMessageHint}
          error={errors.messageToUser} value={message} onValue={setMessage} max={decisionMax} rows={3} />
        <button type="submit" class="utrecht-button utrecht-button--primary-action noaber-submit" aria-disabled={busy ? 'true' : undefined}>
          {busy ? t.reportSending : t.moderationDecide}
        </button>
      </form>
    </section>
  );
}
