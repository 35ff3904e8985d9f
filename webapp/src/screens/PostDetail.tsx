import { useLocation, useRoute } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import {
  acceptResponse, blockUser, getPost, messageMax, newKey, postResponses, renewPost, respond, withdrawPost,
  type Conversation, type Post,
} from '../api/market';
import type { Me } from '../api/types';
import { ApiError } from '../api/problem';
import { ErrorSummary } from '../components/ErrorSummary';
import { HelperSuggestions } from '../components/matching/HelperSuggestions';
import { Confirm } from '../components/market/Confirm';
import { CategoryLine, KindBadge } from '../components/market/PostBits';
import { SignedIn } from '../components/market/SignedIn';
import { useCategories } from '../components/market/useCategories';
import { TextAreaField } from '../components/signals/TextAreaField';
import { useFormErrors } from '../components/useFormErrors';
import { useTitle } from '../components/useTitle';
import { fill } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { FacilityHint } from '../components/facilities/FacilityHint';
import { ReportSection } from '../components/moderation/ReportSection';
import { errorsFrom } from '../i18n/problems';
import { distanceText, formatDate, formatDateTime, momentText, postStatusKey } from '../market/format';

type Load = { state: 'loading' } | { state: 'ok'; post: Post } | { state: 'missing' } | { state: 'failed' };

/** /vragen/:id: one request or offer. Others can react; the author sees the reactions and manages the post. */
export function PostDetail() {
  const { t } = useI18n();
  const { params } = useRoute();
  useTitle(t.postDetailTitle);
  return <SignedIn>{(me) => <PostView id={params.id} me={me} />}</SignedIn>;
}

function PostView({ id, me }: { id: string; me: Me }) {
  const { t, lang } = useI18n();
  const { categories } = useCategories();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [blocked, setBlocked] = useState(false);
  const reload = () =>
    getPost(id).then(
      (post) => setLoad({ state: 'ok', post }),
      (err) => setLoad(err instanceof ApiError && err.status === 404 ? { state: 'missing' } : { state: 'failed' }),
    );
  useEffect(() => void reload(), [id]); // eslint-disable-line react-hooks/exhaustive-deps

  const back = <p class="utrecht-paragraph"><a class="utrecht-link noaber-action-link" href="/vragen">{t.postBackToFeed}</a></p>;
  if (load.state !== 'ok') {
    return (
      <>
        <h1 class="utrecht-heading-1">{t.postDetailTitle}</h1>
        {load.state === 'loading' ? <p class="utrecht-paragraph">{t.loading}</p>
          : <p role="alert" class="utrecht-paragraph noaber-error-text">{load.state === 'missing' ? t.postNotFound : t.marketLoadFailed}</p>}
        {back}
      </>
    );
  }
  const p = load.post;
  const when = momentText(t, lang, p);
  if (blocked) {
    return (
      <>
        <h1 class="utrecht-heading-1">{fill(t.blockDoneTitle, { name: p.author.displayName })}</h1>
        <p class="utrecht-paragraph">{t.blockDoneText}</p>
        <ul class="noaber-link-list">
          <li><a class="utrecht-link noaber-action-link" href="/vragen">{t.postBackToFeed}</a></li>
          <li><a class="utrecht-link noaber-action-link" href="/geblokkeerd">{t.blockedTitle}</a></li>
        </ul>
      </>
    );
  }
  return (
    <>
      <p class="noaber-post-card__top">
        <KindBadge kind={p.kind} />
        <CategoryLine categories={categories} id={p.category} />
      </p>
      <h1 class="utrecht-heading-1">{p.title}</h1>
      {p.status !== 'open' && (
        <p class="utrecht-paragraph noaber-notice">{t.postStatusLabel}: {t[postStatusKey(p.status)]}</p>
      )}
      <p class="utrecht-paragraph noaber-pre noaber-post-body">{p.body}</p>
      <dl class="noaber-details">
        <dt>{p.kind === 'offer' ? t.postOfferedBy : t.postAskedBy}</dt>
        <dd>{p.mine ? t.marketByYou : p.author.displayName}{p.organisation ? ` (${p.organisation.name})` : ''}</dd>
        {p.author.neighbourhood && (<><dt>{t.postNeighbourhood}</dt><dd>{p.author.neighbourhood.name}</dd></>)}
        {!p.mine && (<><dt>{t.postDistance}</dt><dd>{distanceText(t, lang, p)}</dd></>)}
        {when && (<><dt>{t.marketWhen}</dt><dd>{when}</dd></>)}
        <dt>{t.marketPlaced}</dt><dd><time dateTime={p.createdAt}>{formatDateTime(lang, p.createdAt)}</time></dd>
        {p.mine && (<><dt>{t.postExpires}</dt><dd><time dateTime={p.expiresAt}>{formatDate(lang, p.expiresAt)}</time></dd></>)}
      </dl>
      {p.kind === 'request' && <FacilityHint category={p.category} />}
      {p.kind === 'request' && p.status === 'open' && (p.mine || me.roles.includes('broker')) && (
        <HelperSuggestions post={p} me={me} broker={!p.mine} />
      )}
      {p.mine ? <AuthorPart post={p} onChange={reload} /> : (
        <>
          <RespondPart post={p} />
          <section class="noaber-section" aria-labelledby="block-title">
            <h2 id="block-title" class="utrecht-heading-2">{t.blockTitle}</h2>
            <p class="utrecht-paragraph">{t.blockIntro}</p>
            <BlockButton userId={p.author.id} name={p.author.displayName} onDone={() => setBlocked(true)} />
          </section>
          <ReportSection post={p} />
        </>
      )}
      {back}
    </>
  );
}

export function BlockButton({ userId, name, onDone }: { userId: string; name: string; onDone: () => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const go = async () => {
    setBusy(true);
    setFailed(false);
    try {
      await blockUser(userId);
      onDone();
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Confirm label={t.blockButton} question={fill(t.blockQuestion, { name })} yes={t.blockYes} no={t.confirmNo}
        onYes={go} danger busy={busy} />
      {failed && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.errFailed}</p>}
    </>
  );
}

function RespondPart({ post }: { post: Post }) {
  const { t, lang } = useI18n();
  const { route } = useLocation();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(['message'], () => 'respond-message');
  if (post.myConversationId) {
    return (
      <p class="utrecht-paragraph">
        <a class="utrecht-button utrecht-button--primary-action noaber-button-link" href={`/gesprekken/${encodeURIComponent(post.myConversationId)}`}>
          {t.postGoToConversation}
        </a>
      </p>
    );
  }
  if (post.status !== 'open') return null;
  const offer = post.kind === 'offer';
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!text.trim()) return form.show({ fields: { message: { text: t.errRequired } }, general: null });
    if (text.length > messageMax) return form.show({ fields: { message: { text: fill(t.postErrTooLong, { max: messageMax }) } }, general: null });
    setBusy(true);
    try {
      const conv = await respond(post.id, text.trim(), newKey());
      route(`/gesprekken/${encodeURIComponent(conv.id)}`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        const existing = await getPost(post.id).then((p) => p.myConversationId, () => null);
        if (existing) return route(`/gesprekken/${encodeURIComponent(existing)}`);
      }
      form.show(errorsFrom(err, t, lang, ['message']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="noaber-section" aria-labelledby="respond-title">
      <h2 id="respond-title" class="utrecht-heading-2">{offer ? t.respondOfferTitle : t.respondTitle}</h2>
      <p class="utrecht-paragraph">{offer ? t.respondOfferIntro : t.respondIntro}</p>
      <ErrorSummary errors={form.errors} fields={[['message', t.respondField]]} idFor={() => 'respond-message'} summaryRef={form.summaryRef} />
      <form class="noaber-form" noValidate onSubmit={submit}>
        <TextAreaField id="respond-message" label={t.respondField} hint={offer ? t.respondOfferHint : t.respondHint}
          error={form.errors.fields.message} value={text} onValue={setText} max={messageMax} rows={4} />
        <button type="submit" class="utrecht-button utrecht-button--primary-action noaber-submit" aria-disabled={busy ? 'true' : undefined}>
          {busy ? t.postSending : offer ? t.respondOfferButton : t.respondButton}
        </button>
      </form>
    </section>
  );
}

function AuthorPart({ post, onChange }: { post: Post; onChange: () => void }) {
  const { t } = useI18n();
  const { route } = useLocation();
  const [responses, setResponses] = useState<Conversation[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    postResponses(post.id, null).then((page) => setResponses(page.items), () => setFailed(true));
  }, [post.id]);

  const act = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      await fn();
      setMessage(done);
      onChange();
    } catch {
      setMessage(t.errFailed);
    } finally {
      setBusy(false);
    }
  };
  const accept = async (c: Conversation) => {
    setBusy(true);
    setMessage(null);
    try {
      const ex = await acceptResponse(c.id, newKey());
      route(`/afspraken/${encodeURIComponent(ex.id)}`);
    } catch (err) {
      setMessage(err instanceof ApiError && err.status === 409 ? t.acceptConflict : t.errFailed);
      setBusy(false);
    }
  };

  return (
    <>
      <section class="noaber-section" aria-labelledby="responses-title">
        <h2 id="responses-title" class="utrecht-heading-2">{t.responsesTitle}</h2>
        {failed && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.marketLoadFailed}</p>}
        {responses === null && !failed && <p class="utrecht-paragraph">{t.loading}</p>}
        {responses?.length === 0 && <p class="utrecht-paragraph">{post.kind === 'offer' ? t.responsesNoneOffer : t.responsesNone}</p>}
        {responses && responses.length > 0 && (
          <ul class="noaber-conversation-list">
            {responses.map((c) => (
              <li key={c.id} class="noaber-conversation-list__item">
                <p class="noaber-conversation-list__who">{c.other.displayName}
                  {c.other.neighbourhood && <span class="noaber-muted"> · {c.other.neighbourhood.name}</span>}</p>
                {c.lastMessage && <p class="utrecht-paragraph noaber-conversation-list__last">{c.lastMessage.body}</p>}
                <div class="noaber-actions">
                  <a class="utrecht-link noaber-action-link" href={`/gesprekken/${encodeURIComponent(c.id)}`}>
                    {fill(t.responsesOpen, { name: c.other.displayName })}
                  </a>
                  {c.canAccept && (
                    <button type="button" class="utrecht-button utrecht-button--primary-action noaber-submit"
                      aria-disabled={busy ? 'true' : undefined} onClick={() => !busy && accept(c)}>
                      {fill(t.acceptButtonWith, { name: c.other.displayName })}
                    </button>
                  )}
                  {c.exchange && (
                    <a class="utrecht-link noaber-action-link" href={`/afspraken/${encodeURIComponent(c.exchange.id)}`}>{t.exchangeView}</a>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="noaber-section" aria-labelledby="manage-title">
        <h2 id="manage-title" class="utrecht-heading-2">{t.postManageTitle}</h2>
        {message && <p role="status" class="utrecht-paragraph noaber-notice">{message}</p>}
        <div class="noaber-actions">
          {post.status === 'open' && (
            <a class="utrecht-button utrecht-button--secondary-action noaber-button-link" href={`/vragen/${encodeURIComponent(post.id)}/bewerken`}>
              {t.postEdit}
            </a>
          )}
          {(post.status === 'open' || post.status === 'expired') && (
            <button type="button" class="utrecht-button utrecht-button--secondary-action noaber-submit" aria-disabled={busy ? 'true' : undefined}
              onClick={() => !busy && act(() => renewPost(post.id), t.postRenewed)}>
              {t.postRenew}
            </button>
          )}
          {post.status === 'open' && (
            <Confirm label={t.postWithdraw} question={t.postWithdrawQuestion} yes={t.postWithdrawYes} no={t.confirmNo} danger busy={busy}
              onYes={() => act(() => withdrawPost(post.id), t.postWithdrawn)} />
          )}
        </div>
      </section>
    </>
  );
}
