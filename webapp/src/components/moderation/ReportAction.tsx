import { useEffect, useRef, useState } from 'preact/hooks';
import { newKey } from '../../api/market';
import { createReport, noteMax, reportReasons, type Report, type SubjectType } from '../../api/moderation';
import { ApiError } from '../../api/problem';
import { fill } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import type { FieldMessage } from '../../i18n/problems';
import type { StringKey } from '../../i18n/strings';
import { Choices } from '../signals/Choices';
import { TextAreaField } from '../signals/TextAreaField';

interface Props {
  subject: SubjectType;
  subjectId: string;
  /** The button's visible text. */
  label: string;
  /** A longer name for screen readers when the label alone is too short (e.g. "Melden" on a message). */
  ariaLabel?: string;
  /** The form's heading. */
  title: string;
  /** Smaller: a link-like button, e.g. under a message. */
  compact?: boolean;
}

type Phase = { name: 'closed' } | { name: 'open' } | { name: 'done'; report: Report };

/**
 * "Melden": a button that opens a short form in place (no modal): what is
 * wrong, an optional note, send. Then "Bedankt. Een buurtmakelaar kijkt
 * ernaar." with a link to the report. Reporting the same thing twice gives
 * the open report again (the server answers 200), so a double tap is harmless.
 */
export function ReportAction({ subject, subjectId, label, ariaLabel, title, compact }: Props) {
  const { t } = useI18n();
  const [phase, setPhase] = useState<Phase>({ name: 'closed' });
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ reason?: FieldMessage; note?: FieldMessage }>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newKey());
  const heading = useRef<HTMLHeadingElement>(null);
  const thanks = useRef<HTMLParagraphElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const base = `report-${subject}-${subjectId}`;

  useEffect(() => {
    if (phase.name === 'open') heading.current?.focus();
    if (phase.name === 'done') thanks.current?.focus();
  }, [phase.name]);

  const close = () => {
    setPhase({ name: 'closed' });
    setErrors({});
    setGeneral(null);
    setTimeout(() => opener.current?.focus());
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const found: typeof errors = {};
    if (!reason) found.reason = { text: t.reportErrReason };
    if (note.length > noteMax) found.note = { text: fill(t.reportErrNote, { max: noteMax }) };
    setErrors(found);
    setGeneral(null);
    if (found.reason) return document.getElementById(`${base}-reason`)?.focus();
    if (found.note) return document.getElementById(`${base}-note`)?.focus();
    setBusy(true);
    try {
      const report = await createReport({ subject, subjectId, reason: reason as (typeof reportReasons)[number],
        ...(note.trim() ? { note: note.trim() } : {}) }, key.current);
      setPhase({ name: 'done', report });
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.invalidParams.some((p) => p.name === 'subjectId')) setGeneral(t.reportErrOwn);
      else if (err instanceof ApiError && err.status === 404) setGeneral(t.reportErrGone);
      else if (err instanceof ApiError && err.invalidParams.some((p) => p.name === 'note')) setErrors({ note: { text: fill(t.reportErrNote, { max: noteMax }) } });
      else setGeneral(err instanceof ApiError ? t.errFailed : t.errNetwork);
      key.current = newKey();
    } finally {
      setBusy(false);
    }
  };

  if (phase.name === 'done') {
    return (
      <div class="noaber-card noaber-report noaber-report--done">
        <p ref={thanks} tabIndex={-1} role="status" class="utrecht-paragraph noaber-focus-heading noaber-report__thanks">{t.reportThanks}</p>
        <p class="utrecht-paragraph">{t.reportThanksMore}</p>
        <p class="utrecht-paragraph">
          <a class="utrecht-link noaber-action-link" href={`/mijn-meldingen/${encodeURIComponent(phase.report.id)}`}>{t.reportView}</a>
        </p>
      </div>
    );
  }
  if (phase.name === 'closed') {
    return (
      <button ref={opener} type="button" aria-label={ariaLabel}
        class={`utrecht-button utrecht-button--secondary-action noaber-submit noaber-report__open${compact ? ' noaber-report__open--compact' : ''}`}
        onClick={() => setPhase({ name: 'open' })}>
        {label}
      </button>
    );
  }
  return (
    <div class="noaber-card noaber-report">
      <h3 ref={heading} tabIndex={-1} id={`${base}-title`} class="noaber-focus-heading noaber-report__title">{title}</h3>
      {general && <p role="alert" class="utrecht-paragraph noaber-error-text">{general}</p>}
      <form class="noaber-form" noValidate onSubmit={submit} aria-labelledby={`${base}-title`}>
        <Choices id={`${base}-reason`} name={`${base}-reason`} type="radio" legend={t.reportReasonLegend} error={errors.reason}
          selected={[reason]} onToggle={(v) => setReason(v)}
          choices={reportReasons.map((r) => ({
            value: r, title: t[`reportReason_${r}` as StringKey], hint: t[`reportReasonHint_${r}` as StringKey],
          }))} />
        <TextAreaField id={`${base}-note`} label={t.reportNoteLabel} hint={t.reportNoteHint} error={errors.note}
          value={note} onValue={setNote} max={noteMax} rows={3} />
        <div class="noaber-actions">
          <button type="submit" class="utrecht-button utrecht-button--primary-action noaber-submit" aria-disabled={busy ? 'true' : undefined}>
            {busy ? t.reportSending : t.reportSend}
          </button>
          <button type="button" class="utrecht-button utrecht-button--secondary-action noaber-submit" onClick={close}>{t.reportCancel}</button>
        </div>
      </form>
    </div>
  );
}
