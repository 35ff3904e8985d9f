import { useEffect, useRef, useState } from 'preact/hooks';
import {
  changeFacility, createFacility, deleteFacility, facilityLimits, listFacilities, type Facility, type FacilityInput,
} from '../api/facilities';
import { newKey } from '../api/market';
import { ApiError } from '../api/problem';
import { ErrorSummary } from '../components/ErrorSummary';
import { FacilityCard } from '../components/facilities/FacilityCard';
import { TextField } from '../components/FormField';
import { Confirm } from '../components/market/Confirm';
import { useCategories } from '../components/market/useCategories';
import { ProGate } from '../components/moderation/ProGate';
import { AreaSelect, defaultArea, rememberArea, useAreaChoices } from '../components/monitor/AreaPicker';
import { Choices } from '../components/signals/Choices';
import { TextAreaField } from '../components/signals/TextAreaField';
import { useFormErrors } from '../components/useFormErrors';
import { useTitle } from '../components/useTitle';
import { fill } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import type { FieldMessage, FormErrors } from '../i18n/problems';
import type { Strings } from '../i18n/strings';
import type { AreaChoice } from '../api/stats';
import type { Me } from '../api/types';

/** /makelaar/voorzieningen: brokers and admins keep the social map of their areas. */
export function FacilitiesManage() {
  const { t } = useI18n();
  useTitle(t.facilitiesManageTitle);
  return <ProGate title={t.facilitiesManageTitle}>{(me) => <Manage me={me} />}</ProGate>;
}

type Mode = { name: 'list' } | { name: 'new' } | { name: 'edit'; facility: Facility };

function Manage({ me }: { me: Me }) {
  const { t } = useI18n();
  const { categories } = useCategories();
  const { areas, failed: areasFailed } = useAreaChoices();
  const [areaId, setAreaId] = useState('');
  const [items, setItems] = useState<Facility[] | null>(null);
  const [failed, setFailed] = useState<false | 'area' | 'other'>(false);
  const [mode, setMode] = useState<Mode>({ name: 'list' });
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const messageRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (areas && !areaId) setAreaId(defaultArea(areas, me.roles.includes('admin')));
  }, [areas]); // eslint-disable-line react-hooks/exhaustive-deps
  const reload = () => {
    if (!areaId) return;
    setFailed(false);
    listFacilities({ areaId, limit: 100 }).then((page) => {
      rememberArea(areaId);
      setItems(page.items);
    }, (err) => setFailed(err instanceof ApiError && err.status === 404 ? 'area' : 'other'));
  };
  useEffect(reload, [areaId]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (message) messageRef.current?.focus();
  }, [message]);

  const saved = (f: Facility) => {
    setMode({ name: 'list' });
    setMessage(fill(t.facilitySaved, { name: f.name }));
    reload();
  };
  const remove = async (f: Facility) => {
    setBusy(true);
    try {
      await deleteFacility(f.id);
      setMessage(fill(t.facilityDeleted, { name: f.name }));
      reload();
    } catch {
      setMessage(t.errFailed);
    } finally {
      setBusy(false);
    }
  };

  if (mode.name !== 'list') {
    return (
      <FacilityForm areas={areas ?? []} initial={mode.name === 'edit' ? mode.facility : null}
        defaultAreaId={areaId} onSaved={saved} onCancel={() => setMode({ name: 'list' })} />
    );
  }
  return (
    <>
      <h1 class="utrecht-heading-1">{t.facilitiesManageTitle}</h1>
      <p class="utrecht-paragraph">{t.facilitiesManageIntro}</p>
      {message && <p ref={messageRef} tabIndex={-1} role="status" class="utrecht-paragraph noaber-notice noaber-focus-heading">{message}</p>}
      {areasFailed && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.facilitiesFailed}</p>}
      {areas && (
        <AreaSelect id="facilities-area" label={t.facilitiesManageArea} hint={t.facilitiesManageAreaHint} areas={areas}
          value={areaId} onValue={(v) => { setItems(null); setAreaId(v); }} />
      )}
      <p class="utrecht-paragraph">
        <button type="button" class="utrecht-button utrecht-button--primary-action noaber-submit" onClick={() => { setMessage(null); setMode({ name: 'new' }); }}>
          {t.facilitiesNew}
        </button>
      </p>
      <div role="status">
        {failed && <p class="utrecht-paragraph noaber-error-text">{failed === 'area' ? t.monitorNotYourArea : t.facilitiesFailed}</p>}
        {items === null && !failed && <p class="utrecht-paragraph">{t.loading}</p>}
        {items?.length === 0 && <p class="utrecht-paragraph">{t.facilitiesEmpty}</p>}
      </div>
      {items && items.length > 0 && (
        <ul class="noaber-facility-list" aria-label={t.facilitiesTitle}>
          {items.map((f) => (
            <li key={f.id}>
              <FacilityCard f={f} categories={categories}>
                <div class="noaber-actions">
                  <button type="button" class="utrecht-button utrecht-button--secondary-action noaber-submit"
                    onClick={() => { setMessage(null); setMode({ name: 'edit', facility: f }); }}>
                    {fill(t.facilityEdit, { name: f.name })}
                  </button>
                  <Confirm label={fill(t.facilityDelete, { name: f.name })} question={fill(t.facilityDeleteQuestion, { name: f.name })}
                    yes={t.facilityDeleteYes} no={t.confirmNo} danger busy={busy} onYes={() => remove(f)} />
                </div>
              </FacilityCard>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

const order = ['name', 'description', 'categories', 'areas', 'phone', 'email', 'address', 'openingHours', 'link'];
const idFor = (name: string) => `facility-${name}`;

interface Draft {
  name: string; description: string; categories: string[]; areas: string[];
  phone: string; email: string; address: string; openingHours: string; link: string;
}

const draftOf = (f: Facility | null, areaId: string): Draft => ({
  name: f?.name ?? '', description: f?.description ?? '', categories: f?.categories ?? [],
  areas: f ? f.areas.map((a) => a.id) : areaId ? [areaId] : [],
  phone: f?.contact.phone ?? '', email: f?.contact.email ?? '', address: f?.contact.address ?? '',
  openingHours: f?.openingHours ?? '', link: f?.link ?? '',
});

const orNull = (s: string) => s.trim() || null;
const toInput = (d: Draft): FacilityInput => ({
  name: d.name.trim(), description: d.description.trim(), categories: d.categories, areas: d.areas,
  contact: { phone: orNull(d.phone), email: orNull(d.email), address: orNull(d.address) },
  openingHours: orNull(d.openingHours), link: orNull(d.link),
});

const tooLong = (t: Strings, max: number): FieldMessage => ({ text: fill(t.facilityErrTooLong, { max }) });

/** What the form checks itself; the server checks it all again and names every bad field. */
export function checkFacility(t: Strings, d: Draft): Record<string, FieldMessage> {
  const e: Record<string, FieldMessage> = {};
  const L = facilityLimits;
  if (!d.name.trim()) e.name = { text: t.errRequired };
  else if (d.name.trim().length > L.name) e.name = tooLong(t, L.name);
  if (d.description.length > L.description) e.description = tooLong(t, L.description);
  if (!d.categories.length) e.categories = { text: t.facilityErrCategories };
  else if (d.categories.length > L.categories) e.categories = tooLong(t, L.categories);
  if (!d.areas.length) e.areas = { text: t.facilityErrAreas };
  if (d.phone.trim() && !/^\+?[\d\s()-]{6,30}$/.test(d.phone.trim())) e.phone = { text: t.errPhone };
  if (d.email.trim() && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(d.email.trim())) e.email = { text: t.errEmailFormat };
  if (d.address.length > L.address) e.address = tooLong(t, L.address);
  if (d.openingHours.length > L.openingHours) e.openingHours = tooLong(t, L.openingHours);
  if (d.link.trim() && !/^https:\/\/\S+$/i.test(d.link.trim())) e.link = { text: t.facilityErrLink };
  else if (d.link.length > L.link) e.link = tooLong(t, L.link);
  return e;
}

/** The server's invalidParams (e.g. contact.phone, areas[1]) at our fields, in our words. */
export function facilityErrors(t: Strings, err: unknown): FormErrors {
  if (!(err instanceof ApiError)) return { fields: {}, general: t.errNetwork };
  const fields: Record<string, FieldMessage> = {};
  for (const p of err.invalidParams) {
    const name = p.name.replace(/^contact\./, '').replace(/\[\d+\]$/, '');
    if (!order.includes(name) || fields[name]) continue;
    const reason = p.reason ?? '';
    fields[name] = name === 'link' ? { text: t.facilityErrLink }
      : name === 'phone' ? { text: t.errPhone }
      : name === 'email' ? { text: t.errEmailFormat }
      : name === 'categories' ? { text: t.facilityErrCategories }
      : name === 'areas' ? { text: /required|empty|at least/i.test(reason) ? t.facilityErrAreas : t.facilityErrAreasNotYours }
      : /required|empty/i.test(reason) ? { text: t.errRequired }
      : /at most|too long/i.test(reason) ? tooLong(t, facilityLimits[name as keyof typeof facilityLimits] ?? 0)
      : { text: t.errGeneric };
  }
  if (Object.keys(fields).length) return { fields, general: null };
  return { fields, general: err.status >= 500 ? t.errServer : t.errFailed };
}

function FacilityForm({ areas, initial, defaultAreaId, onSaved, onCancel }: {
  areas: AreaChoice[]; initial: Facility | null; defaultAreaId: string; onSaved: (f: Facility) => void; onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const { categories } = useCategories();
  const [d, setD] = useState<Draft>(() => draftOf(initial, defaultAreaId));
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(order, idFor);
  const key = useRef(newKey());
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const set = <K extends keyof Draft>(k: K) => (v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const toggle = (k: 'categories' | 'areas') => (v: string, on: boolean) =>
    setD((x) => ({ ...x, [k]: on ? [...x[k].filter((y) => y !== v), v] : x[k].filter((y) => y !== v) }));

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const problems = checkFacility(t, d);
    if (Object.keys(problems).length) return form.show({ fields: problems, general: null });
    setBusy(true);
    try {
      const f = initial ? await changeFacility(initial.id, toInput(d)) : await createFacility(toInput(d), key.current);
      onSaved(f);
    } catch (err) {
      key.current = newKey();
      form.show(facilityErrors(t, err));
    } finally {
      setBusy(false);
    }
  };

  const err = form.errors.fields;
  const labels: [string, string][] = [
    ['name', t.facilityFieldName], ['description', t.facilityFieldDescription], ['categories', t.facilityFieldCategories],
    ['areas', t.facilityFieldAreas], ['phone', t.facilityFieldPhone], ['email', t.facilityFieldEmail],
    ['address', t.facilityFieldAddress], ['openingHours', t.facilityFieldOpeningHours], ['link', t.facilityFieldLink],
  ];
  const L = facilityLimits;
  return (
    <>
      <h1 ref={heading} tabIndex={-1} class="utrecht-heading-1 noaber-focus-heading">{initial ? t.facilityEditTitle : t.facilityNewTitle}</h1>
      <ErrorSummary errors={form.errors} fields={labels} idFor={idFor} summaryRef={form.summaryRef} />
      <form class="noaber-form" noValidate onSubmit={submit}>
        <TextField id={idFor('name')} label={t.facilityFieldName} error={err.name} value={d.name} onValue={set('name')} maxLength={L.name + 20} />
        <TextAreaField id={idFor('description')} label={t.facilityFieldDescription} hint={t.facilityFieldDescriptionHint}
          error={err.description} value={d.description} onValue={set('description')} max={L.description} rows={4} />
        <Choices id={idFor('categories')} name="categories" type="checkbox" legend={t.facilityFieldCategories} error={err.categories}
          selected={d.categories} onToggle={toggle('categories')} grid
          choices={(categories ?? []).map((c) => ({ value: c.id, title: c.labels[lang] || c.labels.nl }))} />
        <Choices id={idFor('areas')} name="areas" type="checkbox" legend={t.facilityFieldAreas} hint={t.facilityFieldAreasHint}
          error={err.areas} selected={d.areas} onToggle={toggle('areas')} grid
          choices={areas.map((a) => ({ value: a.id, title: a.name }))} />
        <TextField id={idFor('phone')} label={t.facilityFieldPhone} hint={t.facilityFieldPhoneHint} error={err.phone}
          value={d.phone} onValue={set('phone')} type="tel" inputMode="tel" maxLength={L.phone + 10} />
        <TextField id={idFor('email')} label={t.facilityFieldEmail} error={err.email} value={d.email} onValue={set('email')}
          type="email" inputMode="email" maxLength={L.email + 10} />
        <TextField id={idFor('address')} label={t.facilityFieldAddress} error={err.address} value={d.address}
          onValue={set('address')} maxLength={L.address + 20} />
        <TextField id={idFor('openingHours')} label={t.facilityFieldOpeningHours} hint={t.facilityFieldOpeningHoursHint}
          error={err.openingHours} value={d.openingHours} onValue={set('openingHours')} maxLength={L.openingHours + 20} />
        <TextField id={idFor('link')} label={t.facilityFieldLink} hint={t.facilityFieldLinkHint} error={err.link}
          value={d.link} onValue={set('link')} inputMode="text" maxLength={L.link + 20} />
        <div class="noaber-actions">
          <button type="submit" class="utrecht-button utrecht-button--primary-action noaber-submit" aria-disabled={busy ? 'true' : undefined}>
            {busy ? t.reportSending : t.facilitySave}
          </button>
          <button type="button" class="utrecht-button utrecht-button--secondary-action noaber-submit" onClick={onCancel}>{t.facilityCancel}</button>
        </div>
      </form>
    </>
  );
}
