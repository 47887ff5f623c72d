/**
 * The saved audit report as one self-contained HTML document: inline SVG charts, the totals
 * tables and what changed since the previous audit, styled inline for screen and print. It
 * carries no script and loads nothing (its Content-Security-Policy forbids both, as a second
 * lock), so it opens the same in any browser, offline, and is safe to mail around.
 */
import { formatBytes } from '../../../shared/format';
import { html, trusted, type SafeHtml } from './html';
import { svgBars } from './svg-bars';

interface Tally {
  count: number;
  bytes: number;
}

/** A file as the change lists show it. */
export interface ReportFile {
  name: string;
  bytes: number;
  purpose: string | null;
}

/** What changed in one workspace since its previous saved audit. */
export interface ReportChange {
  workspace: string;
  /** When the previous audit was counted (ISO 8601). */
  since: string;
  before: Tally;
  after: Tally;
  added: Tally & { files: ReportFile[] };
  removed: Tally & { files: ReportFile[] };
}

/** One workspace's line in the totals table. */
export interface ReportWorkspace {
  name: string;
  provider: string;
  /** 'done', or why it has no figures ('failed', 'cancelled'). */
  state: string;
  error: string | null;
  count: number;
  bytes: number;
}

/** Everything the report shows, already added up; the document only lays it out. */
export interface ReportModel {
  title: string;
  /** ISO 8601. */
  countedAt: string;
  generatedAt: string;
  /** e.g. "2 of 3 workspaces (filtered)"; null when everything is shown. */
  scopeNote: string | null;
  total: Tally;
  workspaces: ReportWorkspace[];
  /** Null for a single workspace's report. */
  providers: ({ label: string; workspaces: number; counted: number } & Tally)[] | null;
  byPurpose: ({ label: string } & Tally)[];
  byAge: ({ label: string } & Tally)[];
  /** One entry per workspace that has an earlier audit to compare with. */
  changes: ReportChange[];
  /** Workspaces with no earlier audit (named in the change section so nothing is left unsaid). */
  noPrevious: string[];
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --border: #d0d7de; --bg: #fff; --bar: #2f6fd1; --bad: #b42318; }
@media screen and (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9da7b3; --border: #3d444d; --bg: #0d1117; --bar: #6ea8fe; --bad: #ff8a80; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 960px; padding: 24px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; } h3 { font-size: 15px; margin: 18px 0 6px; }
.muted { color: var(--muted); } .bad { color: var(--bad); }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--border); vertical-align: top; }
th { font-weight: 600; } .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.charts { display: grid; grid-template-columns: 1fr; gap: 8px; }
figure { margin: 0 0 12px; } figcaption { font-weight: 600; margin-bottom: 4px; }
svg { max-width: 100%; height: auto; } .bar { fill: var(--bar); } .bar-label, .bar-value { fill: var(--fg); font-size: 12px; }
.big { font-size: 18px; }
@media print {
  :root { --fg: #000; --muted: #444; --border: #bbb; --bg: #fff; --bar: #2f6fd1; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  section, figure, table { break-inside: avoid; } h2 { break-after: avoid; }
  .bar { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  @page { margin: 15mm; }
}`;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'";

const n = (v: number) => v.toLocaleString('en-US');
const plural = (count: number, word: string) => `${n(count)} ${count === 1 ? word : `${word}s`}`;

/** "+3" / "−1.2 kB", and a plain "0" when nothing changed. */
const signed = (sign: string, value: number, format: (v: number) => string) => (value === 0 ? format(0) : `${sign}${format(value)}`);

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

function tallyTable(head: string, rows: ({ label: string } & Tally)[]): SafeHtml {
  return html`<table><thead><tr><th scope="col">${head}</th><th scope="col" class="num">Files</th><th scope="col" class="num">Size</th></tr></thead><tbody>${rows.map(
    (r) => html`<tr><th scope="row">${r.label}</th><td class="num">${n(r.count)}</td><td class="num">${formatBytes(r.bytes)}</td></tr>`,
  )}</tbody></table>`;
}

function chart(title: string, head: string, rows: ({ label: string } & Tally)[]): SafeHtml {
  return html`<figure><figcaption>${title}</figcaption>${svgBars(
    `${title}, by size`,
    rows.map((r) => ({ label: r.label, value: r.bytes, text: `${formatBytes(r.bytes)} · ${plural(r.count, 'file')}` })),
  )}${tallyTable(head, rows)}</figure>`;
}

function fileList(title: string, list: Tally & { files: ReportFile[] }): SafeHtml {
  if (list.count === 0) return html`<h3>${title}: none</h3>`;
  const more = list.count - list.files.length;
  return html`<h3>${title}: ${plural(list.count, 'file')}, ${formatBytes(list.bytes)}</h3><table><thead><tr><th scope="col">Name</th><th scope="col">Purpose</th><th scope="col" class="num">Size</th></tr></thead><tbody>${list.files.map(
    (f) => html`<tr><td>${f.name}</td><td>${f.purpose ?? '—'}</td><td class="num">${formatBytes(f.bytes)}</td></tr>`,
  )}</tbody></table>${more > 0 ? html`<p class="muted">and ${plural(more, 'more file')} not listed here.</p>` : ''}`;
}

function changeSection(model: ReportModel): SafeHtml {
  const body = model.changes.map(
    (c) => html`<section><h3>${c.workspace} <span class="muted">since the audit of ${when(c.since)}</span></h3>
<table><thead><tr><th scope="col"></th><th scope="col" class="num">Files</th><th scope="col" class="num">Size</th></tr></thead><tbody>
<tr><th scope="row">Before</th><td class="num">${n(c.before.count)}</td><td class="num">${formatBytes(c.before.bytes)}</td></tr>
<tr><th scope="row">Added</th><td class="num">${signed('+', c.added.count, n)}</td><td class="num">${signed('+', c.added.bytes, formatBytes)}</td></tr>
<tr><th scope="row">Gone</th><td class="num">${signed('−', c.removed.count, n)}</td><td class="num">${signed('−', c.removed.bytes, formatBytes)}</td></tr>
<tr><th scope="row">After</th><td class="num">${n(c.after.count)}</td><td class="num">${formatBytes(c.after.bytes)}</td></tr>
</tbody></table>${fileList('Files added', c.added)}${fileList('Files gone', c.removed)}</section>`,
  );
  const none = model.noPrevious.length > 0 ? html`<p class="muted">No earlier audit to compare with for: ${model.noPrevious.join(', ')}.</p>` : '';
  return html`<section><h2>Since the previous audit</h2>${body}${none}</section>`;
}

function workspaceTable(model: ReportModel): SafeHtml {
  return html`<table><thead><tr><th scope="col">Workspace</th><th scope="col">Provider</th><th scope="col" class="num">Files</th><th scope="col" class="num">Size</th></tr></thead><tbody>${model.workspaces.map((w) =>
    w.state === 'done'
      ? html`<tr><th scope="row">${w.name}</th><td>${w.provider}</td><td class="num">${n(w.count)}</td><td class="num">${formatBytes(w.bytes)}</td></tr>`
      : html`<tr><th scope="row">${w.name}</th><td>${w.provider}</td><td colspan="2" class="bad">${w.state === 'cancelled' ? 'Not counted: the audit was cancelled.' : `Not counted: ${w.error ?? 'the listing failed.'}`}</td></tr>`,
  )}</tbody></table>`;
}

/** The whole document as a string, ready to write to disk. */
export function renderReport(model: ReportModel): string {
  const providers = model.providers
    ? html`<h2>By provider</h2><table><thead><tr><th scope="col">Provider</th><th scope="col" class="num">Workspaces</th><th scope="col" class="num">Files</th><th scope="col" class="num">Size</th></tr></thead><tbody>${model.providers.map(
        (p) => html`<tr><th scope="row">${p.label}</th><td class="num">${p.counted === p.workspaces ? n(p.workspaces) : `${n(p.counted)} of ${n(p.workspaces)} counted`}</td><td class="num">${n(p.count)}</td><td class="num">${formatBytes(p.bytes)}</td></tr>`,
      )}</tbody></table>`
    : '';
  const doc = html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${trusted(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${model.title}</title>
<style>${trusted(STYLE)}</style>
</head><body>
<header><h1>${model.title}</h1>
<p class="muted">Counted ${when(model.countedAt)} · report saved ${when(model.generatedAt)} by Stowage${model.scopeNote ? ` · ${model.scopeNote}` : ''}</p>
<p class="big"><strong>${plural(model.total.count, 'file')}</strong>, ${formatBytes(model.total.bytes)}</p></header>
<main>
<section><h2>Workspaces</h2>${workspaceTable(model)}${providers}</section>
<section><h2>Where the files are</h2><div class="charts">${chart('By purpose', 'Purpose', model.byPurpose)}${chart('By age', 'Age', model.byAge)}</div></section>
${changeSection(model)}
</main></body></html>
`;
  return doc.text;
}
