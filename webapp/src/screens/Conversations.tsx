import { useLocation, useRoute } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import {
  acceptResponse, getConversation, listConversations, listMessages, markRead, messageMax, newKey, sendMessage,
  type Conversation, type Message,
} from '../api/market';
import { ApiError } from '../api/problem';
import { OutboxList } from '../components/market/OutboxList';
import { ReportAction } from '../components/moderation/ReportAction';
import { SignedIn } from '../components/market/SignedIn';
import { TextAreaField } from '../components/signals/TextAreaField';
import { usePagedList } from '../components/usePagedList';
import { useOnline } from '../components/useOnline';
import { useTitle } from '../components/useTitle';
import { fill } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { errorsFrom, type FieldMessage } from '../i18n/problems';
import { exchangeStatusKey, formatDateTime } from '../market/format';
import { enqueue, useOutboxEvents } from '../market/outboxRuntime';
import { refreshConversationUnread } from '../market/unread';
import { MoreButton } from '../components/MoreButton';

/** /gesprekken: my conversations, newest activity first, with what is unread. */
export function Conversations() {
  const { t } = useI18n();
  useTitle(t.conversationsTitle);
  return <SignedIn>{() => <ConversationList />}</SignedIn>;
}

function ConversationList() {
  const { t, lang } = useI18n();
  const list = usePagedList<Conversation, HTMLAnchorElement>((cursor) => listConversations(cursor));
  useEffect(() => void list.load(null), []); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <>
      <h1 class="utrecht-heading-1">{t.conversationsTitle}</h1>
      <p class="utrecht-paragraph">{t.conversationsIntro}</p>
      {list.error !== null && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.marketLoadFailed}</p>}
      {list.items === null && list.error === null && <p class="utrecht-paragraph">{t.loading}</p>}
      {list.items?.length === 0 && <p class="utrecht-paragraph">{t.conversationsEmpty}</p>}
      {list.items && list.items.length > 0 && (
        <ul class="noaber-conversation-list" aria-label={t.conversationsTitle}>
          {list.items.map((c, i) => (
            <li key={c.id} class={`noaber-conversation-list__item${c.unreadCount ? ' noaber-conversation-list__item--unread' : ''}`}>
              <a ref={list.isFirstNew(i) ? list.firstNew : undefined} class="utrecht-link noaber-conversation-list__link" href={`/gesprekken/${encodeURIComponent(c.id)}`}>
                {fill(t.conversationWith, { name: c.other.displayName })}
                {c.unreadCount > 0 && <span class="noaber-badge noaber-unread-badge">{fill(t.conversationUnread, { n: c.unreadCount })}</span>}
              </a>
              <p class="noaber-conversation-list__post">{c.post.title}</p>
              {c.lastMessage && (
                <p class="noaber-conversation-list__last">
                  {c.lastMessage.mine && <span>{t.conversationYou}: </span>}{c.lastMessage.body}
                </p>
              )}
              <p class="noaber-muted">
                {c.exchange && <span>{t[exchangeStatusKey(c.exchange.status)]} · </span>}
                {c.lastMessageAt && <time dateTime={c.lastMessageAt}>{formatDateTime(lang, c.lastMessageAt)}</time>}
              </p>
            </li>
          ))}
        </ul>
      )}
      <MoreButton list={list} />
    </>
  );
}

/** /gesprekken/:id: one conversation. Newest message at the bottom; older ones on request. */
export function ConversationPage() {
  const { t } = useI18n();
  const { params } = useRoute();
  useTitle(t.conversationTitle);
  return <SignedIn>{() => <ConversationView id={params.id} />}</SignedIn>;
}

const pageSize = 30;
const byTime = (a: Message, b: Message) => a.createdAt.localeCompare(b.createdAt);

function mergeMessages(old: Message[], add: Message[]): Message[] {
  const seen = new Map(old.map((m) => [m.id, m]));
  for (const m of add) seen.set(m.id, m);
  return [...seen.values()].sort(byTime);
}

function ConversationView({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { route } = useLocation();
  const online = useOnline();
  const [conv, setConv] = useState<Conversation | null | 'missing' | 'failed'>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [older, setOlder] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<FieldMessage | undefined>();
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function loadNewest() {
    const page = await listMessages(id, null, pageSize);
    setMessages((old) => mergeMessages(old, page.items));
    setOlder((o) => o ?? page.nextCursor);
    await markRead(id).catch(() => {});
    void refreshConversationUnread();
  }

  useEffect(() => {
    getConversation(id).then(setConv, (err) => setConv(err instanceof ApiError && err.status === 404 ? 'missing' : 'failed'));
    loadNewest().catch(() => setGeneral(t.marketLoadFailed));
    // New messages from the other person: look again when the app comes back into view, and every 20 seconds.
    const again = () => document.visibilityState === 'visible' && loadNewest().catch(() => {});
    const timer = setInterval(again, 20_000);
    document.addEventListener('visibilitychange', again);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', again);
    };
  }, [id]); // eslint-disable-line react-hooks/exhaustive-deps

  useOutboxEvents((e) => {
    if (e.item.conversationId === id && e.decision === 'sent' && e.body) setMessages((old) => mergeMessages(old, [e.body as Message]));
  });

  const loadOlder = async () => {
    if (!older) return;
    setLoadingOlder(true);
    try {
      const page = await listMessages(id, older, pageSize);
      setMessages((old) => mergeMessages(old, page.items));
      setOlder(page.nextCursor);
    } catch {
      setGeneral(t.marketLoadFailed);
    } finally {
      setLoadingOlder(false);
    }
  };

  const send = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setGeneral(null);
    const body = text.trim();
    if (!body) {
      setError({ text: t.errRequired });
      return document.getElementById('message-body')?.focus();
    }
    if (body.length > messageMax) {
      setError({ text: fill(t.postErrTooLong, { max: messageMax }) });
      return document.getElementById('message-body')?.focus();
    }
    setError(undefined);
    const key = newKey();
    const keep = async () => {
      await enqueue({ key, kind: 'message', path: `/conversations/${encodeURIComponent(id)}/messages`, body: { body }, conversationId: id });
      setText('');
    };
    if (!navigator.onLine) return keep();
    setBusy(true);
    try {
      const m = await sendMessage(id, body, key);
      setMessages((old) => mergeMessages(old, [m]));
      setText('');
    } catch (err) {
      if (err instanceof ApiError && ![408, 409].includes(err.status) && err.status < 500) {
        const f = errorsFrom(err, t, lang, ['body']);
        setError(f.fields.body);
        setGeneral(f.fields.body ? null : err.status === 404 ? t.conversationGone : f.general);
      } else await keep();
    } finally {
      setBusy(false);
    }
  };

  const accept = async () => {
    if (typeof conv !== 'object' || !conv) return;
    setBusy(true);
    try {
      const ex = await acceptResponse(conv.id, newKey());
      route(`/afspraken/${encodeURIComponent(ex.id)}`);
    } catch (err) {
      setGeneral(err instanceof ApiError && err.status === 409 ? t.acceptConflict : t.errFailed);
      setBusy(false);
    }
  };

  if (conv === 'missing' || conv === 'failed') {
    return (
      <>
        <h1 class="utrecht-heading-1">{t.conversationTitle}</h1>
        <p role="alert" class="utrecht-paragraph noaber-error-text">{conv === 'missing' ? t.conversationGone : t.marketLoadFailed}</p>
        <p class="utrecht-paragraph"><a class="utrecht-link noaber-action-link" href="/gesprekken">{t.conversationsBack}</a></p>
      </>
    );
  }
  if (!conv) return <p class="utrecht-paragraph">{t.loading}</p>;

  return (
    <>
      <h1 class="utrecht-heading-1">{fill(t.conversationWith, { name: conv.other.displayName })}</h1>
      <p class="utrecht-paragraph">
        {conv.post.kind === 'offer' ? t.conversationAboutOffer : t.conversationAboutRequest}{' '}
        <a class="utrecht-link" href={`/vragen/${encodeURIComponent(conv.post.id)}`}>{conv.post.title}</a>
      </p>
      {conv.exchange && (
        <p class="utrecht-paragraph noaber-notice">
          {t[exchangeStatusKey(conv.exchange.status)]}.{' '}
          <a class="utrecht-link noaber-action-link" href={`/afspraken/${encodeURIComponent(conv.exchange.id)}`}>{t.exchangeView}</a>
        </p>
      )}
      {conv.canAccept && (
        <div class="noaber-card noaber-accept">
          <p class="utrecht-paragraph">{fill(t.acceptIntro, { name: conv.other.displayName })}</p>
          <button type="button" class="utrecht-button utrecht-button--primary-action noaber-submit"
            aria-disabled={busy ? 'true' : undefined} onClick={() => !busy && accept()}>
            {t.acceptButton}
          </button>
        </div>
      )}
      <section class="noaber-section" aria-labelledby="messages-title">
        <h2 id="messages-title" class="utrecht-heading-2">{t.messagesTitle}</h2>
        {older && (
          <button type="button" class="utrecht-button utrecht-button--secondary-action noaber-submit" disabled={loadingOlder} onClick={loadOlder}>
            {t.messagesOlder}
          </button>
        )}
        {messages.length === 0 && <p class="utrecht-paragraph">{t.messagesNone}</p>}
        <ol class="noaber-messages">
          {messages.map((m) => (
            <li key={m.id} class={`noaber-message${m.mine ? ' noaber-message--mine' : ''}`}>
              <p class="noaber-message__who">
                {m.mine ? t.conversationYou : m.sender.displayName}
                <span class="noaber-visually-hidden">, </span>
                <time class="noaber-message__when" dateTime={m.createdAt}>{formatDateTime(lang, m.createdAt)}</time>
              </p>
              <p class="noaber-message__body noaber-pre">{m.body}</p>
              {!m.mine && (
                <ReportAction compact subject="message" subjectId={m.id} label={t.reportMessageButton}
                  ariaLabel={fill(t.reportMessageLabel, { name: m.sender.displayName })} title={t.reportFormTitleMessage} />
              )}
            </li>
          ))}
        </ol>
        <OutboxList filter={(i) => i.kind === 'message' && i.conversationId === id} title={t.outboxMessagesTitle} />
      </section>
      {general && <p role="alert" class="utrecht-paragraph noaber-error-text">{general}</p>}
      <form class="noaber-form noaber-send-box" noValidate onSubmit={send}>
        <TextAreaField id="message-body" label={t.messageField} error={error} value={text} onValue={setText} max={messageMax} rows={3}
          hint={online ? undefined : t.messageOfflineHint} />
        <button type="submit" class="utrecht-button utrecht-button--primary-action noaber-submit" aria-disabled={busy ? 'true' : undefined}>
          {t.messageSend}
        </button>
      </form>
      <p class="utrecht-paragraph"><a class="utrecht-link noaber-action-link" href="/gesprekken">{t.conversationsBack}</a></p>
    </>
  );
}
