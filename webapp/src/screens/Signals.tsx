import { useRoute } from 'preact-iso';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/problem';
import {
  addNote, listNotes, listSignals, transitionSignal, type SignalNote, type TeamSignal, type TeamSignalSummary, type Transition,
} from '../api/signals';
import { RoleGate } from '../components/signals/RoleGate';
import { StatusBadge } from '../components/signals/StatusBadge';
import { TextAreaField } from '../components/signals/TextAreaField';
import { useTitle } from '../components/useTitle';
import { fill } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import type { FieldMessage } from '../i18n/problems';
import {
  domainsText, escalationText, formatDateTime, groupSignals, limits, signalFieldMessage, statusText, transitionKey, urgencyKey,
} from '../signals/model';
import { useSignal } from './MySignals';
import { usePagedList } from '../components/usePagedList';
import { MoreButton } from '../components/MoreButton';

const pageSize = 100;
const telHref = (phone: string) => `tel:${phone.replace(/[^+\d]/g, '')}`;

/** /signalen: the signals of my area team; overdue ones on top, then by deadline. */
export function TeamSignals() {
  const { t } = useI18n();
  useTitle(t.teamSignalsTitle);
  return <RoleGate role="contact" title={t.teamSignalsTitle}>{() => <TeamList />}</RoleGate>;
}

function OverdueBadge() {
  const { t } = useI18n();
  return <span class="noaber-badge noaber-badge--overdue">{t.signalOverdue}</span>;
}

function SignalItem({ s }: { s: TeamSignalSummary }) {
  const { t, lang } = useI18n();
  return (
    <li class={`noaber-signal-list__item${s.overdue ? ' noaber-signal-list__item--overdue' : ''}`}>
      <a class="utrecht-link noaber-signal-list__link" href={`/signalen/${encodeURIComponent(s.id)}`}>
        {fill(t.signalInNeighbourhood, { name: s.neighbourhood?.name ?? '' })}
      </a>
      <p class="utrecht-paragraph noaber-badges">
        {s.overdue && <OverdueBadge />}
        {s.urgency === 'urgent' && <span class="noaber-badge noaber-badge--urgent">{t.signalUrgency_urgent}</span>}
      </p>
      <StatusBadge status={s.status} />
      <dl class="noaber-details">
        <dt>{t.signalDeadline}</dt><dd><time dateTime={s.deadline}>{formatDateTime(lang, s.deadline)}</time></dd>
        <dt>{t.signalSummaryUrgency}</dt><dd>{t[urgencyKey(s.urgency)] ?? s.urgency}</dd>
        <dt>{t.signalSummaryDomains}</dt><dd>{domainsText(t, s.lifeDomains)}</dd>
        <dt>{t.signalEscalationLabel}</dt><dd>{escalationText(t, s.escalationLevel)}</dd>
        <dt>{t.signalAssignee}</dt><dd>{s.assignee?.displayName ?? (s.assigneeId ? t.signalAssignedSomeone : t.signalNobody)}</dd>
      </dl>
    </li>
  );
}

function TeamList() {
  const { t } = useI18n();
  const { items, next, error, busy, load } = usePagedList((cursor) => listSignals<TeamSignalSummary>({ cursor, limit: pageSize }));
  const failed = error !== null;
  useEffect(() => void load(null), []);

  const groups = items && groupSignals(items);
  const section = (id: string, title: string, list: TeamSignalSummary[], intro?: string) => list.length > 0 && (
    <section class={`noaber-section${id === 'overdue' ? ' noaber-section--overdue' : ''}`} aria-labelledby={`signals-${id}`}>
      <h2 id={`signals-${id}`} class="utrecht-heading-2">{fill(title, { n: list.length })}</h2>
      {intro && <p class="utrecht-paragraph">{intro}</p>}
      <ul class="noaber-signal-list">{list.map((s) => <SignalItem key={s.id} s={s} />)}</ul>
    </section>
  );
  return (
    <>
      <h1 class="utrecht-heading-1">{t.teamSignalsTitle}</h1>
      <p class="utrecht-paragraph">{t.teamSignalsIntro}</p>
      {failed && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.signalsFailed}</p>}
      {items === null && !failed && <p class="utrecht-paragraph">{t.loading}</p>}
      {items?.length === 0 && <p class="utrecht-paragraph">{t.teamSignalsEmpty}</p>}
      {groups && (
        <>
          {section('overdue', t.teamSignalsOverdue, groups.overdue, t.teamSignalsOverdueIntro)}
          {section('open', t.teamSignalsOpen, groups.open)}
          {section('done', t.teamSignalsDone, groups.done)}
        </>
      )}
      <MoreButton list={{ next, busy, load }} />
    </>
  );
}

/** /signalen/:id: everything about one signal for the team, with notes and the next steps. */
export function TeamSignalPage() {
  const { t } = useI18n();
  useTitle(t.teamSignalTitle);
  const { params } = useRoute();
  return <RoleGate role="contact" title={t.teamSignalTitle}>{() => <TeamSignalDetail id={params.id} />}</RoleGate>;
}

function TeamSignalDetail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const [load, setSignal, reload] = useSignal<TeamSignal>(id);
  const back = <p class="utrecht-paragraph"><a class="utrecht-link noaber-action-link" href="/signalen">{t.signalBackToTeam}</a></p>;
  if (load.state !== 'ok') {
    return (
      <>
        <h1 class="utrecht-heading-1">{t.teamSignalTitle}</h1>
        {load.state === 'loading' ? <p class="utrecht-paragraph">{t.loading}</p>
          : <p role="alert" class="utrecht-paragraph noaber-error-text">{load.state === 'missing' ? t.signalNotFound : t.signalsFailed}</p>}
        {back}
      </>
    );
  }
  const s = load.signal;
  const date = (iso: string) => <time dateTime={iso}>{formatDateTime(lang, iso)}</time>;
  return (
    <>
      <h1 class="utrecht-heading-1">{fill(t.signalInNeighbourhood, { name: s.neighbourhood?.name ?? '' })}</h1>
      {(s.overdue || s.urgency === 'urgent') && (
        <p class="utrecht-paragraph noaber-badges">
          {s.overdue && <OverdueBadge />}
          {s.urgency === 'urgent' && <span class="noaber-badge noaber-badge--urgent">{t.signalUrgency_urgent}</span>}
        </p>
      )}
      <StatusBadge status={s.status} />
      <dl class="noaber-details">
        <dt>{t.signalDeadline}</dt><dd>{date(s.deadline)}</dd>
        <dt>{t.signalSummaryUrgency}</dt><dd>{t[urgencyKey(s.urgency)] ?? s.urgency}</dd>
        <dt>{t.signalSummaryDomains}</dt><dd>{domainsText(t, s.lifeDomains)}</dd>
        <dt>{t.contactArea}</dt><dd>{s.neighbourhood?.name}</dd>
        <dt>{t.signalReportedOn}</dt><dd>{date(s.createdAt)}</dd>
        <dt>{t.signalEscalationLabel}</dt><dd>{escalationText(t, s.escalationLevel)}</dd>
        <dt>{t.signalAssignee}</dt><dd>{s.assignee?.displayName ?? (s.assigneeId ? t.signalAssignedSomeone : t.signalNobody)}</dd>
      </dl>

      <section class="noaber-section" aria-labelledby="signal-person-title">
        <h2 id="signal-person-title" class="utrecht-heading-2">{t.signalAboutPerson}</h2>
        <dl class="noaber-details">
          <dt>{t.signalSummaryWho}</dt><dd>{s.identification}</dd>
          <dt>{t.signalSummaryKnows}</dt><dd>{s.personKnows ? t.signalYes : t.signalNo}</dd>
          <dt>{t.signalFieldDescriptionShort}</dt><dd class="noaber-pre">{s.description}</dd>
        </dl>
      </section>

      <section class="noaber-section" aria-labelledby="signal-reporter-title">
        <h2 id="signal-reporter-title" class="utrecht-heading-2">{t.signalReporter}</h2>
        <dl class="noaber-details">
          <dt>{t.signalReporterName}</dt><dd>{s.reporter?.displayName}</dd>
          {s.reporter?.phone && (
            <><dt>{t.contactPhone}</dt><dd><a class="utrecht-link noaber-action-link" href={telHref(s.reporter.phone)}>{s.reporter.phone}</a></dd></>
          )}
          {s.callbackPhone && (
            <><dt>{t.signalCallback}</dt><dd><a class="utrecht-link noaber-action-link" href={telHref(s.callbackPhone)}>{s.callbackPhone}</a></dd></>
          )}
        </dl>
      </section>

      <Actions signal={s} onDone={setSignal} reload={reload} />
      <Notes id={s.id} version={s.events?.length ?? 0} />

      <section class="noaber-section" aria-labelledby="signal-history-title">
        <h2 id="signal-history-title" class="utrecht-heading-2">{t.signalHistoryTitle}</h2>
        <ol class="noaber-timeline">
          {[...(s.events ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).map((e, i) => (
            <li key={`${e.at}-${i}`} class="noaber-timeline__item">
              <time class="noaber-timeline__when" dateTime={e.at}>{formatDateTime(lang, e.at)}</time>
              <span class="noaber-timeline__status">
                {e.to ? (e.from ? fill(t.signalEventStatus, { from: statusText(t, e.from), to: statusText(t, e.to) }) : statusText(t, e.to))
                  : (t as Record<string, string>)[`signalEvent_${e.kind}`] ?? e.kind}
                {e.actor?.displayName && ` · ${fill(t.signalEventBy, { name: e.actor.displayName })}`}
              </span>
              {e.publicUpdate && <p class="utrecht-paragraph"><strong>{t.signalEventPublic}:</strong> {e.publicUpdate}</p>}
              {e.internalNote && <p class="utrecht-paragraph"><strong>{t.signalEventNote}:</strong> {e.internalNote}</p>}
            </li>
          ))}
        </ol>
      </section>
      {back}
    </>
  );
}

function Actions({ signal, onDone, reload }: { signal: TeamSignal; onDone: (s: TeamSignal) => void; reload: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const [note, setNote] = useState('');
  const [update, setUpdate] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'conflict' | 'error'; text: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, FieldMessage>>({});
  const messageRef = useRef<HTMLParagraphElement>(null);
  const allowed = signal.allowedTransitions ?? [];

  useEffect(() => {
    if (message && message.kind !== 'ok') messageRef.current?.focus();
  }, [message]);

  async function move(to: Transition) {
    if (busy) return;
    setMessage(null);
    setErrors({});
    if (update.trim().length > limits.publicUpdate) {
      setErrors({ publicUpdate: { text: t.signalErrPublicUpdateLong } });
      document.getElementById('transition-publicUpdate')?.focus();
      return;
    }
    setBusy(true);
    try {
      const next = await transitionSignal(signal.id, {
        to, ...(note.trim() && { note: note.trim() }), ...(update.trim() && { publicUpdate: update.trim() }),
      });
      setNote('');
      setUpdate('');
      onDone(next);
      setMessage({ kind: 'ok', text: fill(t.signalTransitionDone, { status: statusText(t, next.status ?? to) }) });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        await reload(); // the current status and what is allowed now
        setMessage({ kind: 'conflict', text: t.signalConflict });
      } else if (err instanceof ApiError && err.invalidParams.length) {
        const fields: Record<string, FieldMessage> = {};
        for (const p of err.invalidParams) fields[p.name] = signalFieldMessage(t, lang, p.name, p.reason);
        setErrors(fields);
        setMessage({ kind: 'error', text: t.errorSummaryTitle });
      } else {
        setMessage({ kind: 'error', text: err instanceof ApiError ? t.errFailed : t.errNetwork });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="noaber-section" aria-labelledby="signal-actions-title">
      <h2 id="signal-actions-title" class="utrecht-heading-2">{t.signalActionsTitle}</h2>
      <p role="status" class="utrecht-paragraph noaber-notice noaber-notice-slot">{message?.kind === 'ok' ? message.text : ''}</p>
      <p ref={messageRef} tabIndex={-1} role="alert" class="utrecht-paragraph noaber-error-text noaber-notice-slot">
        {message?.kind === 'conflict' && `${message.text} ${fill(t.signalConflictNow, { status: statusText(t, signal.status) })}`}
        {message?.kind === 'error' && message.text}
      </p>
      {allowed.length === 0 ? <p class="utrecht-paragraph">{t.signalActionsNone}</p> : (
        <form class="noaber-form" noValidate onSubmit={(e) => e.preventDefault()}>
          <TextAreaField id="transition-note" label={t.signalActionNote} hint={t.signalActionNoteHint} error={errors.note}
            value={note} onValue={setNote} max={limits.description} rows={3} />
          <TextAreaField id="transition-publicUpdate" label={t.signalPublicUpdate} hint={t.signalPublicUpdateHint}
            error={errors.publicUpdate} value={update} onValue={setUpdate} max={limits.publicUpdate} rows={3} />
          <div class="noaber-step-buttons">
            {allowed.map((to, i) => (
              <button key={to} type="button" aria-disabled={busy ? 'true' : undefined} onClick={() => move(to)}
                class={`utrecht-button ${i === 0 ? 'utrecht-button--primary-action' : 'utrecht-button--secondary-action'} noaber-submit`}>
                {t[transitionKey(to)] ?? to}
              </button>
            ))}
          </div>
        </form>
      )}
    </section>
  );
}

function Notes({ id, version }: { id: string; version: number }) {
  const { t, lang } = useI18n();
  const [notes, setNotes] = useState<SignalNote[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<FieldMessage | undefined>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    listNotes(id).then((n) => { setNotes(n); setFailed(false); }, () => setFailed(true));
  }, [id, version]);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    setSaved(false);
    if (!text.trim()) {
      setError({ text: t.errRequired });
      document.getElementById('note-text')?.focus();
      return;
    }
    setBusy(true);
    try {
      const note = await addNote(id, text.trim());
      setNotes((old) => [...(old ?? []), note]);
      setText('');
      setError(undefined);
      setSaved(true);
    } catch (err) {
      const reason = err instanceof ApiError ? err.invalidParams.find((p) => p.name === 'text')?.reason : undefined;
      setError(reason !== undefined ? signalFieldMessage(t, lang, 'text', reason) : { text: err instanceof ApiError ? t.errFailed : t.errNetwork });
      document.getElementById('note-text')?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="noaber-section" aria-labelledby="signal-notes-title">
      <h2 id="signal-notes-title" class="utrecht-heading-2">{t.signalNotesTitle}</h2>
      <p class="utrecht-paragraph">{t.signalNotesIntro}</p>
      {failed && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.signalsFailed}</p>}
      {notes?.length === 0 && <p class="utrecht-paragraph">{t.signalNotesEmpty}</p>}
      {notes && notes.length > 0 && (
        <ul class="noaber-notes" aria-label={t.signalNotesTitle}>
          {notes.map((n) => (
            <li key={n.id} class="noaber-notes__item">
              <p class="utrecht-paragraph noaber-notes__meta">
                <strong>{n.author?.displayName}</strong>{' · '}
                <time dateTime={n.createdAt}>{formatDateTime(lang, n.createdAt)}</time>
              </p>
              <p class="utrecht-paragraph noaber-pre">{n.text}</p>
            </li>
          ))}
        </ul>
      )}
      <form class="noaber-form" noValidate onSubmit={submit}>
        <TextAreaField id="note-text" label={t.signalNoteField} error={error} value={text} onValue={setText}
          max={limits.description} rows={3} />
        <p role="status" class="utrecht-paragraph noaber-notice noaber-notice-slot">{saved ? t.signalNoteAdded : ''}</p>
        <button type="submit" class="utrecht-button utrecht-button--secondary-action noaber-submit" aria-disabled={busy ? 'true' : undefined}>
          {t.signalNoteAdd}
        </button>
      </form>
    </section>
  );
}
