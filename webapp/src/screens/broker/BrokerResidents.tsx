import { useLocation, useRoute } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import {
  brokerLimits, createManagedResident, getManagedResident, listManagedConversations, listManagedMessages, listManagedResidents,
  markManagedRead, sendManagedMessage, type ManagedConversation, type ManagedMessage, type ManagedResident, type NewManagedResident,
} from '../../api/broker';
import { newKey } from '../../api/market';
import { ApiError } from '../../api/problem';
import { AreaOptions, BrokerGate, formatDay, OnlyBrokers, today, useAreaGroups } from '../../components/broker/BrokerBits';
import { ErrorSummary } from '../../components/ErrorSummary';
import { FormField, TextField } from '../../components/FormField';
import { Choices } from '../../components/signals/Choices';
import { TextAreaField } from '../../components/signals/TextAreaField';
import { useFormErrors } from '../../components/useFormErrors';
import { usePagedList } from '../../components/usePagedList';
import { useTitle } from '../../components/useTitle';
import { fill } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { errorsFrom, type FieldMessage } from '../../i18n/problems';
import { formatDateTime } from '../../market/format';
import { MoreButton } from '../../components/MoreButton';

const rid = encodeURIComponent;

/** /makelaar/bewoners: the people who are not online, whom brokers help. */
export function BrokerResidents() {
  const { t } = useI18n();
  useTitle(t.brokerResidentsTitle);
  return <BrokerGate title={t.brokerResidentsTitle}>{() => <ResidentList />}</BrokerGate>;
}

function ResidentList() {
  const { t, lang } = useI18n();
  const list = usePagedList<ManagedResident, HTMLAnchorElement>((cursor) => listManagedResidents(cursor));
  useEffect(() => void list.load(null), []); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div class="noaber-broker-wide">
      <h1 class="utrecht-heading-1">{t.brokerResidentsTitle}</h1>
      <p class="utrecht-paragraph">{t.brokerResidentsIntro}</p>
      <p class="utrecht-paragraph">
        <a class="utrecht-button utrecht-button--primary-action noaber-button-link" href="/makelaar/bewoners/nieuw">{t.brokerResidentAdd}</a>
      </p>
      {list.error !== null && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.brokerLoadFailed}</p>}
      {list.items === null && list.error === null && <p class="utrecht-paragraph">{t.loading}</p>}
      {list.items?.length === 0 && <p class="utrecht-paragraph">{t.brokerResidentsEmpty}</p>}
      {list.items && list.items.length > 0 && (
        <ul class="noaber-queue noaber-residents">
          {list.items.map((r, i) => (
            <li key={r.id} class="noaber-queue__item">
              <h2 class="noaber-queue__title">
                <a ref={list.isFirstNew(i) ? list.firstNew : undefined} class="utrecht-link" href={`/makelaar/bewoners/${rid(r.id)}`}>{r.displayName}</a>
              </h2>
              <p class="noaber-queue__who">{r.neighbourhood.name}</p>
              <p class="noaber-small">{fill(t.brokerConsentOn, { date: formatDay(lang, r.consentAt) })}</p>
              {r.unreadMessages > 0 && (
                <p><span class="noaber-badge noaber-badge--followup">
                  {r.unreadMessages === 1 ? t.brokerOneUnread : fill(t.brokerUnread, { n: r.unreadMessages })}
                </span></p>
              )}
            </li>
          ))}
        </ul>
      )}
      <MoreButton list={list} />
    </div>
  );
}

const fields = ['displayName', 'where', 'postcode', 'neighbourhoodId', 'phone', 'consentAt', 'consentNote'];
const idFor = (name: string) => `resident-${name}`;

/** /makelaar/bewoners/nieuw: a profile for someone who is not online, with their consent. */
export function BrokerResidentNew() {
  const { t } = useI18n();
  useTitle(t.brokerResidentNewTitle);
  return <BrokerGate title={t.brokerResidentNewTitle}>{() => <ResidentForm />}</BrokerGate>;
}

function ResidentForm() {
  const { t, lang } = useI18n();
  const { route } = useLocation();
  const { groups } = useAreaGroups();
  const [v, setV] = useState({ displayName: '', where: 'postcode', postcode: '', neighbourhoodId: '', phone: '', consentAt: today(), consentNote: '' });
  const [busy, setBusy] = useState(false);
  const [key] = useState(newKey);
  const form = useFormErrors(fields, idFor);
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const problems: Record<string, FieldMessage> = {};
    if (!v.displayName.trim()) problems.displayName = { text: t.errRequired };
    else if (v.displayName.trim().length > brokerLimits.displayName) problems.displayName = { text: t.errDisplayNameLong };
    if (v.where === 'postcode' && !v.postcode.trim()) problems.postcode = { text: t.errRequired };
    if (v.where === 'neighbourhood' && !v.neighbourhoodId) problems.neighbourhoodId = { text: t.brokerErrChooseNeighbourhood };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.consentAt)) problems.consentAt = { text: t.brokerErrConsentDate };
    if (v.consentNote.length > brokerLimits.consentNote) problems.consentNote = { text: fill(t.postErrTooLong, { max: brokerLimits.consentNote }) };
    if (Object.keys(problems).length) return form.show({ fields: problems, general: null });
    const body: NewManagedResident = {
      displayName: v.displayName.trim(), consentAt: v.consentAt, consentNote: v.consentNote.trim() || null,
      ...(v.where === 'postcode' ? { postcode: v.postcode.trim() } : { neighbourhoodId: v.neighbourhoodId }),
      ...(v.phone.trim() ? { phone: v.phone.trim() } : {}),
    };
    setBusy(true);
    try {
      const r = await createManagedResident(body, key);
      route(`/makelaar/bewoners/${rid(r.id)}`);
    } catch (err) {
      const shown = errorsFrom(err, t, lang, fields);
      if (shown.fields.consentAt) shown.fields.consentAt = { text: t.brokerErrConsentDate, reason: shown.fields.consentAt.reason };
      form.show(shown);
    } finally {
      setBusy(false);
    }
  }

  const err = form.errors.fields;
  const labels: [string, string][] = [
    ['displayName', t.brokerResidentName], ['postcode', t.fieldPostcode], ['neighbourhoodId', t.brokerResidentNeighbourhood],
    ['phone', t.brokerResidentPhone], ['consentAt', t.brokerConsentAt], ['consentNote', t.brokerConsentNote],
  ];
  return (
    <>
      <h1 class="utrecht-heading-1">{t.brokerResidentNewTitle}</h1>
      <p class="utrecht-paragraph">{t.brokerResidentNewIntro}</p>
      <ErrorSummary errors={form.errors} fields={labels} idFor={idFor} summaryRef={form.summaryRef} />
      <form class="noaber-form" noValidate onSubmit={submit}>
        <TextField id={idFor('displayName')} label={t.brokerResidentName} hint={t.brokerResidentNameHint} error={err.displayName}
          value={v.displayName} onValue={set('displayName')} maxLength={80} />
        <Choices id={idFor('where')} name="where" type="radio" legend={t.brokerResidentWhere} selected={[v.where]}
          onToggle={(value) => set('where')(value)}
          choices={[{ value: 'postcode', title: t.brokerResidentByPostcode }, { value: 'neighbourhood', title: t.brokerResidentByNeighbourhood }]} />
        {v.where === 'postcode' ? (
          <TextField id={idFor('postcode')} label={t.fieldPostcode} hint={t.brokerResidentPostcodeHint} error={err.postcode}
            value={v.postcode} onValue={set('postcode')} size="postcode" maxLength={7} autocomplete="off" />
        ) : (
          <FormField id={idFor('neighbourhoodId')} label={t.brokerResidentNeighbourhood} error={err.neighbourhoodId}>
            {(link) => (
              <select {...link} class="utrecht-select utrecht-select--html-select" value={v.neighbourhoodId}
                onChange={(e) => set('neighbourhoodId')(e.currentTarget.value)}>
                <option value="">{groups ? t.brokerChooseNeighbourhood : t.loading}</option>
                {groups && <AreaOptions groups={groups} />}
              </select>
            )}
          </FormField>
        )}
        <TextField id={idFor('phone')} label={t.brokerResidentPhone} hint={t.brokerResidentPhoneHint} error={err.phone}
          type="tel" inputMode="tel" value={v.phone} onValue={set('phone')} maxLength={20} />
        <FormField id={idFor('consentAt')} label={t.brokerConsentAt} hint={t.brokerConsentAtHint} error={err.consentAt}>
          {(link) => (
            <input {...link} type="date" class="utrecht-textbox utrecht-textbox--html-input noaber-textbox--date"
              value={v.consentAt} onInput={(e) => set('consentAt')(e.currentTarget.value)} />
          )}
        </FormField>
        <TextAreaField id={idFor('consentNote')} label={t.brokerConsentNote} hint={t.brokerConsentNoteHint} error={err.consentNote}
          value={v.consentNote} onValue={set('consentNote')} max={brokerLimits.consentNote} rows={3} />
        <button type="submit" class="utrecht-button utrecht-button--primary-action noaber-submit" aria-disabled={busy ? 'true' : undefined}>
          {busy ? t.postSending : t.brokerResidentSave}
        </button>
      </form>
      <p class="utrecht-paragraph"><a class="utrecht-link noaber-action-link" href="/makelaar/bewoners">{t.brokerBackToResidents}</a></p>
    </>
  );
}

function useResident(id: string) {
  const [r, setR] = useState<ManagedResident | null | 'failed'>(null);
  useEffect(() => {
    getManagedResident(id).then(setR, () => setR('failed'));
  }, [id]);
  return r;
}

function Missing({ title }: { title: string }) {
  const { t } = useI18n();
  return (
    <>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p role="alert" class="utrecht-paragraph noaber-error-text">{t.brokerResidentMissing}</p>
      <p class="utrecht-paragraph"><a class="utrecht-link noaber-action-link" href="/makelaar/bewoners">{t.brokerBackToResidents}</a></p>
    </>
  );
}

/** /makelaar/bewoners/:id: one managed resident, their conversations, and posting for them. */
export function BrokerResident() {
  const { t } = useI18n();
  const { params } = useRoute();
  useTitle(t.brokerResidentTitle);
  return <BrokerGate title={t.brokerResidentTitle}>{() => <ResidentPage id={params.id} />}</BrokerGate>;
}

function ResidentPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const r = useResident(id);
  const [convs, setConvs] = useState<ManagedConversation[] | null | 'failed'>(null);
  useEffect(() => {
    listManagedConversations(id).then((p) => setConvs(p.items), () => setConvs('failed'));
  }, [id]);
  useTitle(r && r !== 'failed' ? r.displayName : t.brokerResidentTitle);
  if (r === null) return <p class="utrecht-paragraph">{t.loading}</p>;
  if (r === 'failed') return <Missing title={t.brokerResidentTitle} />;
  return (
    <>
      <p class="utrecht-paragraph"><a class="utrecht-link noaber-action-link" href="/makelaar/bewoners">{t.brokerBackToResidents}</a></p>
      <h1 class="utrecht-heading-1 noaber-break">{r.displayName}</h1>
      <p class="utrecht-paragraph">{t.brokerResidentNotOnline}</p>
      <section class="noaber-card noaber-broker-private" aria-labelledby="resident-details">
        <h2 id="resident-details" class="utrecht-heading-2">{t.brokerResidentDetails} <OnlyBrokers /></h2>
        <dl class="noaber-details">
          <dt>{t.brokerResidentNeighbourhood}</dt><dd>{r.neighbourhood.name}</dd>
          <dt>{t.brokerPhoneLabel}</dt><dd>{r.phone ?? t.brokerNone}</dd>
          <dt>{t.brokerConsentAt}</dt><dd>{formatDay(lang, r.consentAt)}</dd>
          {r.consentNote && <><dt>{t.brokerConsentNoteLabel}</dt><dd class="noaber-pre">{r.consentNote}</dd></>}
          {r.managedBy && <><dt>{t.brokerManagedBy}</dt><dd>{r.managedBy.displayName}</dd></>}
        </dl>
      </section>
      <ul class="noaber-link-list">
        <li>
          <a class="utrecht-button utrecht-button--primary-action noaber-button-link" href={`/vragen/nieuw?soort=vraag&namens=${rid(r.id)}`}>
            {fill(t.brokerPostFor, { name: r.displayName })}
          </a>
        </li>
        <li>
          <a class="utrecht-link noaber-action-link" href={`/vragen/nieuw?soort=aanbod&namens=${rid(r.id)}`}>
            {fill(t.brokerOfferFor, { name: r.displayName })}
          </a>
        </li>
      </ul>
      <section class="noaber-section" aria-labelledby="resident-convs">
        <h2 id="resident-convs" class="utrecht-heading-2">{t.brokerResidentConversations}</h2>
        <p class="utrecht-paragraph">{fill(t.brokerResidentConversationsIntro, { name: r.displayName })}</p>
        {convs === null && <p class="utrecht-paragraph">{t.loading}</p>}
        {convs === 'failed' && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.brokerLoadFailed}</p>}
        {Array.isArray(convs) && convs.length === 0 && <p class="utrecht-paragraph">{t.brokerResidentNoConversations}</p>}
        {Array.isArray(convs) && convs.length > 0 && (
          <ul class="noaber-conversation-list">
            {convs.map((c) => (
              <li key={c.id} class={`noaber-conversation-list__item${c.unreadCount ? ' noaber-conversation-list__item--unread' : ''}`}>
                <a class="utrecht-link noaber-action-link" href={`/makelaar/bewoners/${rid(r.id)}/gesprekken/${rid(c.id)}`}>
                  {fill(t.brokerConversationWith, { name: c.other.displayName })}
                </a>
                <p class="noaber-small">
                  {c.post.title} · <time dateTime={c.lastMessageAt}>{formatDateTime(lang, c.lastMessageAt)}</time>
                  {c.unreadCount > 0 && <> · <strong>{c.unreadCount === 1 ? t.brokerOneUnread : fill(t.brokerUnread, { n: c.unreadCount })}</strong></>}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** /makelaar/bewoners/:id/gesprekken/:cid: the broker writes for the resident (the intermediary chat). */
export function BrokerResidentConversation() {
  const { t } = useI18n();
  const { params } = useRoute();
  useTitle(t.brokerChatTitle);
  return <BrokerGate title={t.brokerChatTitle}>{() => <Chat id={params.id} cid={params.cid} />}</BrokerGate>;
}

function Chat({ id, cid }: { id: string; cid: string }) {
  const { t, lang } = useI18n();
  const r = useResident(id);
  const [conv, setConv] = useState<ManagedConversation | null>(null);
  const [messages, setMessages] = useState<ManagedMessage[] | null | 'failed'>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<FieldMessage | undefined>();
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    listManagedConversations(id).then((p) => setConv(p.items.find((c) => c.id === cid) ?? null), () => undefined);
    listManagedMessages(id, cid).then((p) => {
      setMessages([...p.items].reverse());
      markManagedRead(id, cid).catch(() => undefined);
    }, () => setMessages('failed'));
  }, [id, cid]);
  const name = r && r !== 'failed' ? r.displayName : '';
  const title = conv ? fill(t.brokerChatWith, { name, other: conv.other.displayName }) : t.brokerChatTitle;
  useTitle(title);
  if (r === 'failed') return <Missing title={t.brokerChatTitle} />;
  if (r === null || messages === null) return <p class="utrecht-paragraph">{t.loading}</p>;

  async function send(e: Event) {
    e.preventDefault();
    if (busy) return;
    setGeneral(null);
    const body = text.trim();
    if (!body || body.length > brokerLimits.message) {
      setError({ text: body ? fill(t.postErrTooLong, { max: brokerLimits.message }) : t.errRequired });
      return document.getElementById('managed-message')?.focus();
    }
    setError(undefined);
    setBusy(true);
    try {
      const m = await sendManagedMessage(id, cid, body, newKey());
      setMessages((old) => [...(Array.isArray(old) ? old : []), m]);
      setText('');
    } catch (err) {
      const f = errorsFrom(err, t, lang, ['body']);
      setError(f.fields.body);
      setGeneral(f.fields.body ? null : err instanceof ApiError && err.status === 404 ? t.conversationGone : f.general);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <p class="utrecht-paragraph"><a class="utrecht-link noaber-action-link" href={`/makelaar/bewoners/${rid(id)}`}>{fill(t.brokerBackToResident, { name })}</a></p>
      <h1 class="utrecht-heading-1 noaber-break">{title}</h1>
      {conv && (
        <p class="utrecht-paragraph">
          {conv.post.kind === 'offer' ? t.conversationAboutOffer : t.conversationAboutRequest}{' '}
          <a class="utrecht-link" href={`/vragen/${rid(conv.post.id)}`}>{conv.post.title}</a>
        </p>
      )}
      <p class="utrecht-paragraph noaber-notice">{fill(t.brokerChatIntro, { name })}</p>
      <section class="noaber-section" aria-labelledby="messages-title">
        <h2 id="messages-title" class="utrecht-heading-2">{t.messagesTitle}</h2>
        {messages === 'failed' && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.brokerLoadFailed}</p>}
        {Array.isArray(messages) && messages.length === 0 && <p class="utrecht-paragraph">{t.messagesNone}</p>}
        {Array.isArray(messages) && (
          <ol class="noaber-messages">
            {messages.map((m) => (
              <li key={m.id} class={`noaber-message${m.mine ? ' noaber-message--mine' : ''}`}>
                <p class="noaber-message__who">
                  {m.sender.displayName}
                  {m.sentByBroker && <> {fill(t.brokerSentVia, { name: m.sentByBroker.displayName })}</>}
                  <span class="noaber-visually-hidden">, </span>
                  <time class="noaber-message__when" dateTime={m.createdAt}>{formatDateTime(lang, m.createdAt)}</time>
                </p>
                <p class="noaber-message__body noaber-pre">{m.body}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
      {general && <p role="alert" class="utrecht-paragraph noaber-error-text">{general}</p>}
      <form class="noaber-form noaber-send-box" noValidate onSubmit={send}>
        <TextAreaField id="managed-message" label={fill(t.brokerChatField, { name })} error={error} value={text} onValue={setText}
          max={brokerLimits.message} rows={3} />
        <button type="submit" class="utrecht-button utrecht-button--primary-action noaber-submit" aria-disabled={busy ? 'true' : undefined}>
          {t.messageSend}
        </button>
      </form>
    </>
  );
}
