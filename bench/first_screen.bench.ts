/**
 * first_screen (issue 11): how long the operator waits, from navigation to the file table showing
 * its first page, in real Chromium through the harness, with a 100,000-file workspace against a
 * 1,000-file one (two sandboxes on loopback, seeded through their bulk route). The production
 * renderer bundle is what loads; the time is taken in the page (navigation start to the moment a
 * MutationObserver sees the first file row), median of alternating reloads. Also reports the size
 * of the renderer's first chunk (the entry script index.html loads).
 *   ratio_100k_vs_1k   goal <= 1.5
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { startSandbox } from '../electron/sandbox';
import { startHarness } from '../e2e/harness/host';
import { report } from './report';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const KEY = 'sk-bench-first-screen-0123456789abcdef';
const ROUNDS = 9;

async function seeded(count: number) {
  const sandbox = await startSandbox({ apiKeys: [KEY] });
  for (let start = 0; start < count; start += 50_000) {
    const res = await fetch(`${sandbox.urls.vlmrun}/_sandbox/seed`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ count: Math.min(50_000, count - start), start, purposes: ['assistants', 'vision', 'batch'] }),
    });
    if (!res.ok) throw new Error(`seeding failed: ${res.status}`);
  }
  return sandbox;
}

/**
 * Calls one contract method through the page's window.api, as the renderer would (the page code
 * is a string: this file is type-checked for Node, not the DOM).
 */
async function api<T>(page: Page, method: string, input?: unknown): Promise<T> {
  const result = (await page.evaluate(`window.api.${method}(${input === undefined ? '' : JSON.stringify(input)})`)) as { ok: boolean; value: T };
  if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result)}`);
  return result.value;
}

/** Reloads and returns ms from navigation start to the first file row in the table. */
async function firstPaint(page: Page): Promise<number> {
  await page.reload();
  const handle = await page.waitForFunction(() => (globalThis as { __firstRowAt?: number }).__firstRowAt ?? null, null, { timeout: 60_000 });
  return (await handle.jsonValue()) as number;
}

/** Records, in the page, when the first file row appears (before any app script runs). */
const FIRST_ROW_PROBE = `
  document.addEventListener('DOMContentLoaded', () => {
    const observer = new MutationObserver(() => {
      if (document.querySelector('tbody tr:not(.spacer) td.col-name')) {
        window.__firstRowAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const small = await seeded(1_000);
const large = await seeded(100_000);
const harness = await startHarness();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  const pages = { small: await browser.newPage(), large: await browser.newPage() };
  for (const page of Object.values(pages)) {
    await page.addInitScript({ content: FIRST_ROW_PROBE });
    await page.goto(harness.url);
  }
  // Both pages talk to one harness, whose active workspace is shared: switch before each
  // measurement, alternating which size goes first.
  const save = (page: Page, name: string, baseUrl: string) =>
    api<{ id: string }>(page, 'workspacesSave', { name, provider: 'vlmrun', baseUrl, apiKey: KEY, keyStorage: 'session' });
  const ids = { small: (await save(pages.small, 'Small', small.urls.vlmrun)).id, large: (await save(pages.large, 'Large', large.urls.vlmrun)).id };
  const use = (which: 'small' | 'large') => api(pages[which], 'workspacesActivate', { id: ids[which] });
  const times = { small: [] as number[], large: [] as number[] };
  for (let round = 0; round < ROUNDS; round += 1) {
    const order: ('small' | 'large')[] = round % 2 === 0 ? ['small', 'large'] : ['large', 'small'];
    for (const which of order) {
      await use(which);
      times[which].push(await firstPaint(pages[which]));
    }
  }
  const html = readFileSync(join(root, 'out/renderer/index.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="\.?\/?([^"]+)"/.exec(html)?.[1];
  const chunkBytes = entry ? statSync(join(root, 'out/renderer', entry)).size : null;
  const figures = {
    first_page_ms_1k: Math.round(median(times.small)),
    first_page_ms_100k: Math.round(median(times.large)),
    ratio_100k_vs_1k: Number((median(times.large) / median(times.small)).toFixed(2)),
    goal_ratio: 1.5,
    first_chunk_bytes: chunkBytes,
    rounds: ROUNDS,
  };
  console.log(`first page painted: 1k ${figures.first_page_ms_1k} ms, 100k ${figures.first_page_ms_100k} ms, ratio ${figures.ratio_100k_vs_1k} (goal <= 1.5); first chunk ${chunkBytes} bytes`);
  report(figures);
} finally {
  await browser.close();
  await harness.close();
  await small.close();
  await large.close();
}
