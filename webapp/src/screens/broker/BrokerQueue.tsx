import { useRoute } from 'preact-iso';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  addBrokerNote, brokerLimits, brokerQueue, clearFollowUp, listBrokerNotes, listProposals, setFollowUp,
  type BrokerNote, type FollowUp, type MatchProposal, type ProposalOutcome, type QueueFilter, type QueueItem,
} from '../../api/broker';
import { getPost, invite, newKey, postSuggestions, type HelperSuggestion, type Post } from '../../api/market';
import { ApiError } from '../../api/problem';
import type { Me } from '../../api/types';
import { ageText, BrokerGate, formatDay, OnlyBrokers } from '../../components/broker/BrokerBits';
import { ErrorSummary } from '../../components/ErrorSummary';
import { FormField } from '../../components/FormField';
import { CategoryLine } from '../../components/market/PostBits';
import { useCategories } from '../../components/market/useCategories';
import { Reasons } from '../../components/matching/Reasons';
import { TextAreaField } from '../../components/signals/TextAreaField';
import { useFormErrors } from '../../components/useFormErrors';
import { usePagedList } from '../../components/usePagedList';
import { useTitle } from '../../components/useTitle';
import { fill } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { errorsFrom } from '../../i18n/problems';
import type { StringKey } from '../../i18n/strings';
import { formatDateTime, momentText } from '../../market/format';
import { MoreButton } from '../../components/MoreButton';

const pageSize = 20;
const ageChoices = [0, 3, 7, 14, 30];

// The queue item last seen in the list, so the item page has its follow-up flag at once.
const seen = new Map<string, QueueItem>();

/** /makelaar: the broker's home, the queue of requests without a match, oldest first. */
export function BrokerQueue() {
  const { t } = useI18n();
  useTitle(t.brokerQueueTitle);
  return <BrokerGate title={t.brokerQueueTitle}>{() => <Queue />}</BrokerGate>;
}

function Queue() {
  const { t, lang } = useI18n();
  const { categories } = useCategories();
  const [filter, setFilter] = useState<QueueFilter>({ category: '', followUp: false, minAgeDays: 0 });
  const [draft, setDraft] = useState<QueueFilter>(filter);
  const list = usePagedList<QueueItem, HTMLAnchorElement>((cursor) => brokerQueue(filter, cursor, pageSize));
  useEffect(() => void list.load(null), [filter]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => list.items?.forEach((i) => seen.set(i.postId, i)), [list.items]);
  const filtered = Boolean(filter.category || filter.followUp || filter.minAgeDays);

  return (
    <div class="noaber-broker-wide">
      <h1 class="utrecht-heading-1">{t.brokerQueueTitle}</h1>
      <p class="utrecht-paragraph">{t.brokerQueueIntro}</p>
      <form class="noaber-filters noaber-broker-filters" aria-label={t.brokerFilterLabel}
        onSubmit={(e) => { e.preventDefault(); setFilter(draft); }}>
        <FormField id="queue-category" label={t.marketFieldCategory}>
          {(link) => (
            <select {...link} class="utrecht-select utrecht-select--html-select" value={draft.category}
              onChange={(e) => setDraft((d) => ({ ...d, category: e.currentTarget.value }))}>
              <option value="">{t.brokerFilterAllCategories}</option>
              {(categories ?? []).map((c) => <option key={c.id} value={c.id}>{c.labels[lang] || c.labels.nl}</option>)}
            </select>
          )}
        </FormField>
        <FormField id="queue-age" label={t.brokerFilterAge}>
          {(link) => (
            <select {...link} class="utrecht-select utrecht-select--html-select" value={String(draft.minAgeDays ?? 0)}
              onChange={(e) => setDraft((d) => ({ ...d, minAgeDays: Number(e.currentTarget.value) }))}>
              {ageChoices.map((n) => (
                <option key={n} value={String(n)}>{n === 0 ? t.brokerFilterAgeAny : fill(t.brokerFilterAgeDays, { n })}</option>
              ))}
            </select>
          )}
        </FormField>
        <div class="noaber-broker-check">
          <input id="queue-followup" type="checkbox" checked={draft.followUp}
            onChange={(e) => setDraft((d) => ({ ...d, followUp: e.currentTarget.checked }))} />
          <label for="queue-followup">{t.brokerFilterFollowUp}</label>
        </div>
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">{t.brokerFilterApply}</button>
      </form>
      {list.error !== null && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.brokerLoadFailed}</p>}
      {list.items === null && list.error === null && <p class="utrecht-paragraph">{t.loading}</p>}
      {list.items?.length === 0 && (
        <p class="utrecht-paragraph noaber-notice" role="status">{filtered ? t.brokerQueueEmptyFiltered : t.brokerQueueEmpty}</p>
      )}
      {list.items && list.items.length > 0 && (
        <ol class="noaber-queue" aria-label={t.brokerQueueTitle}>
          {list.items.map((item, i) => (
            <QueueCard key={item.postId} item={item} linkRef={list.isFirstNew(i) ? list.firstNew : undefined} categories={categories} />
          ))}
        </ol>
      )}
      <MoreButton list={list} />
    </div>
  );
}

function QueueCard({ item, linkRef, categories }: {
  item: QueueItem; linkRef?: preact.Ref<HTMLAnchorElement>; categories: ReturnType<typeof useCategories>['categories'];
}) {
  const { t, lang } = useI18n();
  const old = item.ageDays >= 7;
  return (
    <li class={`noaber-queue__item${old ? ' noaber-queue__item--old' : ''}`}>
      <p class="noaber-queue__top">
        <span class={`noaber-badge noaber-badge--age${old ? ' noaber-badge--old' : ''}`}>
          <span class="noaber-visually-hidden">{t.brokerAgeLabel} </span>{ageText(t, item.ageDays)}
        </span>
        {categories ? <CategoryLine categories={categories} id={item.category} /> : <span>{item.categoryLabel}</span>}
      </p>
      <h2 class="noaber-queue__title">
        <a ref={linkRef} class="utrecht-link" href={`/makelaar/vragen/${encodeURIComponent(item.postId)}`}>{item.title}</a>
      </h2>
      <p class="noaber-queue__who">
        {fill(t.matchFrom, { name: item.author.displayName, place: item.author.neighbourhood.name })}
        {item.author.managed && <> <span class="noaber-badge">{t.brokerManagedBadge}</span></>}
      </p>
      <ul class="noaber-queue__facts">
        <li>{item.responseCount === 0 ? t.brokerNoResponses
          : item.responseCount === 1 ? t.brokerOneResponse : fill(t.brokerResponses, { n: item.responseCount })}</li>
        {item.suggestions.length > 0 && <li>{fill(t.brokerSuggestionCount, { n: item.suggestions.length })}</li>}
        {item.noteCount > 0 && <li>{item.noteCount === 1 ? t.brokerOneNote : fill(t.brokerNotes, { n: item.noteCount })}</li>}
      </ul>
      {(item.followUp || item.openProposal) && (
        <p class="noaber-badges">
          {item.followUp && (
            <span class="noaber-badge noaber-badge--followup">
              {item.followUp.dueOn ? fill(t.brokerFollowUpOn, { date: formatDay(lang, item.followUp.dueOn) }) : t.brokerFollowUpBadge}
            </span>
          )}
          {item.openProposal && <span class="noaber-badge noaber-badge--proposal">{t.brokerOpenProposal}</span>}
        </p>
      )}
    </li>
  );
}

/** Finds a request in the queue (the last list seen, else the first pages of the queue). */
async function findQueueItem(postId: string): Promise<QueueItem | null> {
  const known = seen.get(postId);
  if (known) return known;
  let cursor: string | null = null;
  for (let i = 0; i < 5; i++) {
    const page = await brokerQueue({}, cursor, 100);
    const hit = page.items.find((x) => x.postId === postId);
    if (hit) return hit;
    if (!page.nextCursor) return null;
    cursor = page.nextCursor;
  }
  return null;
}

/** /makelaar/vragen/:postId: one request of the queue, with helpers, proposals, follow-up and notes. */
export function BrokerQueueItem() {
  const { t } = useI18n();
  const { params } = useRoute();
  useTitle(t.brokerItemTitle);
  return <BrokerGate title={t.brokerItemTitle}>{(me) => <ItemPage postId={params.postId} me={me} />}</BrokerGate>;
}

function ItemPage({ postId, me }: { postId: string; me: Me }) {
  const { t, lang } = useI18n();
  const { categories } = useCategories();
  const [post, setPost] = useState<Post | null | 'failed'>(null);
  const [item, setItem] = useState<QueueItem | null | undefined>(undefined);
  const [proposalsVersion, setProposalsVersion] = useState(0);
  useEffect(() => {
    setPost(null);
    getPost(postId).then(setPost, () => setPost('failed'));
    findQueueItem(postId).then(setItem, () => setItem(null));
  }, [postId]);
  useTitle(post && post !== 'failed' ? post.title : t.brokerItemTitle);

  if (post === null) return <p class="utrecht-paragraph">{t.loading}</p>;
  if (post === 'failed') {
    return (
      <>
        <h1 class="utrecht-heading-1">{t.brokerItemTitle}</h1>
        <p role="alert" class="utrecht-paragraph noaber-error-text">{t.postNotFound}</p>
        <p class="utrecht-paragraph"><a class="utrecht-link noaber-action-link" href="/makelaar">{t.brokerBackToQueue}</a></p>
      </>
    );
  }
  const when = momentText(t, lang, post);
  return (
    <div class="noaber-broker-wide noaber-broker-item">
      <p class="utrecht-paragraph"><a class="utrecht-link noaber-action-link" href="/makelaar">{t.brokerBackToQueue}</a></p>
      <h1 class="utrecht-heading-1 noaber-break">{post.title}</h1>
      <div class="noaber-broker-item__grid">
        <div class="noaber-broker-item__main">
          <section class="noaber-card noaber-broker-request" aria-labelledby="request-title">
            <h2 id="request-title" class="utrecht-heading-2">{t.brokerTheRequest}</h2>
            <p class="noaber-queue__top">
              {item && <span class={`noaber-badge noaber-badge--age${item.ageDays >= 7 ? ' noaber-badge--old' : ''}`}>
                <span class="noaber-visually-hidden">{t.brokerAgeLabel} </span>{ageText(t, item.ageDays)}
              </span>}
              <CategoryLine categories={categories} id={post.category} />
            </p>
            <p class="utrecht-paragraph noaber-pre">{post.body}</p>
            <dl class="noaber-details">
              <dt>{t.brokerAskedBy}</dt>
              <dd>
                {post.author.displayName}{post.author.neighbourhood && `, ${post.author.neighbourhood.name}`}
                {item?.author.managed && <> <span class="noaber-badge">{t.brokerManagedBadge}</span></>}
              </dd>
              {when && <><dt>{t.marketWhen}</dt><dd>{when}</dd></>}
              <dt>{t.marketPlaced}</dt><dd><time dateTime={post.createdAt}>{formatDateTime(lang, post.createdAt)}</time></dd>
              {item && <><dt>{t.brokerResponsesLabel}</dt><dd>{item.responseCount}</dd></>}
            </dl>
            {post.status !== 'open' && <p class="utrecht-paragraph noaber-notice">{t.brokerNotOpen}</p>}
            <p class="utrecht-paragraph">
              <a class="utrecht-link noaber-action-link" href={`/vragen/${encodeURIComponent(post.id)}`}>{t.brokerSeeAsNeighbours}</a>
            </p>
          </section>
          <Suggestions post={post} me={me} fallback={item?.suggestions ?? []} version={proposalsVersion}
            onProposed={() => setProposalsVersion((n) => n + 1)} />
          <Proposals postId={post.id} version={proposalsVersion} />
        </div>
        <div class="noaber-broker-item__side">
          {item !== undefined && <FollowUpSection postId={post.id} initial={item?.followUp ?? null} />}
          <Notes postId={post.id} />
        </div>
      </div>
    </div>
  );
}

/** "Wie kan helpen?": the suggested helpers, each with "Stel een match voor". */
function Suggestions({ post, me, fallback, version, onProposed }: {
  post: Post; me: Me; fallback: HelperSuggestion[]; version: number; onProposed: () => void;
}) {
  const { t } = useI18n();
  const [items, setItems] = useState<HelperSuggestion[] | null>(null);
  const [proposed, setProposed] = useState<Set<string>>(new Set());
  useEffect(() => {
    postSuggestions(post.id, 10).then((page) => setItems(page.items), () => setItems(fallback));
  }, [post.id]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    listProposals(post.id).then((page) => setProposed(new Set(page.items.map((p) => p.helper.id))), () => undefined);
  }, [post.id, version]);
  return (
    <section class="noaber-section" aria-labelledby="helpers-title">
      <h2 id="helpers-title" class="utrecht-heading-2">{t.matchWhoTitle}</h2>
      {items === null && <p class="utrecht-paragraph">{t.loading}</p>}
      {items?.length === 0 && <p class="utrecht-paragraph">{post.status === 'open' ? t.brokerNoSuggestions : t.brokerNotOpen}</p>}
      {items && items.length > 0 && (
        <>
          <p class="utrecht-paragraph">{t.brokerSuggestionsIntro}</p>
          <ul class="noaber-match-list">
            {items.map((h) => (
              <HelperCard key={h.person.id} post={post} me={me} helper={h} already={proposed.has(h.person.id)} onProposed={onProposed} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function HelperCard({ post, me, helper, already, onProposed }: {
  post: Post; me: Me; helper: HelperSuggestion; already: boolean; onProposed: () => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  const name = helper.person.displayName;
  return (
    <li class="noaber-match-card">
      <h3 class="noaber-match-card__name">{fill(t.matchFrom, { name, place: helper.person.neighbourhood.name })}</h3>
      <Reasons reasons={helper.reasons} />
      {sent && <p role="status" class="utrecht-paragraph noaber-notice">{fill(t.brokerProposeSent, { name, author: post.author.displayName })}</p>}
      {!sent && already && <p class="utrecht-paragraph">{t.brokerAlreadyProposed}</p>}
      {!sent && !already && !open && post.status === 'open' && (
        <button type="button" class="utrecht-button utrecht-button--primary-action noaber-submit" onClick={() => setOpen(true)}
          aria-label={fill(t.brokerProposeLabel, { name })}>
          {t.brokerPropose}
        </button>
      )}
      {!sent && open && (
        <ProposeForm post={post} me={me} helper={helper} onCancel={() => setOpen(false)}
          onSent={() => { setSent(true); setOpen(false); onProposed(); }} />
      )}
    </li>
  );
}

/** The message both neighbours get; POST /posts/{id}/invitations by a broker is a proposed match. */
function ProposeForm({ post, me, helper, onCancel, onSent }: {
  post: Post; me: Me; helper: HelperSuggestion; onCancel: () => void; onSent: () => void;
}) {
  const { t, lang } = useI18n();
  const name = helper.person.displayName;
  const fieldId = `propose-${helper.person.id}`;
  const [text, setText] = useState(() => fill(t.brokerProposeDefault, {
    helper: name, author: post.author.displayName, title: post.title, me: me.displayName,
  }));
  const [busy, setBusy] = useState(false);
  const [already, setAlready] = useState(false);
  const form = useFormErrors(['message'], () => fieldId);
  useEffect(() => document.getElementById(fieldId)?.focus(), [fieldId]);
  const label = fill(t.brokerProposeField, { name, author: post.author.displayName });
  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    if (!text.trim()) return form.show({ fields: { message: { text: t.errRequired } }, general: null });
    if (text.length > brokerLimits.message) {
      return form.show({ fields: { message: { text: fill(t.postErrTooLong, { max: brokerLimits.message }) } }, general: null });
    }
    setBusy(true);
    try {
      await invite(post.id, helper.person.id, text.trim(), newKey());
      onSent();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setAlready(true);
      else if (err instanceof ApiError && err.invalidParams.some((p) => p.name === 'userId')) {
        form.show({ fields: {}, general: fill(t.brokerProposeCannot, { name }) });
      } else form.show(errorsFrom(err, t, lang, ['message']));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="noaber-match-card__form">
      <ErrorSummary errors={form.errors} fields={[['message', label]]} idFor={() => fieldId} summaryRef={form.summaryRef} />
      {already && <p role="alert" class="utrecht-paragraph noaber-notice">{fill(t.brokerProposeAlready, { name, author: post.author.displayName })}</p>}
      <form class="noaber-form" noValidate onSubmit={submit}>
        <TextAreaField id={fieldId} label={label} hint={t.brokerProposeHint} error={form.errors.fields.message}
          value={text} onValue={setText} max={brokerLimits.message} rows={6} />
        <div class="noaber-actions">
          <button type="submit" class="utrecht-button utrecht-button--primary-action noaber-submit" aria-disabled={busy ? 'true' : undefined}>
            {busy ? t.postSending : t.brokerProposeSend}
          </button>
          <button type="button" class="utrecht-button utrecht-button--secondary-action noaber-submit" onClick={onCancel}>
            {t.matchAskCancel}
          </button>
        </div>
      </form>
    </div>
  );
}

const outcomeKey: Record<ProposalOutcome, StringKey> = {
  open: 'brokerOutcomeOpen', agreed: 'brokerOutcomeAgreed', declined: 'brokerOutcomeDeclined', expired: 'brokerOutcomeExpired',
};

/** The matches proposed on this request and how they went (GET /posts/{id}/invitations). */
function Proposals({ postId, version }: { postId: string; version: number }) {
  const { t, lang } = useI18n();
  const [items, setItems] = useState<MatchProposal[] | null | 'failed'>(null);
  useEffect(() => {
    listProposals(postId).then((page) => setItems(page.items), () => setItems('failed'));
  }, [postId, version]);
  return (
    <section class="noaber-section" aria-labelledby="proposals-title">
      <h2 id="proposals-title" class="utrecht-heading-2">{t.brokerProposalsTitle}</h2>
      {items === null && <p class="utrecht-paragraph">{t.loading}</p>}
      {items === 'failed' && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.brokerLoadFailed}</p>}
      {Array.isArray(items) && items.length === 0 && <p class="utrecht-paragraph">{t.brokerProposalsNone}</p>}
      {Array.isArray(items) && items.length > 0 && (
        <ul class="noaber-proposals">
          {items.map((p) => (
            <li key={p.id} class="noaber-proposals__item">
              <p class="noaber-proposals__who">{p.helper.displayName}</p>
              <p><span class={`noaber-badge noaber-badge--outcome-${p.outcome}`}>{t[outcomeKey[p.outcome] ?? 'brokerOutcomeOpen']}</span></p>
              <p class="noaber-proposals__meta">
                {fill(t.brokerProposedBy, { name: p.broker.displayName })}{' '}
                <time dateTime={p.createdAt}>{formatDateTime(lang, p.createdAt)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "Opvolgen": a flag with a due date and a short note (PUT/DELETE /broker/queue/{postId}/follow-up). */
function FollowUpSection({ postId, initial }: { postId: string; initial: FollowUp | null }) {
  const { t, lang } = useI18n();
  const [flag, setFlag] = useState<FollowUp | null>(initial);
  const [editing, setEditing] = useState(false);
  const [dueOn, setDueOn] = useState(initial?.dueOn ?? '');
  const [note, setNote] = useState(initial?.note ?? '');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const form = useFormErrors(['dueOn', 'note'], (n) => `followup-${n}`);
  const heading = useRef<HTMLHeadingElement>(null);

  async function save(e: Event) {
    e.preventDefault();
    if (busy) return;
    if (note.length > brokerLimits.followUpNote) {
      return form.show({ fields: { note: { text: fill(t.postErrTooLong, { max: brokerLimits.followUpNote }) } }, general: null });
    }
    setBusy(true);
    try {
      const saved = await setFollowUp(postId, { dueOn: dueOn || null, note: note.trim() || null });
      setFlag(saved);
      setEditing(false);
      form.clear();
      setStatus(t.brokerFollowUpSaved);
      heading.current?.focus();
    } catch (err) {
      form.show(errorsFrom(err, t, lang, ['dueOn', 'note']));
    } finally {
      setBusy(false);
    }
  }
  async function clear() {
    if (busy) return;
    setBusy(true);
    try {
      await clearFollowUp(postId);
      setFlag(null);
      setDueOn('');
      setNote('');
      setStatus(t.brokerFollowUpCleared);
      heading.current?.focus();
    } catch (err) {
      form.show(errorsFrom(err, t, lang, []));
    } finally {
      setBusy(false);
    }
  }
  const showForm = editing || !flag;
  return (
    <section class="noaber-section noaber-broker-followup" aria-labelledby="followup-title">
      <h2 id="followup-title" ref={heading} tabIndex={-1} class="utrecht-heading-2 noaber-focus-heading">{t.brokerFollowUpTitle}</h2>
      <p class="utrecht-paragraph noaber-notice-slot" role="status">{status}</p>
      {flag && !editing && (
        <>
          <p class="utrecht-paragraph">
            <span class="noaber-badge noaber-badge--followup">
              {flag.dueOn ? fill(t.brokerFollowUpOn, { date: formatDay(lang, flag.dueOn) }) : t.brokerFollowUpBadge}
            </span>
          </p>
          {flag.note && <p class="utrecht-paragraph noaber-pre">{flag.note}</p>}
          {flag.flaggedBy && (
            <p class="utrecht-paragraph noaber-small">
              {fill(t.brokerFlaggedBy, { name: flag.flaggedBy.displayName, date: formatDateTime(lang, flag.flaggedAt) })}
            </p>
          )}
          <div class="noaber-actions noaber-actions--row">
            <button type="button" class="utrecht-button utrecht-button--secondary-action" onClick={() => setEditing(true)}>{t.brokerFollowUpChange}</button>
            <button type="button" class="utrecht-button utrecht-button--secondary-action" aria-disabled={busy ? 'true' : undefined} onClick={clear}>
              {t.brokerFollowUpClear}
            </button>
          </div>
        </>
      )}
      {showForm && (
        <>
          {!flag && <p class="utrecht-paragraph">{t.brokerFollowUpIntro}</p>}
          <ErrorSummary errors={form.errors} fields={[['dueOn', t.brokerFollowUpDate], ['note', t.brokerFollowUpNote]]}
            idFor={(n) => `followup-${n}`} summaryRef={form.summaryRef} />
          <form class="noaber-form" noValidate onSubmit={save}>
            <FormField id="followup-dueOn" label={t.brokerFollowUpDate} hint={t.brokerFollowUpDateHint} error={form.errors.fields.dueOn}>
              {(link) => (
                <input {...link} type="date" class="utrecht-textbox utrecht-textbox--html-input noaber-textbox--date"
                  value={dueOn} onInput={(e) => setDueOn(e.currentTarget.value)} />
              )}
            </FormField>
            <TextAreaField id="followup-note" label={t.brokerFollowUpNote} error={form.errors.fields.note}
              value={note} onValue={setNote} max={brokerLimits.followUpNote} rows={3} />
            <div class="noaber-actions noaber-actions--row">
              <button type="submit" class="utrecht-button utrecht-button--primary-action" aria-disabled={busy ? 'true' : undefined}>
                {t.brokerFollowUpSave}
              </button>
              {editing && (
                <button type="button" class="utrecht-button utrecht-button--secondary-action" onClick={() => setEditing(false)}>{t.matchAskCancel}</button>
              )}
            </div>
          </form>
        </>
      )}
    </section>
  );
}

/** Private notes, newest first, append-only; residents never see them. */
function Notes({ postId }: { postId: string }) {
  const { t, lang } = useI18n();
  const list = usePagedList<BrokerNote>((cursor) => listBrokerNotes(postId, cursor));
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const form = useFormErrors(['text'], () => 'note-text');
  useEffect(() => void list.load(null), [postId]); // eslint-disable-line react-hooks/exhaustive-deps
  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    if (!text.trim()) return form.show({ fields: { text: { text: t.errRequired } }, general: null });
    if (text.length > brokerLimits.note) return form.show({ fields: { text: { text: fill(t.postErrTooLong, { max: brokerLimits.note }) } }, general: null });
    setBusy(true);
    try {
      const note = await addBrokerNote(postId, text.trim(), newKey());
      list.setItems((old) => [note, ...(old ?? [])]);
      setText('');
      form.clear();
      setStatus(t.brokerNoteSaved);
    } catch (err) {
      form.show(errorsFrom(err, t, lang, ['text']));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="noaber-section noaber-broker-private" aria-labelledby="notes-title">
      <h2 id="notes-title" class="utrecht-heading-2">{t.brokerNotesTitle} <OnlyBrokers /></h2>
      <p class="utrecht-paragraph">{t.brokerNotesIntro}</p>
      <ErrorSummary errors={form.errors} fields={[['text', t.brokerNoteField]]} idFor={() => 'note-text'} summaryRef={form.summaryRef} />
      <form class="noaber-form" noValidate onSubmit={submit}>
        <TextAreaField id="note-text" label={t.brokerNoteField} error={form.errors.fields.text}
          value={text} onValue={setText} max={brokerLimits.note} rows={3} />
        <button type="submit" class="utrecht-button utrecht-button--secondary-action" aria-disabled={busy ? 'true' : undefined}>
          {t.brokerNoteSave}
        </button>
      </form>
      <p class="utrecht-paragraph noaber-notice-slot" role="status">{status}</p>
      {list.error !== null && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.brokerLoadFailed}</p>}
      {list.items?.length === 0 && <p class="utrecht-paragraph">{t.brokerNotesNone}</p>}
      {list.items && list.items.length > 0 && (
        <ul class="noaber-broker-notes">
          {list.items.map((n) => (
            <li key={n.id}>
              <p class="noaber-broker-notes__meta">
                {n.author?.displayName ?? t.brokerSomeone} · <time dateTime={n.createdAt}>{formatDateTime(lang, n.createdAt)}</time>
              </p>
              <p class="noaber-pre">{n.text}</p>
            </li>
          ))}
        </ul>
      )}
      <MoreButton list={list} />
    </section>
  );
}
