import { useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import {
  invite, messageMax, newKey, postSuggestions, respond, type HelperSuggestion, type Post,
} from '../../api/market';
import { ApiError } from '../../api/problem';
import type { Me } from '../../api/types';
import { fill } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { errorsFrom } from '../../i18n/problems';
import { ErrorSummary } from '../ErrorSummary';
import { TextAreaField } from '../signals/TextAreaField';
import { useFormErrors } from '../useFormErrors';
import { Reasons } from './Reasons';

/**
 * "Wie kan helpen?" on a request, for its author and for a broker of its
 * area (GET /posts/{id}/suggestions; the API says who may see it: on a 404
 * the section stays away). Each person can be asked privately.
 */
export function HelperSuggestions({ post, me, broker }: { post: Post; me: Me; broker: boolean }) {
  const { t } = useI18n();
  const [items, setItems] = useState<HelperSuggestion[] | null>(null);
  const [state, setState] = useState<'loading' | 'ok' | 'hidden' | 'failed'>('loading');
  useEffect(() => {
    postSuggestions(post.id, 5).then(
      (page) => { setItems(page.items); setState('ok'); },
      (err) => setState(err instanceof ApiError && err.status === 404 ? 'hidden' : 'failed'),
    );
  }, [post.id]);
  if (state === 'hidden') return null;
  return (
    <section class="noaber-section" aria-labelledby="who-title">
      <h2 id="who-title" class="utrecht-heading-2">{t.matchWhoTitle}</h2>
      {state === 'loading' && <p class="utrecht-paragraph">{t.loading}</p>}
      {state === 'failed' && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.marketLoadFailed}</p>}
      {items?.length === 0 && <p class="utrecht-paragraph">{t.matchWhoNone}</p>}
      {items && items.length > 0 && (
        <>
          <p class="utrecht-paragraph">{broker ? t.matchWhoIntroBroker : t.matchWhoIntro}</p>
          <ul class="noaber-match-list">
            {items.map((h) => <HelperItem key={h.person.id} post={post} me={me} broker={broker} helper={h} />)}
          </ul>
        </>
      )}
    </section>
  );
}

function HelperItem({ post, me, broker, helper }: { post: Post; me: Me; broker: boolean; helper: HelperSuggestion }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  const name = helper.person.displayName;
  const formId = `ask-${helper.person.id}`;
  return (
    <li class="noaber-match-card">
      <h3 class="noaber-match-card__name">{fill(t.matchFrom, { name, place: helper.person.neighbourhood.name })}</h3>
      <Reasons reasons={helper.reasons} />
      {sent && <p role="status" class="utrecht-paragraph noaber-notice">{fill(t.matchAskSent, { name })}</p>}
      {!sent && !open && (
        <button type="button" class="utrecht-button utrecht-button--primary-action noaber-submit" onClick={() => setOpen(true)}>
          {fill(t.matchAskButton, { name })}
        </button>
      )}
      {!sent && open && (
        <AskForm id={formId} post={post} me={me} broker={broker} helper={helper}
          onCancel={() => setOpen(false)} onSent={() => setSent(true)} />
      )}
    </li>
  );
}

/**
 * The small form behind "Vraag [naam]". The author responds to the helper's
 * offer when there is one, else invites them (POST /posts/{id}/invitations)
 * and goes to the conversation; a broker always invites (proposes a match)
 * and stays here: the conversation is the two neighbours'.
 */
function AskForm({ id, post, me, broker, helper, onCancel, onSent }: {
  id: string; post: Post; me: Me; broker: boolean; helper: HelperSuggestion; onCancel: () => void; onSent: () => void;
}) {
  const { t, lang } = useI18n();
  const { route } = useLocation();
  const name = helper.person.displayName;
  const fieldId = `${id}-message`;
  const [text, setText] = useState(() =>
    fill(broker ? t.matchAskDefaultBroker : t.matchAskDefault, { name, title: post.title, me: me.displayName }));
  const [busy, setBusy] = useState(false);
  const [already, setAlready] = useState(false);
  const form = useFormErrors(['message'], () => fieldId);
  // The button that opened the form is gone: put the focus in the message.
  useEffect(() => document.getElementById(fieldId)?.focus(), [fieldId]);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!text.trim()) return form.show({ fields: { message: { text: t.errRequired } }, general: null });
    if (text.length > messageMax) return form.show({ fields: { message: { text: fill(t.postErrTooLong, { max: messageMax }) } }, general: null });
    setBusy(true);
    try {
      const conv = !broker && helper.offerId
        ? await respond(helper.offerId, text.trim(), newKey())
        : await invite(post.id, helper.person.id, text.trim(), newKey());
      if (broker) onSent();
      else route(`/gesprekken/${encodeURIComponent(conv.id)}`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setAlready(true);
      else form.show(errorsFrom(err, t, lang, ['message']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div id={id} class="noaber-match-card__form">
      <ErrorSummary errors={form.errors} fields={[['message', fill(t.matchAskField, { name })]]} idFor={() => fieldId} summaryRef={form.summaryRef} />
      {already && (
        <p role="alert" class="utrecht-paragraph noaber-notice">
          {t.matchAskAlready} <a class="utrecht-link" href="/gesprekken">{t.conversationsTitle}</a>
        </p>
      )}
      <form class="noaber-form" noValidate onSubmit={submit}>
        <TextAreaField id={fieldId} label={fill(t.matchAskField, { name })} hint={fill(t.matchAskHint, { name })}
          error={form.errors.fields.message} value={text} onValue={setText} max={messageMax} rows={5} />
        <div class="noaber-actions">
          <button type="submit" class="utrecht-button utrecht-button--primary-action noaber-submit" aria-disabled={busy ? 'true' : undefined}>
            {busy ? t.postSending : t.matchAskSend}
          </button>
          <button type="button" class="utrecht-button utrecht-button--secondary-action noaber-submit" onClick={onCancel}>
            {t.matchAskCancel}
          </button>
        </div>
      </form>
    </div>
  );
}
