import { useEffect, useRef, useState } from 'preact/hooks';
import { inviteKeyfigure, listKeyfigures, type KeyfigureInvitation } from '../../api/broker';
import { api } from '../../api/client';
import { newKey, type Page } from '../../api/market';
import { ApiError } from '../../api/problem';
import { AreaOptions, BrokerGate, formatDay, useAreaGroups } from '../../components/broker/BrokerBits';
import { ErrorSummary } from '../../components/ErrorSummary';
import { FormField, TextField } from '../../components/FormField';
import { useFormErrors } from '../../components/useFormErrors';
import { usePagedList } from '../../components/usePagedList';
import { useTitle } from '../../components/useTitle';
import { useI18n } from '../../i18n/i18n';
import { errorsFrom, missingFields } from '../../i18n/problems';
import { fill } from '../../i18n/format';
import { MoreButton } from '../../components/MoreButton';

interface Organisation {
  id: string;
  name: string;
}

const fields = ['email', 'name', 'areaId', 'organisationId'];
const idFor = (name: string) => `keyfigure-${name}`;

/** /makelaar/sleutelfiguren: invite key figures for my areas, and see who they are. */
export function BrokerKeyfigures() {
  const { t } = useI18n();
  useTitle(t.brokerKeyfiguresTitle);
  return <BrokerGate title={t.brokerKeyfiguresTitle}>{() => <Keyfigures />}</BrokerGate>;
}

function Keyfigures() {
  const { t, lang } = useI18n();
  const { groups } = useAreaGroups();
  const [orgs, setOrgs] = useState<Organisation[] | null>(null);
  const [v, setV] = useState({ email: '', name: '', areaId: '', organisationId: '' });
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<KeyfigureInvitation | null>(null);
  const [areaFilter, setAreaFilter] = useState('');
  const form = useFormErrors(fields, idFor);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const list = usePagedList((cursor) => listKeyfigures(areaFilter || null, cursor));
  useEffect(() => void list.load(null), [areaFilter]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    api<Page<Organisation>>('/organisations').then((p) => setOrgs(p.items), () => setOrgs([]));
  }, []);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  const set = (k: keyof typeof v) => (value: string) => setV((x) => ({ ...x, [k]: value }));

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const missing = missingFields(t, v, ['email', 'name', 'areaId']);
    if (missing.fields.areaId) missing.fields.areaId = { text: t.brokerErrChooseNeighbourhood };
    if (Object.keys(missing.fields).length) return form.show(missing);
    setBusy(true);
    try {
      const inv = await inviteKeyfigure({ email: v.email.trim(), name: v.name.trim(), areaId: v.areaId, organisationId: v.organisationId || null }, newKey());
      setDone(inv);
      setV({ email: '', name: '', areaId: v.areaId, organisationId: '' });
      form.clear();
      void list.load(null);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) form.show({ fields: { areaId: { text: t.brokerBoardNotYours } }, general: null });
      else form.show(errorsFrom(err, t, lang, fields));
    } finally {
      setBusy(false);
    }
  }

  const link = done?.code ? `${location.origin}/registreren?uitnodiging=${encodeURIComponent(done.code)}` : '';
  const err = form.errors.fields;
  return (
    <div class="noaber-broker-wide">
      <h1 class="utrecht-heading-1">{t.brokerKeyfiguresTitle}</h1>
      <p class="utrecht-paragraph">{t.brokerKeyfiguresIntro}</p>
      {done && (
        <section class="noaber-card noaber-invite-done" aria-labelledby="invite-done">
          <h2 id="invite-done" ref={doneRef} tabIndex={-1} class="utrecht-heading-2 noaber-focus-heading">
            {done.status === 'granted' ? fill(t.brokerInviteGranted, { name: done.name }) : fill(t.brokerInvitePending, { name: done.name })}
          </h2>
          {done.status === 'pending' && done.code && (
            <>
              <p class="utrecht-paragraph">{t.brokerInviteGive}</p>
              <dl class="noaber-details">
                <dt>{t.brokerInviteCode}</dt><dd><code class="noaber-secret">{done.code}</code></dd>
                <dt>{t.brokerInviteLink}</dt><dd><a class="utrecht-link noaber-break" href={`/registreren?uitnodiging=${encodeURIComponent(done.code)}`}>{link}</a></dd>
                <dt>{t.brokerInviteValid}</dt><dd>{formatDay(lang, done.expiresAt)}</dd>
              </dl>
              <p class="utrecht-paragraph noaber-small">{t.brokerInviteOnce}</p>
            </>
          )}
        </section>
      )}
      <section class="noaber-section" aria-labelledby="invite-title">
        <h2 id="invite-title" class="utrecht-heading-2">{t.brokerInviteTitle}</h2>
        <ErrorSummary errors={form.errors} idFor={idFor} summaryRef={form.summaryRef}
          fields={[['email', t.fieldEmail], ['name', t.brokerInviteName], ['areaId', t.brokerInviteArea], ['organisationId', t.brokerInviteOrganisation]]} />
        <form class="noaber-form" noValidate onSubmit={submit}>
          <TextField id={idFor('email')} label={t.fieldEmail} error={err.email} type="email" inputMode="email" autocomplete="off"
            value={v.email} onValue={set('email')} maxLength={254} />
          <TextField id={idFor('name')} label={t.brokerInviteName} error={err.name} value={v.name} onValue={set('name')} maxLength={80} />
          <FormField id={idFor('areaId')} label={t.brokerInviteArea} error={err.areaId}>
            {(l) => (
              <select {...l} class="utrecht-select utrecht-select--html-select" value={v.areaId} onChange={(e) => set('areaId')(e.currentTarget.value)}>
                <option value="">{groups ? t.brokerChooseNeighbourhood : t.loading}</option>
                {groups && <AreaOptions groups={groups} />}
              </select>
            )}
          </FormField>
          <FormField id={idFor('organisationId')} label={t.brokerInviteOrganisation} hint={t.brokerInviteOrganisationHint} error={err.organisationId}>
            {(l) => (
              <select {...l} class="utrecht-select utrecht-select--html-select" value={v.organisationId}
                onChange={(e) => set('organisationId')(e.currentTarget.value)}>
                <option value="">{orgs ? t.brokerNoOrganisation : t.loading}</option>
                {(orgs ?? []).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
              </select>
            )}
          </FormField>
          <button type="submit" class="utrecht-button utrecht-button--primary-action noaber-submit" aria-disabled={busy ? 'true' : undefined}>
            {busy ? t.postSending : t.brokerInviteSend}
          </button>
        </form>
      </section>
      <section class="noaber-section" aria-labelledby="keyfigures-list">
        <h2 id="keyfigures-list" class="utrecht-heading-2">{t.brokerKeyfiguresList}</h2>
        <FormField id="keyfigures-area" label={t.brokerKeyfiguresFilter}>
          {(l) => (
            <select {...l} class="utrecht-select utrecht-select--html-select" value={areaFilter} onChange={(e) => setAreaFilter(e.currentTarget.value)}>
              <option value="">{t.brokerAllMyAreas}</option>
              {groups && <AreaOptions groups={groups} />}
            </select>
          )}
        </FormField>
        {list.error !== null && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.brokerLoadFailed}</p>}
        {list.items === null && list.error === null && <p class="utrecht-paragraph">{t.loading}</p>}
        {list.items?.length === 0 && <p class="utrecht-paragraph">{t.brokerKeyfiguresNone}</p>}
        {list.items && list.items.length > 0 && (
          <ul class="noaber-queue">
            {list.items.map((k) => (
              <li key={k.id} class="noaber-queue__item">
                <h3 class="noaber-queue__title">{k.name}</h3>
                <p class="noaber-queue__who">{k.organisation?.name ?? t.brokerNoOrganisation}</p>
                <p class="noaber-small">{k.neighbourhoods.map((n) => n.name).join(', ')}</p>
                <p class="noaber-small"><a class="utrecht-link noaber-break" href={`mailto:${k.email}`}>{k.email}</a>{k.phone && <> · {k.phone}</>}</p>
              </li>
            ))}
          </ul>
        )}
        <MoreButton list={list} />
      </section>
    </div>
  );
}
