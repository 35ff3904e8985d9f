import { useI18n } from '../../i18n/i18n';
import { monthLabel } from '../../market/format';

interface Month {
  month: string;
  given: number;
  received: number;
}

/**
 * Given and received per month as paired bars: a small SVG drawn here (no
 * chart library: see the report), hidden from screen readers, with the same
 * numbers in a real table below it, which is what they read. Colour is not
 * the only difference: the received bars are hatched and the legend says which is which. The
 * table is folded away under a summary on a phone, where twelve rows are long.
 */
export function MonthChart({ months }: { months: Month[] }) {
  const { t, lang } = useI18n();
  const max = Math.max(1, ...months.map((m) => Math.max(m.given, m.received)));
  const w = 320;
  const h = 160;
  const top = 10;
  const bottom = 24;
  const slot = w / Math.max(1, months.length);
  const bar = Math.max(3, Math.min(10, slot / 2 - 2));
  const y = (v: number) => top + (h - top - bottom) * (1 - v / max);
  const base = h - bottom;
  return (
    <figure class="noaber-chart">
      <svg viewBox={`0 0 ${w} ${h}`} class="noaber-chart__svg" aria-hidden="true" focusable="false">
        <defs>
          <pattern id="noaber-hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="4" height="4" class="noaber-chart__hatch-bg" />
            <rect width="2" height="4" class="noaber-chart__hatch" />
          </pattern>
        </defs>
        <line x1="0" x2={w} y1={base} y2={base} class="noaber-chart__axis" />
        <text x="2" y={top + 8} class="noaber-chart__label">{max}</text>
        {months.map((m, i) => {
          const x = i * slot + slot / 2;
          return (
            <g key={m.month}>
              <rect x={x - bar - 1} y={y(m.given)} width={bar} height={base - y(m.given)} class="noaber-chart__given" />
              <rect x={x + 1} y={y(m.received)} width={bar} height={base - y(m.received)} class="noaber-chart__received" />
              {((months.length - 1 - i) % 2 === 0 || months.length <= 6) && (
                <text x={x} y={h - 8} text-anchor="middle" class="noaber-chart__label">{monthLabel(lang, m.month).split(' ')[0]}</text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption class="noaber-chart__legend" aria-hidden="true">
        <span><span class="noaber-chart__key noaber-chart__key--given" /> {t.reciprocityGiven}</span>
        <span><span class="noaber-chart__key noaber-chart__key--received" /> {t.reciprocityReceived}</span>
      </figcaption>
      <details class="noaber-chart__details">
        <summary class="noaber-chart__summary">{t.reciprocityTableSummary}</summary>
        <table class="noaber-table noaber-table--fit noaber-chart__table">
        <caption class="noaber-visually-hidden">{t.reciprocityByMonth}</caption>
        <thead><tr><th scope="col">{t.reciprocityMonth}</th><th scope="col">{t.reciprocityGiven}</th><th scope="col">{t.reciprocityReceived}</th></tr></thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.month}><th scope="row">{monthLabel(lang, m.month, false)}</th><td>{m.given}</td><td>{m.received}</td></tr>
          ))}
        </tbody>
        </table>
      </details>
    </figure>
  );
}
