import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, expectAccessible, snap, connectRemote, fixture, REMOTE_KEY, type Remote } from './fixtures';

const SCREENS = join(dirname(fileURLToPath(import.meta.url)), '../test-results/screens');

/**
 * A file name that is markup. The sandbox, like a browser's upload, keeps only what follows the
 * last '/', so '</script>' cannot survive in a stored name; this one has no slash and carries
 * both a script tag and an event handler. (The unit test in electron/services/report covers the
 * exact name `<script>alert(1)</script>.pdf`.)
 */
const HOSTILE = '<img src=x onerror=alert(1)><script>alert(1).pdf';

/** Saves a workspace through the same contract call the settings form makes. */
async function saveWorkspace(page: Page, input: { name: string; provider: string; baseUrl: string; apiKey: string }) {
  await page.evaluate(async (draft) => {
    const api = window.api as unknown as Record<string, (input: unknown) => Promise<{ ok: boolean }>>;
    const saved = await api.workspacesSave!({ ...draft, keyStorage: 'session' });
    if (!saved.ok) throw new Error('saving the workspace failed');
  }, input);
}

/** Uploads a PDF under a hostile name straight to the remote sandbox's OpenAI dialect. */
async function uploadHostile(remote: Remote) {
  const form = new FormData();
  form.append('purpose', 'user_data');
  form.append('file', new Blob([readFileSync(fixture('sample.pdf'))], { type: 'application/pdf' }), HOSTILE);
  const res = await fetch(`${remote.sandbox.urls.openai}/files`, { method: 'POST', headers: { Authorization: `Bearer ${REMOTE_KEY}` }, body: form });
  if (!res.ok) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
}

/** A screenshot of the whole saved report, not just the first screen of it. */
async function snapWhole(page: Page, name: string) {
  await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: true });
}

/**
 * Opens a saved report in a fresh Chromium page with every request routed and counted (none is
 * let through), and returns what loaded besides the file itself.
 */
async function openReport(context: BrowserContext, path: string) {
  const page = await context.newPage();
  const fileUrl = pathToFileURL(path).href;
  const requests: string[] = [];
  page.on('request', (r) => {
    if (r.url() !== fileUrl) requests.push(r.url());
  });
  await page.route('**/*', async (route) => {
    if (route.request().url() === fileUrl) return route.continue();
    requests.push(`routed ${route.request().url()}`);
    return route.abort();
  });
  await page.goto(fileUrl);
  return { page, requests };
}

/**
 * Four workspaces: the built-in Local sandbox, two on the remote sandbox (VLM Run with 40 files,
 * OpenAI with 5) and one whose key the remote refuses; then opens the all-workspaces audit.
 */
async function fourWorkspaces(page: Page, remote: Remote) {
  await remote.seed(40, ['assistants', 'batch', 'vision']);
  await remote.seed(5, ['user_data'], 'openai');
  await connectRemote(page, remote, 'Acme production');
  await saveWorkspace(page, { name: 'Acme staging', provider: 'openai', baseUrl: remote.sandbox.urls.openai, apiKey: REMOTE_KEY });
  await saveWorkspace(page, { name: 'Old account', provider: 'openai', baseUrl: remote.sandbox.urls.openai, apiKey: 'sk-revoked-0000000000000000000000' });
  await page.reload();

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Every workspace' }).click();
  await expect(page.getByRole('heading', { name: 'Audit all workspaces' })).toBeVisible();
}

test('audits every workspace at once: a line per workspace, cancel all, a bad key fails alone, totals, filter and export', async ({ page, harness, remote }) => {
  test.slow(); // four workspaces, two full audits and three axe passes: long on a busy machine
  await fourWorkspaces(page, remote);
  await expectAccessible(page, 'the all-workspaces audit start screen');

  // A slow provider: one line per workspace while it runs, and Cancel all stops them.
  remote.faults({ latencyMs: 3000 });
  await page.getByRole('button', { name: 'Start the audit' }).click();
  const lines = page.getByRole('list', { name: 'Workspaces in this audit' }).getByRole('listitem');
  await expect(lines).toHaveCount(4);
  await expect(lines.filter({ hasText: 'Acme production' })).toContainText('Listing…');
  await snap(page, 'audit-all-running');
  await page.getByRole('button', { name: 'Cancel all' }).click();
  await expect(page.getByText('Audit cancelled. Workspaces that had finished are counted below; nothing was changed.')).toBeVisible();
  await expect(lines.filter({ hasText: 'Acme production' })).toContainText('Cancelled: not counted.');
  remote.faults({});

  await page.getByRole('button', { name: 'Run it again' }).click();
  await expect(lines.filter({ hasText: 'Acme production' })).toContainText('Done: 40 files');
  await expect(lines.filter({ hasText: 'Acme staging' })).toContainText('Done: 5 files');
  await expect(lines.filter({ hasText: 'Old account' })).toContainText(/Failed: .*key/i);
  await expect(lines.filter({ hasText: 'Local sandbox' })).toContainText('Done:');

  const perWorkspace = page.getByRole('table', { name: 'Totals per workspace' });
  await expect(perWorkspace.getByRole('row', { name: /^Acme production VLM Run 40 / })).toBeVisible();
  await expect(perWorkspace.getByRole('row', { name: /^Acme staging OpenAI 5 / })).toBeVisible();
  await expect(perWorkspace.getByRole('row', { name: /^Old account OpenAI Not counted: .*key/i })).toBeVisible();
  const perProvider = page.getByRole('table', { name: 'Totals per provider' });
  await expect(perProvider.getByRole('row', { name: /^OpenAI 1 of 2 counted 5 / })).toBeVisible();
  const byPurpose = page.getByRole('figure', { name: 'By purpose' });
  await expect(byPurpose.getByRole('row', { name: /^user_data 5 / })).toBeVisible();
  await expect(byPurpose.getByRole('row', { name: /^batch 13 / })).toBeVisible();
  await expectAccessible(page, 'the all-workspaces audit report');
  await snap(page, 'audit-all-report');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page, 'the all-workspaces audit report in dark mode');
  await snap(page, 'audit-all-report-dark');
  await page.locator('main.content').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await snap(page, 'audit-all-charts-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await snap(page, 'audit-all-charts');

  // The workspace filter narrows the totals and the charts.
  await page.getByRole('group', { name: 'Show workspaces' }).getByLabel('Acme production').uncheck();
  await expect(perWorkspace.getByRole('row', { name: /^Acme production/ })).toHaveCount(0);
  await expect(byPurpose.getByRole('row', { name: /^batch/ })).toHaveCount(0);
  await expect(page.getByText(/\(3 of 4 shown\)/)).toBeVisible();
  await page.getByRole('group', { name: 'Show workspaces' }).getByLabel('Acme production').check();
  await expect(perWorkspace.getByRole('row', { name: /^Acme production/ })).toHaveCount(1);
  await expect(page.getByText(/\(3 of 4 shown\)/)).toHaveCount(0);

  // Export every file with its workspace.
  const out = mkdtempSync(join(tmpdir(), 'stowage-audit-all-'));
  const csv = join(out, 'all.csv');
  harness.platform.queueSave(csv);
  await page.getByRole('button', { name: 'Export CSV…' }).click();
  await expect(page.getByText(`Saved to ${csv}`)).toBeVisible();
  const rows = readFileSync(csv, 'utf8').trim().split(/\r?\n/);
  expect(rows[0]).toBe('workspace,workspaceId,provider,id,name,bytes,size,purpose,createdAt,expiresAt');
  expect(rows.filter((l) => l.startsWith('Acme production,'))).toHaveLength(40);
  expect(rows.filter((l) => l.startsWith('Acme staging,'))).toHaveLength(5);
  expect(rows.filter((l) => l.startsWith('Old account,'))).toHaveLength(0);
});

test('saves the audit as one self-contained HTML report that loads nothing, with what changed since the previous audit', async ({ page, harness, remote, context }) => {
  test.slow(); // four workspaces, two audits and three saved pages opened: long on a busy machine
  await fourWorkspaces(page, remote);
  await page.getByRole('button', { name: 'Start the audit' }).click();
  const lines = page.getByRole('list', { name: 'Workspaces in this audit' }).getByRole('listitem');
  await expect(lines.filter({ hasText: 'Old account' })).toContainText(/Failed: .*key/i);
  await expect(page.getByRole('button', { name: 'Save report…' })).toBeVisible();
  const out = mkdtempSync(join(tmpdir(), 'stowage-report-'));

  // Save report: one self-contained HTML file, opened in Chromium with nothing allowed to load.
  const reportPath = join(out, 'all.html');
  harness.platform.queueSave(reportPath);
  await page.getByRole('button', { name: 'Save report…' }).click();
  await expect(page.getByText(`Report saved to ${reportPath}`)).toBeVisible();
  const saved = await openReport(context, reportPath);
  await expect(saved.page.getByRole('heading', { name: 'Audit of all workspaces', level: 1 })).toBeVisible();
  await expect(saved.page.getByRole('row', { name: /^Old account OpenAI Not counted: .*key/i })).toBeVisible();
  expect(await saved.page.locator('script').count()).toBe(0);
  expect(await saved.page.locator('svg').count()).toBe(2);
  expect(saved.requests).toEqual([]);
  await expectAccessible(saved.page, 'the saved report');
  await snapWhole(saved.page, 'report-all');
  await saved.page.emulateMedia({ colorScheme: 'dark' });
  await snapWhole(saved.page, 'report-all-dark');
  await saved.page.close();

  // A file with a hostile name arrives; the single-workspace audit's report shows it, as text, under what changed.
  await uploadHostile(remote);
  await page.getByRole('combobox', { name: 'Workspace' }).selectOption({ label: 'Acme staging' });
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Audit' }).click();
  await page.getByRole('button', { name: 'Run audit' }).click();
  await expect(page.getByText(/6 files, .* in “Acme staging”, counted/)).toBeVisible();
  const single = join(out, 'staging.html');
  harness.platform.queueSave(single);
  await page.getByRole('button', { name: 'Save report…' }).click();
  await expect(page.getByText(`Report saved to ${single}`)).toBeVisible();
  const html = readFileSync(single, 'utf8');
  expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(1).pdf');
  const report = await openReport(context, single);
  await expect(report.page.getByRole('heading', { name: 'Since the previous audit' })).toBeVisible();
  await expect(report.page.getByRole('heading', { name: /^Files added: 1 file/ })).toBeVisible();
  await expect(report.page.getByRole('cell', { name: HOSTILE, exact: true })).toBeVisible();
  expect(await report.page.locator('script, img').count()).toBe(0);
  expect(report.requests).toEqual([]);
  await snapWhole(report.page, 'report-workspace');
  await report.page.emulateMedia({ media: 'print' });
  await snapWhole(report.page, 'report-workspace-print');
  await report.page.close();
});
