/**
 * Inline SVG charts for the admin dashboard: horizontal bars and a daily column chart. Every
 * chart has a text alternative (`role="img"` with a label) and the page shows the same numbers
 * in a table, so the charts add no information a screen reader would miss.
 */
import { escapeHtml, type Html, raw } from './html.js';

/** One bar. */
export interface Bar {
  /** Label. */
  readonly label: string;
  /** Value. */
  readonly value: number;
  /** Fill colour (must contrast with white). */
  readonly color?: string;
}

/** A horizontal bar chart. */
export function barChart(title: string, bars: readonly Bar[]): Html {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowH = 26;
  const labelW = 130;
  const width = 420;
  const barW = width - labelW - 60;
  const h = Math.max(rowH, bars.length * rowH) + 8;
  const rows = bars
    .map((b, i) => {
      const y = 4 + i * rowH;
      const w = Math.round((b.value / max) * barW);
      return `<text x="0" y="${y + 16}">${escapeHtml(b.label)}</text><rect x="${labelW}" y="${y + 4}" width="${Math.max(w, 1)}" height="16" fill="${escapeHtml(b.color ?? '#0b57a4')}"/><text x="${labelW + Math.max(w, 1) + 6}" y="${y + 16}">${b.value}</text>`;
    })
    .join('');
  const alt = `${title}: ${bars.map((b) => `${b.label} ${b.value}`).join(', ')}`;
  return raw(
    `<svg viewBox="0 0 ${width} ${h}" role="img" aria-label="${escapeHtml(alt)}" xmlns="http://www.w3.org/2000/svg">${rows}</svg>`,
  );
}

/** One day of a column chart: stacked values. */
export interface Day {
  /** `YYYY-MM-DD`. */
  readonly day: string;
  /** Values per series. */
  readonly values: readonly number[];
}

/** A stacked daily column chart with a legend. */
export function dayChart(
  title: string,
  series: readonly { readonly label: string; readonly color: string }[],
  days: readonly Day[],
): Html {
  const width = 520;
  const height = 180;
  const left = 30;
  const bottom = 24;
  const max = Math.max(1, ...days.map((d) => d.values.reduce((a, b) => a + b, 0)));
  const colW = days.length ? (width - left) / days.length : 0;
  const cols = days
    .map((d, i) => {
      let y = height - bottom;
      const x = left + i * colW + 2;
      const parts = d.values
        .map((v, s) => {
          const hgt = ((height - bottom - 10) * v) / max;
          y -= hgt;
          return v > 0
            ? `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(colW - 4, 1).toFixed(1)}" height="${hgt.toFixed(1)}" fill="${escapeHtml(series[s]?.color ?? '#555')}"/>`
            : '';
        })
        .join('');
      const label =
        i % Math.ceil(days.length / 7 || 1) === 0
          ? `<text x="${x.toFixed(1)}" y="${height - 6}">${escapeHtml(d.day.slice(5))}</text>`
          : '';
      return parts + label;
    })
    .join('');
  const legend = series
    .map(
      (s, i) =>
        `<rect x="${left + i * 110}" y="0" width="10" height="10" fill="${escapeHtml(s.color)}"/><text x="${left + i * 110 + 14}" y="9">${escapeHtml(s.label)}</text>`,
    )
    .join('');
  const axis = `<line x1="${left}" y1="${height - bottom}" x2="${width}" y2="${height - bottom}" stroke="#6b7785"/><text x="0" y="20">${max}</text><text x="0" y="${height - bottom}">0</text>`;
  const alt = `${title}: ${days.map((d) => `${d.day} ${d.values.map((v, i) => `${series[i]?.label ?? i} ${v}`).join(' ')}`).join('; ')}`;
  return raw(
    `<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(alt)}" xmlns="http://www.w3.org/2000/svg">${legend}${axis}${cols}</svg>`,
  );
}
