import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/problem';
import { lifeDomains, urgencies } from '../api/signals';
import {
  getStats, getStatsCsv, lastThirtyDays, plotValue, type StatsCount, type StatsMeasure, type StatsQuery, type StatsReport,
} from '../api/stats';
import { useCategories } from '../components/market/useCategories';
import { ProGate } from '../components/moderation/ProGate';
import { AreaSelect, defaultArea, rememberArea, useAreaChoices } from '../components/monitor/AreaPicker';
import { BarChart, type Row } from '../components/monitor/BarChart';
import { FormField } from '../components/FormField';
import { useTitle } from '../components/useTitle';
import { fill } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import type { Lang, StringKey, Strings } from '../i18n/strings';
import { categoryLabel, formatDate, formatDateTime } from '../market/format';
import type { Me } from '../api/types';

/** /monitor: the numbers per area and period, as cards, charts and tables, and a CSV file. */
export function Monitor() {
  const { t } = useI18n();
  useTitle(t.monitorTitle);
  return <ProGate title={t.monitorTitle}>{(me) => <MonitorView me={me} />}</ProGate>;
}

const colors = { blue: '#01689b', orange: '#c05400', green: '#2e7d32', purple: '#6a3d9a' };

const nf = (lang: Lang) => new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 });

/** A count as text: the number, "minder dan 5", or "verborgen". */
export function countText(t: Strings, lang: Lang, c: StatsCount | undefined): string {
  if (typeof c === 'number') return nf(lang).format(c);
  if (c === '<5') return t.monitorFewer;
  return t.monitorHidden;
}

/** A share as a percentage, or "te weinig gegevens". */
export function shareText(t: Strings, lang: Lang, m: StatsMeasure): string {
  if (m.suppressed || m.value === null) return t.monitorTooFew;
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { style: 'percent', maximumFractionDigits: 0 }).format(m.value);
}

/** A median in hours ("5 uur", from two days on "3 dagen"), or "te weinig gegevens". */
export function hoursText(t: Strings, lang: Lang, m: StatsMeasure): string {
  if (m.suppressed || m.value === null) return t.monitorTooFew;
  return m.value >= 48 ? fill(t.monitorDays, { n: nf(lang).format(m.value / 24) }) : fill(t.monitorHours, { n: nf(lang).format(m.value) });
}

type Load = { state: 'idle' } | { state: 'loading' } | { state: 'ok'; report: StatsReport } | { state: 'error'; text: string };

function MonitorView({ me }: { me: Me }) {
  const { t } = useI18n();
  const { areas, failed: areasFailed } = useAreaChoices();
  const [form, setForm] = useState<StatsQuery>(() => ({ areaId: '', ...lastThirtyDays() }));
  const [load, setLoad] = useState<Load>({ state: 'idle' });
  const [csvFailed, setCsvFailed] = useState(false);
  const [shown, setShown] = useState<StatsQuery | null>(null);
  const results = useRef<HTMLHeadingElement>(null);

  const fetchStats = async (q: StatsQuery, focus: boolean) => {
    setLoad({ state: 'loading' });
    setCsvFailed(false);
    try {
      const report = await getStats(q);
      rememberArea(q.areaId);
      setShown(q);
      setLoad({ state: 'ok', report });
      if (focus) setTimeout(() => results.current?.focus());
    } catch (err) {
      const text = err instanceof ApiError
        ? err.status === 404 || err.status === 403 ? t.monitorNotYourArea : err.status === 400 ? t.monitorErrPeriod : t.monitorFailed
        : t.errNetwork;
      setLoad({ state: 'error', text });
    }
  };
  useEffect(() => {
    if (!areas || form.areaId) return;
    const q = { ...form, areaId: defaultArea(areas, me.roles.includes('admin')) };
    setForm(q);
    if (q.areaId) void fetchStats(q, false);
  }, [areas]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = (e: Event) => {
    e.preventDefault();
    if (form.from && form.to && form.from > form.to) return setLoad({ state: 'error', text: t.monitorErrPeriod });
    void fetchStats(form, true);
  };

  const download = async () => {
    if (!shown) return;
    setCsvFailed(false);
    try {
      const blob = await getStatsCsv(shown);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `noaber-monitor-${shown.areaId}-${shown.from ?? ''}-${shown.to ?? ''}.csv`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setCsvFailed(true);
    }
  };

  return (
    <>
      <h1 class="utrecht-heading-1">{t.monitorTitle}</h1>
      <p class="utrecht-paragraph">{t.monitorIntro}</p>
      {areasFailed && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.monitorFailed}</p>}
      {areas && (
        <form class="noaber-form noaber-monitor-form" noValidate onSubmit={submit}>
          <AreaSelect id="monitor-area" label={t.monitorArea} areas={areas} value={form.areaId}
            onValue={(areaId) => setForm((f) => ({ ...f, areaId }))} />
          <div class="noaber-monitor-form__period">
            <FormField id="monitor-from" label={t.monitorFrom}>
              {(link) => <input {...link} type="date" class="utrecht-textbox utrecht-textbox--html-input noaber-textbox--date"
                value={form.from} max={form.to} onInput={(e) => setForm((f) => ({ ...f, from: e.currentTarget.value }))} />}
            </FormField>
            <FormField id="monitor-to" label={t.monitorTo}>
              {(link) => <input {...link} type="date" class="utrecht-textbox utrecht-textbox--html-input noaber-textbox--date"
                value={form.to} min={form.from} onInput={(e) => setForm((f) => ({ ...f, to: e.currentTarget.value }))} />}
            </FormField>
          </div>
          <button type="submit" class="utrecht-button utrecht-button--primary-action noaber-submit"
            aria-disabled={load.state === 'loading' ? 'true' : undefined}>{t.monitorShow}</button>
        </form>
      )}
      <div role="status">
        {(load.state === 'loading' || (!areas && !areasFailed)) && <p class="utrecht-paragraph">{t.monitorLoading}</p>}
        {load.state === 'error' && <p class="utrecht-paragraph noaber-error-text">{load.text}</p>}
      </div>
      {load.state === 'ok' && (
        <Results report={load.report} headingRef={results} onCsv={download} csvFailed={csvFailed} />
      )}
    </>
  );
}

function Card({ label, value }: { label: string; value: string }) {
  return (
    <div class="noaber-stat">
      <dt class="noaber-stat__label">{label}</dt>
      <dd class="noaber-stat__value">{value}</dd>
    </div>
  );
}

function Results({ report: r, headingRef, onCsv, csvFailed }: {
  report: StatsReport; headingRef: RefObject<HTMLHeadingElement | null>; onCsv: () => void; csvFailed: boolean;
}) {
  const { t, lang } = useI18n();
  const { categories } = useCategories();
  const m = r.marketplace;
  const c = (x: StatsCount | undefined) => countText(t, lang, x);
  const cell = (x: StatsCount | undefined) => ({ value: plotValue(x ?? null), text: c(x) });
  const catName = (id: string) => categoryLabel(lang, categories, id);
  const alerts = r.supplyAndDemand.filter((s) => s.alert);
  const hasHidden = JSON.stringify(r).includes('null');

  const marketRows: Row[] = [
    { label: t.monitorRequests, cells: [cell(m.requestsPosted)] },
    { label: t.monitorOffers, cells: [cell(m.offersPosted)] },
    { label: t.monitorAgreed, cells: [cell(m.exchangesAgreed)] },
    { label: t.monitorCompleted, cells: [cell(m.exchangesCompleted)] },
    { label: t.monitorMatched, cells: [cell(m.requestsMatched)] },
  ];
  const supplyRows: Row[] = r.supplyAndDemand.map((s) => ({
    label: catName(s.category), alert: s.alert, cells: [cell(s.openRequests), cell(s.activeHelpers)],
  }));
  const domainKeys = [...lifeDomains.filter((d) => d in r.signals.byLifeDomain),
    ...Object.keys(r.signals.byLifeDomain).filter((d) => !(lifeDomains as readonly string[]).includes(d))];
  const domainRows: Row[] = domainKeys.map((d) => ({
    label: t[`signalDomain_${d}` as StringKey] ?? d, cells: [cell(r.signals.byLifeDomain[d])],
  }));
  const urgencyKeys = [...urgencies.filter((u) => u in r.signals.byUrgency),
    ...Object.keys(r.signals.byUrgency).filter((u) => !(urgencies as readonly string[]).includes(u))];
  const urgencyRows: Row[] = urgencyKeys.map((u) => ({
    label: t[`signalUrgency_${u}` as StringKey] ?? u, cells: [cell(r.signals.byUrgency[u])],
  }));

  return (
    <section class="noaber-section noaber-monitor" aria-labelledby="monitor-results">
      <h2 ref={headingRef} tabIndex={-1} id="monitor-results" class="utrecht-heading-2 noaber-focus-heading">
        {fill(t.monitorHeading, { area: r.area.name, from: formatDate(lang, r.period.from), to: formatDate(lang, r.period.to) })}
      </h2>
      {r.area.neighbourhoods > 1 && <p class="utrecht-paragraph">{fill(t.monitorNeighbourhoods, { n: r.area.neighbourhoods })}</p>}
      <p class="utrecht-paragraph noaber-actions">
        <button type="button" class="utrecht-button utrecht-button--secondary-action noaber-submit" onClick={onCsv}>{t.monitorCsv}</button>
      </p>
      {csvFailed && <p role="alert" class="utrecht-paragraph noaber-error-text">{t.monitorCsvFailed}</p>}

      <h3 class="noaber-monitor__title">{t.monitorMarketTitle}</h3>
      <dl class="noaber-stats">
        <Card label={t.monitorRequests} value={c(m.requestsPosted)} />
        <Card label={t.monitorOffers} value={c(m.offersPosted)} />
        <Card label={t.monitorAgreed} value={c(m.exchangesAgreed)} />
        <Card label={t.monitorCompleted} value={c(m.exchangesCompleted)} />
        <Card label={t.monitorShareMatched} value={shareText(t, lang, m.shareMatched)} />
        <Card label={t.monitorMedianReaction} value={hoursText(t, lang, m.medianHoursToFirstReaction)} />
        <Card label={t.monitorMedianMatch} value={hoursText(t, lang, m.medianHoursToMatch)} />
      </dl>
      <BarChart id="chart-market" title={t.monitorMarketTitle} firstColumn={t.monitorWhat}
        series={[{ label: t.monitorCount, color: colors.blue }]} rows={marketRows} />

      <h3 class="noaber-monitor__title">{t.monitorSupplyTitle}</h3>
      <p class="utrecht-paragraph">{t.monitorSupplyIntro}</p>
      {alerts.length > 0 ? (
        <div class="utrecht-alert utrecht-alert--warning noaber-monitor__alerts">
          <ul class="utrecht-unordered-list">
            {alerts.map((a) => (
              <li key={a.category} class="utrecht-unordered-list__item">
                {fill(t.monitorAlert, { category: catName(a.category).toLocaleLowerCase(lang === 'en' ? 'en-GB' : 'nl-NL') })}
              </li>
            ))}
          </ul>
        </div>
      ) : supplyRows.length > 0 && <p class="utrecht-paragraph">{t.monitorNoAlerts}</p>}
      {supplyRows.length > 0 ? (
        <BarChart id="chart-supply" title={t.monitorSupplyTitle} firstColumn={t.monitorCategory} horizontal
          series={[{ label: t.monitorOpenRequests, color: colors.orange }, { label: t.monitorHelpers, color: colors.blue }]} rows={supplyRows} />
      ) : <p class="utrecht-paragraph">{t.monitorNone}</p>}

      <h3 class="noaber-monitor__title">{t.monitorSignalsTitle}</h3>
      <dl class="noaber-stats">
        <Card label={t.monitorSignalsReported} value={c(r.signals.reported)} />
        <Card label={t.monitorInTime} value={shareText(t, lang, r.signals.acknowledgedInTime)} />
      </dl>
      {domainRows.length > 0 && (
        <BarChart id="chart-domains" title={t.monitorByDomain} firstColumn={t.monitorDomain} horizontal
          series={[{ label: t.monitorCount, color: colors.purple }]} rows={domainRows} />
      )}
      {urgencyRows.length > 0 && (
        <BarChart id="chart-urgency" title={t.monitorByUrgency} firstColumn={t.monitorUrgency}
          series={[{ label: t.monitorCount, color: colors.green }]} rows={urgencyRows} />
      )}
      {hasHidden && <p class="utrecht-paragraph noaber-muted">{t.monitorHiddenNote}</p>}
      <p class="utrecht-paragraph noaber-muted">{fill(t.monitorGenerated, { at: formatDateTime(lang, r.generatedAt) })}</p>
    </section>
  );
}
