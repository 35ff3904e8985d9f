import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { fill } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';

// Only what a bar chart needs: Chart.js is tree-shaken to these parts, and it
// lives in the monitor's chunk only.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface Series {
  label: string;
  /** A colour from the theme; the table carries the meaning, not the colour. */
  color: string;
}

export interface Row {
  label: string;
  /** One per series: the number to draw (null: no bar) and the text for the table ("minder dan 5"). */
  cells: { value: number | null; text: string }[];
  /** Highlighted in the table, e.g. requests but no helpers. */
  alert?: boolean;
}

/**
 * A bar chart on a canvas with its data as a table right below it: the
 * canvas is an image for screen readers ("the numbers are also in the
 * table"); the table is the text alternative, always visible. Counts below 5
 * have no bar, the table says "minder dan 5".
 */
export function BarChart({ id, title, series, rows, horizontal, firstColumn }: {
  id: string; title: string; series: Series[]; rows: Row[]; horizontal?: boolean; firstColumn: string;
}) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: rows.map((r) => r.label),
        datasets: series.map((s, i) => ({
          label: s.label, backgroundColor: s.color, borderColor: s.color,
          data: rows.map((r) => r.cells[i]?.value ?? null),
        })),
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: reduce ? false : { duration: 300 },
        plugins: { legend: { display: series.length > 1, position: 'bottom' } },
        scales: {
          [horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 } },
        },
      },
    });
    return () => chart.destroy();
  }, [JSON.stringify(rows), JSON.stringify(series), horizontal]); // eslint-disable-line react-hooks/exhaustive-deps

  const size = horizontal ? Math.max(4, rows.length) : 0;
  return (
    <figure class="noaber-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} class="noaber-chart__title">{title}</figcaption>
      <div class={`noaber-chart__canvas${horizontal ? ` noaber-chart__canvas--rows-${Math.min(size, 16)}` : ''}`}>
        <canvas ref={canvas} role="img" aria-label={fill(t.monitorChartLabel, { title })} />
      </div>
      {/* Focusable, so a keyboard can scroll a table that is wider than a small screen. */}
      <div class="noaber-table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
        <table class="noaber-table">
          <caption class="noaber-visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{firstColumn}</th>
              {series.map((s) => <th key={s.label} scope="col" class="noaber-table__num">{s.label}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label} class={r.alert ? 'noaber-table__row--alert' : undefined}>
                <th scope="row">{r.label}{r.alert && <span class="noaber-badge noaber-badge--alert">{t.monitorAlertBadge}</span>}</th>
                {r.cells.map((c, i) => <td key={i} class="noaber-table__num">{c.text}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
