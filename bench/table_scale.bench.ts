/**
 * The audit's inventory table at 1,000 and 100,000 rows, in real Chromium.
 *
 * Bundles the production InventoryTable (the component the Audit screen renders, with the app's
 * stylesheet and TanStack Query) into a bare page. The table asks main for blocks of rows through
 * `window.api.inventoryFiles`; here an in-page stand-in answers from generated files (sort orders
 * prepared once, filters cached per view, as main's indexes would), so the figures are the
 * table's own work: requests, caching, rendering. It times what a user does: type a filter and
 * clear it, sort by a column (ascending, descending, off), and scroll from the top to the bottom
 * in 100 steps. Each step is timed until what it asked for is on screen (the count, the rows in
 * view loaded) and two animation frames later; vsync is off so frames measure work, not the
 * display's refresh. Typing includes the table's search debounce. Medians of repeats. Reports:
 *   ratio_100k_vs_1k  (filter + sort + scroll at 100k) / (the same at 1k); goal <= 1.5
 *   dom_rows          table rows in the DOM at any point while scrolling 100k; goal <= 200
 * plus each figure, and the one-off preparation time of the 100k stand-in (sort orders built once).
 */
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Page } from '@playwright/test';
import { report } from './report';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const REPEATS = 7;
const SCROLL_STEPS = 100;

const ENTRY = `
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { InventoryTable } from './renderer/src/features/audit/inventory-table';
import './renderer/src/styles.css';

const PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data'];
const EXT = ['pdf', 'png', 'json', 'csv', 'txt', 'jsonl'];
function files(n) {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const base = Date.UTC(2024, 0, 1);
  return Array.from({ length: n }, (_, i) => ({
    id: 'file-' + i.toString(36).padStart(8, '0'),
    name: ['invoice', 'report', 'scan', 'photo', 'dataset'][i % 5] + '-' + Math.floor(rand() * 1e6) + '.' + EXT[i % EXT.length],
    bytes: Math.floor(rand() * 50_000_000),
    purpose: PURPOSES[i % PURPOSES.length],
    createdAt: new Date(base + Math.floor(rand() * 600) * 86_400_000 + i).toISOString(),
    expiresAt: i % 3 === 0 ? new Date(base + 700 * 86_400_000).toISOString() : null,
  }));
}

// Main's part, in the page: sorted orders built once, each view's matches computed once.
function standIn(data) {
  const lower = data.map((f) => f.name.toLowerCase());
  const created = data.map((f) => Date.parse(f.createdAt));
  const order = (cmp) => Int32Array.from(data.keys()).sort(cmp);
  const text = (v) => (a, b) => (v[a] < v[b] ? -1 : v[a] > v[b] ? 1 : a - b);
  const orders = {
    createdAt: order((a, b) => created[a] - created[b] || a - b),
    name: order(text(lower)),
    bytes: order((a, b) => data[a].bytes - data[b].bytes || a - b),
    purpose: order(text(data.map((f) => f.purpose))),
  };
  const views = new Map();
  return async (q) => {
    const sort = q.sort ?? { by: 'createdAt', dir: 'desc' };
    const key = [q.search, q.purpose, sort.by, sort.dir].join('|');
    let view = views.get(key);
    if (!view) {
      const base = orders[sort.by];
      const needle = q.search.toLowerCase();
      view = [];
      for (let k = 0; k < base.length; k += 1) {
        const i = base[sort.dir === 'desc' ? base.length - 1 - k : k];
        if ((!needle || lower[i].includes(needle)) && (!q.purpose || data[i].purpose === q.purpose)) view.push(i);
      }
      views.set(key, view);
    }
    return { ok: true, value: { files: view.slice(q.offset, q.offset + q.limit).map((i) => data[i]), total: view.length } };
  };
}

let root = null;
window.__mount = (n) => {
  const host = document.getElementById('root');
  if (root) root.unmount();
  const t0 = performance.now();
  window.api = { inventoryFiles: standIn(files(n)) };
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  root = createRoot(host);
  root.render(createElement(QueryClientProvider, { client }, createElement(InventoryTable, { snapshotId: n, hasExpiry: true, purposes: PURPOSES })));
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0))));
};

// One user action, timed until what it asked for is on screen and two frames have been produced.
const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const settled = async (test) => {
  while (!test()) await new Promise((r) => requestAnimationFrame(() => r()));
  await frames();
};
const loaded = () => document.querySelectorAll('tr[aria-busy]').length === 0;
window.__measure = async (repeats, steps) => {
  const input = document.querySelector('input[type="search"]');
  const status = document.querySelector('[data-testid="inventory-count"]');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const type = async (value) => {
    const before = status.textContent;
    const t0 = performance.now();
    setValue.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await settled(() => status.textContent !== before && loaded());
    return performance.now() - t0;
  };
  const sizeButton = [...document.querySelectorAll('th button')].find((b) => b.textContent.startsWith('Size'));
  const firstRow = () => document.querySelector('tbody tr:not(.spacer)')?.textContent;
  const click = async () => {
    const before = firstRow();
    const t0 = performance.now();
    sizeButton.click();
    await settled(() => firstRow() !== before && loaded());
    return performance.now() - t0;
  };
  const scroller = document.querySelector('.inventory-scroll');
  let domRows = 0;
  const scrollThrough = async () => {
    const max = scroller.scrollHeight - scroller.clientHeight;
    const t0 = performance.now();
    for (let i = 1; i <= steps; i += 1) {
      scroller.scrollTop = (max * i) / steps;
      await frames();
      await settled(loaded);
      domRows = Math.max(domRows, document.querySelectorAll('tr').length);
    }
    const elapsed = performance.now() - t0;
    scroller.scrollTop = 0;
    await frames();
    return elapsed;
  };
  const filters = [];
  const sorts = [];
  const scrolls = [];
  for (let r = 0; r < repeats; r += 1) {
    filters.push((await type('report-7')) + (await type('')));
    sorts.push((await click()) + (await click()) + (await click()));
    scrolls.push(await scrollThrough());
  }
  return { filter: median(filters), sort: median(sorts), scroll: median(scrolls), domRows };
};
`;

async function bundle(): Promise<{ js: string; css: string }> {
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: root, loader: 'tsx', sourcefile: 'bench-entry.tsx' },
    bundle: true,
    write: false,
    format: 'iife',
    outdir: join(root, '.tmp/bench-table'),
    jsx: 'automatic',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
  const css = result.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  return { js, css };
}

/** Mounts n rows, then runs the page's timed user actions. */
interface Figures {
  filter: number;
  sort: number;
  scroll: number;
  domRows: number;
  prepare: number;
}

async function measure(page: Page, n: number): Promise<Figures> {
  const prepare = await page.evaluate((count) => (globalThis as unknown as { __mount: (n: number) => Promise<number> }).__mount(count), n);
  await page.getByRole('status').filter({ hasText: `${n.toLocaleString('en-US')} files` }).waitFor();
  const result = await page.evaluate(
    ([repeats, steps]) => (globalThis as unknown as { __measure: (r: number, s: number) => Promise<Omit<Figures, 'prepare'>> }).__measure(repeats, steps),
    [REPEATS, SCROLL_STEPS] as const,
  );
  return { ...result, prepare };
}

const { js, css } = await bundle();
const html = `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style></head><body><div id="root" style="padding:16px"></div><script>${js}</script></body></html>`;
const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html));
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const address = server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-gpu-vsync', '--disable-frame-rate-limit'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await measure(page, 1_000);
  const small = await measure(page, 1_000);
  const large = await measure(page, 100_000);
  const total = (m: typeof small) => m.filter + m.sort + m.scroll;
  const round = (v: number) => Math.round(v * 100) / 100;
  console.log(`1k:   filter ${small.filter.toFixed(1)} ms, sort ${small.sort.toFixed(1)} ms, scroll ${small.scroll.toFixed(1)} ms, ${small.domRows} rows in DOM`);
  console.log(`100k: filter ${large.filter.toFixed(1)} ms, sort ${large.sort.toFixed(1)} ms, scroll ${large.scroll.toFixed(1)} ms, ${large.domRows} rows in DOM`);
  report({
    ratio_100k_vs_1k: round(total(large) / total(small)),
    dom_rows: Math.max(small.domRows, large.domRows),
    filter_ms_1k: round(small.filter),
    filter_ms_100k: round(large.filter),
    sort_ms_1k: round(small.sort),
    sort_ms_100k: round(large.sort),
    scroll_ms_1k: round(small.scroll),
    scroll_ms_100k: round(large.scroll),
    prepare_ms_100k: round(large.prepare),
    goal_ratio: 1.5,
    goal_dom_rows: 200,
  });
} finally {
  await browser.close();
  server.close();
}
