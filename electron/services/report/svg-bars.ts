/**
 * A horizontal bar chart as inline SVG, for the saved report: no script, no font or image to
 * fetch, and the same figures in a table beside it for anyone who cannot see the bars.
 */
import { html, type SafeHtml } from './html';

export interface Bar {
  label: string;
  value: number;
  /** What is written at the end of the bar (e.g. "1.2 MB"). */
  text: string;
}

const WIDTH = 640;
const LABEL = 170;
const ROW = 26;
const VALUE_SPACE = 160;

/** The chart, scaled to its largest bar; an empty list draws a one-line "nothing to show". */
export function svgBars(title: string, bars: readonly Bar[]): SafeHtml {
  const height = Math.max(1, bars.length) * ROW + 8;
  const max = Math.max(0, ...bars.map((b) => b.value));
  const span = WIDTH - LABEL - VALUE_SPACE;
  const rows = bars.map((bar, i) => {
    const y = 4 + i * ROW;
    const w = max > 0 ? Math.max(bar.value > 0 ? 2 : 0, Math.round((bar.value / max) * span)) : 0;
    const label = bar.label.length > 26 ? `${bar.label.slice(0, 25)}…` : bar.label;
    return html`<text x="${LABEL - 8}" y="${y + 17}" text-anchor="end" class="bar-label">${label}</text><rect x="${LABEL}" y="${y + 4}" width="${w}" height="${ROW - 8}" rx="3" class="bar"/><text x="${LABEL + w + 6}" y="${y + 17}" class="bar-value">${bar.text}</text>`;
  });
  return html`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${title}"><title>${title}</title>${
    bars.length === 0 ? html`<text x="8" y="20" class="bar-label">No files</text>` : rows
  }</svg>`;
}
