import { useLocation, useRoute } from 'preact-iso';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  createPost, getPost, newKey, postLimits, recurrences, updatePost, type Post, type PostInput, type PostKind, type Recurrence,
} from '../api/market';
import { getManagedResident } from '../api/broker';
import { ApiError } from '../api/problem';
import { ErrorSummary } from '../components/ErrorSummary';
import { FormField, TextField } from '../components/FormField';
import { FacilityHint } from '../components/facilities/FacilityHint';
import { OutboxList } from '../components/market/OutboxList';
import { SignedIn } from '../components/market/SignedIn';
import { useCategories } from '../components/market/useCategories';
import { Choices } from '../components/signals/Choices';
import { TextAreaField } from '../components/signals/TextAreaField';
import { useFormErrors } from '../components/useFormErrors';
import { useOnline } from '../components/useOnline';
import { useTitle } from '../components/useTitle';
import { fill } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { errorsFrom, type FieldMessage } from '../i18n/problems';
import type { Strings } from '../i18n/strings';
import { dateToRfc3339, radiusChoices, recurrenceKey, rfc3339ToDate } from '../market/format';
import { enqueue, useOutboxEvents } from '../market/outboxRuntime';

const idFor = (name: string) => `post-${name}`;
const order = ['kind', 'category', 'title', 'body', 'momentText', 'momentAt', 'recurrence', 'radiusKm'];

interface Draft {
  kind: PostKind | '';
  category: string;
  title: string;
  body: string;
  momentText: string;
  momentAt: string;
  recurrence: Recurrence;
  radiusKm: string;
}

const emptyDraft = (kind: PostKind | ''): Draft => ({
  kind, category: '', title: '', body: '', momentText: '', momentAt: '', recurrence: 'once', radiusKm: '2',
});

const draftOf = (p: Post): Draft => ({
  kind: p.kind, category: p.category, title: p.title, body: p.body, momentText: p.momentText ?? '',
  momentAt: rfc3339ToDate(p.momentAt), recurrence: p.recurrence, radiusKm: String(p.radiusKm),
});

/** What the form checks itself; the server checks it all again. */
export function checkDraft(t: Strings, d: Draft): Record<string, FieldMessage> {
  const e: Record<string, FieldMessage> = {};
  if (!d.kind) e.kind = { text: t.postErrKind };
  if (!d.category) e.category = { text: t.postErrCategory };
  const title = d.title.trim();
  if (!title) e.title = { text: t.errRequired };
  else if (title.length < postLimits.title[0]) e.title = { text: t.postErrTitleShort };
  else if (title.length > postLimits.title[1]) e.title = { text: fill(t.postErrTooLong, { max: postLimits.title[1] }) };
  if (!d.body.trim()) e.body = { text: t.errRequired };
  else if (d.body.length > postLimits.body[1]) e.body = { text: fill(t.postErrTooLong, { max: postLimits.body[1] }) };
  if (d.momentText.length > postLimits.momentText) e.momentText = { text: fill(t.postErrTooLong, { max: postLimits.momentText }) };
  if (d.momentAt && !dateToRfc3339(d.momentAt)) e.momentAt = { text: t.postErrDate };
  return e;
}

function toInput(d: Draft): PostInput {
  return {
    kind: d.kind as PostKind, category: d.category, title: d.title.trim(), body: d.body.trim(),
    momentText: d.momentText.trim() || null, momentAt: dateToRfc3339(d.momentAt), recurrence: d.recurrence,
    radiusKm: Number(d.radiusKm) || 2,
  };
}

/** /vragen/nieuw (?soort=vraag|aanbod): ask for help or offer it. */
export function PostNew() {
  const { t } = useI18n();
  const { query } = useLocation();
  const kind: PostKind | '' = query.soort === 'aanbod' ? 'offer' : query.soort === 'vraag' ? 'request' : '';
  useTitle(kind === 'offer' ? t.postNewOfferTitle : t.postNewTitle);
  // ?namens=<id>: a broker posts for a managed resident (onBehalfOf).
  return <SignedIn>{() => <PostFormScreen initial={emptyDraft(kind)} onBehalfOf={query.namens || undefined} />}</SignedIn>;
}

/** /vragen/:id/bewerken: change my open post. */
export function PostEdit() {
  const { t } = useI18n();
  const { params } = useRoute();
  useTitle(t.postEditTitle);
  const [post, setPost] = useState<Post | null | 'failed'>(null);
  useEffect(() => {
    getPost(params.id).then(setPost, () => setPost('failed'));
  }, [params.id]);
  return (
    <SignedIn>{() => post === null ? <p class="utrecht-paragraph">{t.loading}</p>
      : post === 'failed' || !post.mine ? (
        <>
          <h1 class="utrecht-heading-1">{t.postEditTitle}</h1>
          <p role="alert" class="utrecht-paragraph noaber-error-text">{t.postNotFound}</p>
        </>
      ) : <PostFormScreen initial={draftOf(post)} editing={post.id} />}
    </SignedIn>
  );
}

function PostFormScreen({ initial, editing, onBehalfOf }: { initial: Draft; editing?: string; onBehalfOf?: string }) {
  const { t, lang } = useI18n();
  const { route } = useLocation();
  const { categories, failed } = useCategories();
  const online = useOnline();
  const [d, setD] = useState<Draft>(initial);
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState<string | null>(null); // the outbox key of what we wrote
  const [arrived, setArrived] = useState<Post | null>(null);
  const form = useFormErrors(order, idFor);
  const heading = useRef<HTMLHeadingElement>(null);
  const set = <K extends keyof Draft>(k: K) => (v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const [forName, setForName] = useState<string | null | 'missing'>(null);
  useEffect(() => {
    if (onBehalfOf) getManagedResident(onBehalfOf).then((r) => setForName(r.displayName), () => setForName('missing'));
  }, [onBehalfOf]);

  useOutboxEvents((e) => {
    if (e.item.key === waiting && e.decision === 'sent') setArrived(e.body as Post);
  });
  useEffect(() => {
    if (waiting || arrived) heading.current?.focus();
  }, [waiting, arrived]);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const problems = checkDraft(t, d);
    if (Object.keys(problems).length) return form.show({ fields: problems, general: null });
    const input: PostInput & { onBehalfOf?: string } = onBehalfOf ? { ...toInput(d), onBehalfOf } : toInput(d);
    if (editing) {
      setBusy(true);
      try {
        const { kind: _kind, ...rest } = input;
        await updatePost(editing, rest);
        route(`/vragen/${encodeURIComponent(editing)}`);
      } catch (err) {
        form.show(errorsFrom(err, t, lang, order));
      } finally {
        setBusy(false);
      }
      return;
    }
    // The key is made now and kept with the post: if the answer gets lost,
    // the outbox sends the same key again and the server does not make a second post.
    const key = newKey();
    const keep = async () => {
      const item = await enqueue({ key, kind: 'post', path: '/posts', body: input });
      if (item) {
        form.clear();
        setWaiting(key);
      } else form.show({ fields: {}, general: t.errNetwork });
    };
    if (!navigator.onLine) return keep();
    setBusy(true);
    try {
      const post = await createPost(input, key);
      route(`/vragen/${encodeURIComponent(post.id)}`);
    } catch (err) {
      if (err instanceof ApiError && ![408, 409].includes(err.status) && err.status < 500) form.show(errorsFrom(err, t, lang, order));
      else await keep(); // no answer, or "still busy": the outbox tries again with the same key
    } finally {
      setBusy(false);
    }
  }

  if (arrived) {
    return (
      <>
        <h1 ref={heading} tabIndex={-1} class="utrecht-heading-1 noaber-focus-heading">{t.postArrivedTitle}</h1>
        <p class="utrecht-paragraph noaber-promise">{t.postArrivedText}</p>
        <ul class="noaber-link-list">
          {arrived.id && <li><a class="utrecht-link noaber-action-link" href={`/vragen/${encodeURIComponent(arrived.id)}`}>{t.postView}</a></li>}
          <li><a class="utrecht-link noaber-action-link" href="/mijn-vragen">{t.navMyPosts}</a></li>
        </ul>
      </>
    );
  }
  if (waiting) {
    return (
      <>
        <h1 ref={heading} tabIndex={-1} class="utrecht-heading-1 noaber-focus-heading">{t.postWaitingTitle}</h1>
        <p class="utrecht-paragraph">{t.postWaitingText}</p>
        <OutboxList filter={(i) => i.key === waiting} title={t.outboxPostsTitle} />
        <ul class="noaber-link-list">
          <li><a class="utrecht-link noaber-action-link" href="/mijn-vragen">{t.navMyPosts}</a></li>
        </ul>
      </>
    );
  }

  const err = form.errors.fields;
  const labels: [string, string][] = [
    ['kind', t.postFieldKind], ['category', t.marketFieldCategory], ['title', t.postFieldTitle], ['body', t.postFieldBody],
    ['momentText', t.postFieldMoment], ['momentAt', t.postFieldDate], ['recurrence', t.postFieldRecurrence], ['radiusKm', t.postFieldRadius],
  ];
  const offer = d.kind === 'offer';
  const title = editing ? t.postEditTitle : offer ? t.postNewOfferTitle : t.postNewTitle;
  return (
    <>
      <h1 class="utrecht-heading-1">{title}</h1>
      {!editing && <p class="utrecht-paragraph">{t.postNewIntro}</p>}
      {onBehalfOf && forName && (
        <p class={`utrecht-paragraph noaber-notice${forName === 'missing' ? ' noaber-error-text' : ''}`} role="status">
          {forName === 'missing' ? t.brokerPostingForMissing : fill(offer ? t.brokerPostingForOffer : t.brokerPostingFor, { name: forName })}
        </p>
      )}
      <ErrorSummary errors={form.errors} fields={labels} idFor={idFor} summaryRef={form.summaryRef} />
      <form class="noaber-form noaber-post-form" noValidate onSubmit={submit}>
        {!editing && (
          <Choices id={idFor('kind')} name="kind" type="radio" legend={t.postFieldKind} error={err.kind}
            selected={[d.kind]} onToggle={(v) => set('kind')(v as PostKind)}
            choices={[
              { value: 'request', title: t.postKindRequest, hint: t.postKindRequestHint },
              { value: 'offer', title: t.postKindOffer, hint: t.postKindOfferHint },
            ]} />
        )}
        <FormField id={idFor('category')} label={t.marketFieldCategory} error={err.category}
          hint={failed ? t.postCategoriesFailed : undefined}>
          {(link) => (
            <select {...link} class={`utrecht-select utrecht-select--html-select${err.category ? ' utrecht-select--invalid' : ''}`}
              value={d.category} onChange={(e) => set('category')(e.currentTarget.value)}>
              <option value="">{categories ? t.postChooseCategory : t.loading}</option>
              {(categories ?? []).map((c) => <option key={c.id} value={c.id}>{c.labels[lang] || c.labels.nl}</option>)}
            </select>
          )}
        </FormField>
        {d.kind !== 'offer' && <FacilityHint category={d.category} />}
        <TextField id={idFor('title')} label={t.postFieldTitle} hint={offer ? t.postTitleHintOffer : t.postTitleHint}
          error={err.title} value={d.title} onValue={set('title')} maxLength={postLimits.title[1] + 20} />
        <TextAreaField id={idFor('body')} label={t.postFieldBody} hint={offer ? t.postBodyHintOffer : t.postBodyHint}
          error={err.body} value={d.body} onValue={set('body')} max={postLimits.body[1]} rows={5} />
        <TextField id={idFor('momentText')} label={t.postFieldMoment} hint={t.postMomentHint}
          error={err.momentText} value={d.momentText} onValue={set('momentText')} maxLength={postLimits.momentText + 20} />
        <FormField id={idFor('momentAt')} label={t.postFieldDate} hint={t.postDateHint} error={err.momentAt}>
          {(link) => (
            <input {...link} type="date" class="utrecht-textbox utrecht-textbox--html-input noaber-textbox--date"
              value={d.momentAt} onInput={(e) => set('momentAt')(e.currentTarget.value)} />
          )}
        </FormField>
        <FormField id={idFor('recurrence')} label={t.postFieldRecurrence} error={err.recurrence}>
          {(link) => (
            <select {...link} class="utrecht-select utrecht-select--html-select" value={d.recurrence}
              onChange={(e) => set('recurrence')(e.currentTarget.value as Recurrence)}>
              {recurrences.map((r) => <option key={r} value={r}>{t[recurrenceKey(r)]}</option>)}
            </select>
          )}
        </FormField>
        <FormField id={idFor('radiusKm')} label={t.postFieldRadius} hint={t.postRadiusHint} error={err.radiusKm}>
          {(link) => (
            <select {...link} class="utrecht-select utrecht-select--html-select" value={d.radiusKm}
              onChange={(e) => set('radiusKm')(e.currentTarget.value)}>
              {radiusChoices.map((km) => (
                <option key={km} value={String(km)}>
                  {fill(t.postRadiusKm, { km: new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'nl-NL').format(km) })}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {!online && <p class="utrecht-paragraph noaber-notice" role="status">{t.postOfflineNote}</p>}
        <button type="submit" class="utrecht-button utrecht-button--primary-action noaber-submit" aria-disabled={busy ? 'true' : undefined}>
          {busy ? t.postSending : editing ? t.postSave : offer ? t.postSubmitOffer : t.postSubmit}
        </button>
      </form>
    </>
  );
}
