import { useRoute } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/problem';
import { getSignal, listSignals, type OwnSignal, type OwnSignalSummary, type SignalContact } from '../api/signals';
import { RoleGate } from '../components/signals/RoleGate';
import { StatusBadge } from '../components/signals/StatusBadge';
import { useTitle } from '../components/useTitle';
import { fill } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { domainsText, formatDateTime, publicUpdateText, statusText, urgencyKey } from '../signals/model';
import { usePagedList } from '../components/usePagedList';
import { MoreButton } from '../components/MoreButton';

const pageSize = 20;

/** /mijn-signalen: the signals I reported, newest first, with their status and last public update. */
export function MySignals() {
  const { t } = useI18n();
  useTitle(t.mySignalsTitle);
  return <RoleGate role="keyfigure" title={t.mySignalsTitle}>{() => <MyList />}</RoleGate>;
}

function MyList() {
  const { t, lang } = useI18n();
  const { items, next, error, busy, load } = usePagedList((cursor) => listSignals<OwnSignalSummary>({ cursor, limit: pageSize }));
  const failed = error !== null;
  useEffect(() => void load(null), []);

  return (
    <>
      <h1 class="utrecht-heading-1">{t.mySignalsTitle}</h1>
      <p class="utrecht-paragraph">{t.mySignalsIntro}</p>
      <p class="utrecht-paragraph">
        <a href="/signalen/nieuw" class="utrecht-button utrecht-button--primary-action noaber-button-link">{t.navReportSignal}</a>
      </p>
      {failed && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.signalsFailed}</p>}
      {items === null && !failed && <p class="utrecht-paragraph">{t.loading}</p>}
      {items?.length === 0 && <p class="utrecht-paragraph">{t.mySignalsEmpty}</p>}
      {items && items.length > 0 && (
        <ul class="noaber-signal-list" aria-label={t.mySignalsTitle}>
          {items.map((s) => {
            const update = publicUpdateText(s.lastPublicUpdate);
            return (
              <li key={s.id} class="noaber-signal-list__item">
                <a class="utrecht-link noaber-signal-list__link" href={`/mijn-signalen/${encodeURIComponent(s.id)}`}>
                  {fill(t.signalInNeighbourhood, { name: s.neighbourhood?.name ?? '' })}
                </a>
                <StatusBadge status={s.status} />
                <dl class="noaber-details">
                  <dt>{t.signalSummaryDomains}</dt><dd>{domainsText(t, s.lifeDomains)}</dd>
                  <dt>{t.signalReportedOn}</dt><dd><time dateTime={s.createdAt}>{formatDateTime(lang, s.createdAt)}</time></dd>
                  <dt>{t.signalLastUpdate}</dt><dd>{update ?? t.signalNoUpdate}</dd>
                </dl>
              </li>
            );
          })}
        </ul>
      )}
      <MoreButton list={{ next, busy, load }} />
    </>
  );
}

/** The contact person for this signal, as on the contact screen. */
export function SignalContactCard({ contact, title }: { contact: SignalContact; title: string }) {
  const { t } = useI18n();
  return (
    <article class="noaber-card noaber-contact" aria-label={title}>
      <div class="noaber-contact__who">
        {contact.photoUrl
          ? <img class="noaber-avatar" src={contact.photoUrl} alt="" width={72} height={72} />
          : <span class="noaber-avatar noaber-avatar--initials" aria-hidden="true">{contact.initials}</span>}
        <p class="noaber-contact__name">{contact.displayName}</p>
      </div>
      <dl class="noaber-contact__details">
        {contact.phone && (
          <>
            <dt>{t.contactPhone}</dt>
            <dd><a class="utrecht-link noaber-action-link" href={`tel:${contact.phone.replace(/[^+\d]/g, '')}`}>{contact.phone}</a></dd>
          </>
        )}
        <dt>{t.contactEmail}</dt>
        <dd><a class="utrecht-link noaber-action-link" href={`mailto:${contact.email}`}>{contact.email}</a></dd>
      </dl>
    </article>
  );
}

type Load<T> = { state: 'loading' } | { state: 'ok'; signal: T } | { state: 'missing' } | { state: 'failed' };

/** GET /signals/{id}; `missing` for 403 and 404 alike (the server does not say which). */
export function useSignal<T extends OwnSignal>(id: string): [Load<T>, (s: T) => void, () => Promise<void>] {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  async function reload() {
    try {
      setLoad({ state: 'ok', signal: await getSignal<T>(id) });
    } catch (err) {
      setLoad(err instanceof ApiError && [403, 404].includes(err.status) ? { state: 'missing' } : { state: 'failed' });
    }
  }
  useEffect(() => void reload(), [id]); // eslint-disable-line react-hooks/exhaustive-deps
  return [load, (signal) => setLoad({ state: 'ok', signal }), reload];
}

/** /mijn-signalen/:id: one of my signals: its status over time, public updates and my contact. */
export function MySignal() {
  const { t } = useI18n();
  useTitle(t.mySignalTitle);
  const { params } = useRoute();
  return <RoleGate role="keyfigure" title={t.mySignalTitle}>{() => <MySignalDetail id={params.id} />}</RoleGate>;
}

function MySignalDetail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const [load] = useSignal<OwnSignal>(id);
  const back = <p class="utrecht-paragraph"><a class="utrecht-link noaber-action-link" href="/mijn-signalen">{t.signalBackToMine}</a></p>;
  if (load.state !== 'ok') {
    return (
      <>
        <h1 class="utrecht-heading-1">{t.mySignalTitle}</h1>
        {load.state === 'loading' ? <p class="utrecht-paragraph">{t.loading}</p>
          : <p role="alert" class="utrecht-paragraph noaber-error-text">{load.state === 'missing' ? t.signalNotFound : t.signalsFailed}</p>}
        {back}
      </>
    );
  }
  const s = load.signal;
  const timeline = [...(s.timeline ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <>
      <h1 class="utrecht-heading-1">{fill(t.signalInNeighbourhood, { name: s.neighbourhood?.name ?? '' })}</h1>
      <p class="utrecht-paragraph noaber-status-line">
        {t.signalStatusLabel}: <strong>{statusText(t, s.status)}</strong>
      </p>
      <section class="noaber-section" aria-labelledby="timeline-title">
        <h2 id="timeline-title" class="utrecht-heading-2">{t.signalTimelineTitle}</h2>
        <ol class="noaber-timeline">
          {timeline.map((e, i) => (
            <li key={`${e.at}-${i}`} class="noaber-timeline__item">
              <time class="noaber-timeline__when" dateTime={e.at}>{formatDateTime(lang, e.at)}</time>
              <span class="noaber-timeline__status">{statusText(t, e.status)}</span>
              {e.publicUpdate && (
                <blockquote class="noaber-update">
                  <p class="utrecht-paragraph"><span class="noaber-visually-hidden">{t.signalUpdateFromContact}: </span>{e.publicUpdate}</p>
                </blockquote>
              )}
            </li>
          ))}
        </ol>
        {s.status === 'received' && s.deadline && (
          <p class="utrecht-paragraph">{fill(t.signalPickedUpBefore, { date: formatDateTime(lang, s.deadline) })}</p>
        )}
      </section>
      {s.contact && (
        <section class="noaber-section" aria-labelledby="signal-contact-title">
          <h2 id="signal-contact-title" class="utrecht-heading-2">{t.signalYourContact}</h2>
          <SignalContactCard contact={s.contact} title={t.signalYourContact} />
        </section>
      )}
      <section class="noaber-section" aria-labelledby="reported-title">
        <h2 id="reported-title" class="utrecht-heading-2">{t.signalWhatYouReported}</h2>
        <dl class="noaber-details">
          <dt>{t.signalReportedOn}</dt><dd><time dateTime={s.createdAt}>{formatDateTime(lang, s.createdAt)}</time></dd>
          <dt>{t.signalSummaryDomains}</dt><dd>{domainsText(t, s.lifeDomains)}</dd>
          <dt>{t.signalSummaryUrgency}</dt><dd>{t[urgencyKey(s.urgency)] ?? s.urgency}</dd>
          <dt>{t.signalSummaryWho}</dt><dd>{s.identification}</dd>
          <dt>{t.signalSummaryKnows}</dt><dd>{s.personKnows ? t.signalYes : t.signalNo}</dd>
          <dt>{t.signalFieldDescriptionShort}</dt><dd class="noaber-pre">{s.description}</dd>
        </dl>
      </section>
      {back}
    </>
  );
}
