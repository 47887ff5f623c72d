import { existsSync, mkdirSync, mkdtempSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startSandbox } from '../electron/sandbox';
import { startHarness } from './harness/host';
import { test, expect, expectAccessible, snap, connectRemote, dragOverAndLeave, dropPaths, fixture, localFaults, pickFiles, REMOTE_KEY } from './fixtures';

/** Saves an OpenAI workspace with the remote key through the bridge, makes it active, and reloads. */
async function useOpenAIWorkspace(page: Page, name: string, baseUrl: string): Promise<void> {
  await page.evaluate(
    async ({ name, baseUrl, key }) => {
      const api = window.api as unknown as Record<string, (input: unknown) => Promise<{ ok: boolean; value: { id: string } }>>;
      const saved = await api.workspacesSave!({ name, provider: 'openai', baseUrl, apiKey: key, keyStorage: 'keychain' });
      await api.workspacesActivate!({ id: saved.value.id });
    },
    { name, baseUrl, key: REMOTE_KEY },
  );
  await page.reload();
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'stowage-e2e-'));
}

test('dropping files and a folder shows one pre-flight for the batch, then uploads it', async ({ page }) => {
  const dir = scratch();
  const empty = join(dir, 'empty.txt');
  writeFileSync(empty, '');
  await expect(page.getByText('Drop files here to upload')).toBeVisible();
  await dragOverAndLeave(page, async () => {
    const overlay = page.getByRole('status').filter({ hasText: 'Drop to upload' });
    await expect(overlay).toContainText('Files and folders go to “Local sandbox”');
    await snap(page, 'drop-overlay');
  });
  await expect(page.getByText('Drop to upload')).toHaveCount(0);
  await dropPaths(page, [fixture('photo.png'), fixture('invoice.json'), fixture('folder'), empty], [{ name: 'snippet.txt', text: 'from a web page' }]);

  const dialog = page.getByRole('dialog', { name: 'Upload 5 files to “Local sandbox”?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('5 files, 35.7 kB in total, to VLM Run');
  await expect(dialog.getByLabel('Purpose')).toHaveValue('assistants');
  await expect(dialog.getByRole('radio', { name: /Ask me/ })).toBeChecked();
  const rejected = dialog.getByRole('region', { name: '2 items will not be uploaded' });
  await expect(rejected).toContainText('snippet.txt — Not a file on this computer');
  await expect(rejected).toContainText(`empty.txt in ${dir} — Empty file (0 bytes)`);
  await dialog.getByText('Show the 5 files').click();
  await expect(dialog.getByText('data.json')).toBeVisible();
  await expectAccessible(page, 'the pre-flight dialog');
  await snap(page, 'preflight');

  await dialog.getByLabel('Purpose').selectOption('vision');
  await dialog.getByRole('button', { name: 'Upload 5 files' }).click();
  await expect(dialog).toBeHidden();
  const panel = page.getByRole('region', { name: 'Uploads' });
  await expect(panel.getByRole('status')).toHaveText('5 uploaded');
  await expect(panel.getByRole('listitem')).toHaveCount(5);
  await expect(page.getByRole('cell', { name: 'chart.png', exact: true })).toBeVisible();
  await expect(page.getByRole('row', { name: /readme\.txt/ })).toContainText('vision');
  await expect(page.getByText('Uploads: 5 done')).toBeVisible();
  await expectAccessible(page, 'the file table with the upload queue');
  await snap(page, 'uploads-done');

  await panel.getByRole('button', { name: 'Clear finished' }).click();
  await expect(panel).toHaveCount(0);
});

test('a page that calls main itself cannot get a file read that nobody chose', async ({ page, harness }) => {
  const secret = join(scratch(), 'id_rsa');
  writeFileSync(secret, '-----BEGIN OPENSSH PRIVATE KEY-----');
  const answers = await page.evaluate(async (path) => {
    const api = window.api as unknown as Record<string, ((input?: unknown) => Promise<unknown>) | undefined>;
    return {
      raw: await api.uploadsPreflight!({ workspaceId: 'local-sandbox', paths: [path] }),
      forged: await api.uploadsPreflight!({ workspaceId: 'local-sandbox', grants: [path] }),
      register: typeof api.dropRegister,
    };
  }, secret);
  expect(answers.raw).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  expect(answers.forged).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('only reads files you chose') } });
  expect(answers.register).toBe('undefined');
  expect(harness.traffic.filter((t) => t.direction === 'out' && t.data.includes('id_rsa'))).toEqual([]);
  await expect(page.getByText('Drop files here to upload')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Uploads' })).toHaveCount(0);
});

test('a big upload shows progress and can be cancelled mid-way; duplicates ask first', async ({ page, harness }) => {
  const dir = scratch();
  const big = join(dir, 'big-scan.bin');
  writeFileSync(big, Buffer.alloc(24 * 1024 * 1024, 7));
  await localFaults(harness, { bandwidthBytesPerSecond: 1_000_000, targets: ['vlmrun'] });
  await pickFiles(page, harness, [big]);
  await page.getByRole('dialog').getByRole('button', { name: 'Upload 1 file' }).click();

  const row = page.getByRole('listitem').filter({ hasText: 'big-scan.bin' });
  await expect(row).toContainText('Uploading');
  await expect(row).toContainText(/\/s/);
  await expect(row).toContainText(/left/);
  await expect(row.getByRole('progressbar')).toHaveAttribute('aria-valuenow', /^[1-9]\d?$/);
  await snap(page, 'upload-progress');
  await row.getByRole('button', { name: 'Cancel big-scan.bin' }).click();
  await expect(row).toContainText('Cancelled');
  await expect(page.getByRole('region', { name: 'Uploads' }).getByRole('status')).toHaveText('1 cancelled');
  await localFaults(harness, {});
  await expect(page.getByRole('cell', { name: 'big-scan.bin', exact: true })).toHaveCount(0);

  // The same bytes twice: with "Ask me" the second one waits for a decision.
  await pickFiles(page, harness, [fixture('notes.txt')]);
  await page.getByRole('dialog').getByRole('button', { name: 'Upload 1 file' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'notes.txt' })).toContainText('Uploaded');
  await pickFiles(page, harness, [fixture('notes.txt')]);
  await page.getByRole('dialog').getByRole('button', { name: 'Upload 1 file' }).click();
  const duplicate = page.getByRole('listitem').filter({ hasText: 'Already stored' });
  await expect(duplicate).toContainText('notes.txt');
  await duplicate.getByRole('button', { name: 'Skip notes.txt' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Skipped: already stored' })).toHaveCount(1);
  await expect(page.getByRole('cell', { name: 'notes.txt', exact: true })).toHaveCount(1);
});

test('a failed upload says why, and Retry sends it once the provider is back', async ({ page, harness }) => {
  await localFaults(harness, { serverErrors: { rate: 1, status: 500 }, targets: ['vlmrun'] });
  await pickFiles(page, harness, [fixture('table.csv')]);
  await page.getByRole('dialog').getByRole('button', { name: 'Upload 1 file' }).click();
  const panel = page.getByRole('region', { name: 'Uploads' });
  await expect(panel.getByRole('status')).toHaveText('1 failed — Retry');
  const row = panel.getByRole('listitem').filter({ hasText: 'table.csv' });
  await expect(row).toContainText('Failed');
  await expect(row.locator('.upload-error')).not.toBeEmpty();
  await snap(page, 'upload-failed');

  await localFaults(harness, {});
  await panel.getByRole('status').getByRole('button', { name: 'Retry' }).click();
  await expect(panel.getByRole('status')).toHaveText('1 uploaded');
  await expect(page.getByRole('cell', { name: 'table.csv', exact: true })).toBeVisible();
});

test('10,000 queued files stay a short, scrollable list', async ({ page, harness }) => {
  const dir = scratch();
  const many = join(dir, 'many');
  mkdirSync(many);
  for (let i = 0; i < 10_000; i += 1) writeFileSync(join(many, `part-${String(i).padStart(5, '0')}.txt`), `part ${i}\n`);
  await localFaults(harness, { latencyMs: 2_000, targets: ['vlmrun'] });
  await dropPaths(page, [many]);
  const dialog = page.getByRole('dialog', { name: 'Upload 10,000 files to “Local sandbox”?' });
  await dialog.getByRole('button', { name: 'Upload 10,000 files' }).click();

  const panel = page.getByRole('region', { name: 'Uploads' });
  await expect(panel.getByRole('status')).toContainText('waiting');
  const list = panel.getByRole('list');
  expect(await list.getByRole('listitem').count()).toBeLessThan(40);
  await panel.getByLabel('Upload queue').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(list.getByRole('listitem').filter({ hasText: 'part-09999.txt' })).toBeVisible();
  expect(await list.getByRole('listitem').count()).toBeLessThan(40);
  await snap(page, 'upload-queue-10k');
  await panel.getByRole('button', { name: 'Cancel all' }).click();
  await expect(panel.getByRole('status')).toContainText('cancelled');
  await localFaults(harness, {});
});

test('pre-flight to OpenAI says a file over 512 MiB goes in parts, and refuses one over 8 GiB', async ({ page, harness, remote }) => {
  await connectRemote(page, remote, 'OpenAI big files', 'openai');
  const dir = scratch();
  const large = join(dir, 'scan-archive.tar');
  const huge = join(dir, 'disk-image.img');
  writeFileSync(large, '');
  writeFileSync(huge, '');
  truncateSync(large, 600 * 1024 * 1024);
  truncateSync(huge, 9 * 1024 * 1024 * 1024);
  await pickFiles(page, harness, [large, huge]);

  const dialog = page.getByRole('dialog', { name: 'Upload 1 file to “OpenAI big files”?' });
  await expect(dialog.getByRole('list', { name: 'Good to know' })).toContainText(
    "1 file is larger than 537 MB, so Stowage sends it in parts through OpenAI's Uploads API, and can resume where it stopped.",
  );
  await expect(dialog.getByRole('region', { name: '1 item will not be uploaded' })).toContainText(
    `disk-image.img in ${dir} — Too large: 9.7 GB, and OpenAI accepts at most 8.6 GB per file, even in parts. Split it into smaller files to upload it.`,
  );
  await expectAccessible(page, 'the pre-flight dialog with a note about parts');
  await snap(page, 'preflight-parts-note');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

test('a big OpenAI upload stopped by a quit comes back paused, resumes where it stopped, and says so', async ({ page, remote }) => {
  const MiB = 1024 * 1024;
  const dataDir = scratch();
  const big = join(scratch(), 'training-set.jsonl');
  writeFileSync(big, '');
  truncateSync(big, 400 * MiB);
  const partsOnServer = () => readdirSync(join(remote.sandbox.dataDir, 'upload-parts')).filter((f) => !f.endsWith('.part')).length;
  remote.faults({ bandwidthBytesPerSecond: 8 * MiB, targets: ['openai'] });

  let app = await startHarness({ dataDir });
  try {
    await page.goto(app.url);
    await useOpenAIWorkspace(page, 'OpenAI training', remote.sandbox.urls.openai);
    await pickFiles(page, app, [big]);
    const dialog = page.getByRole('dialog', { name: 'Upload 1 file to “OpenAI training”?' });
    await dialog.getByRole('button', { name: 'Upload 1 file' }).click();
    const panel = page.getByRole('region', { name: 'Uploads' });
    const row = panel.getByRole('listitem').filter({ hasText: 'training-set.jsonl' });
    await expect(row).toContainText('Uploading');
    // The quit comes once the provider holds at least one part (what the user would lose otherwise).
    await expect.poll(partsOnServer, { timeout: 120_000 }).toBeGreaterThan(0);
    await app.close();

    app = await startHarness({ dataDir });
    remote.faults({});
    await page.goto(app.url);
    await expect(row).toContainText('Paused');
    await row.getByRole('button', { name: 'Resume training-set.jsonl' }).click();
    await expect(row).toContainText(/Resumed at [\d.]+ MB of 419 MB/);
    await expect(panel.getByRole('status')).toContainText('1 uploaded', { timeout: 120_000 });
    await expect(row).toContainText(/Resumed at [\d.]+ MB of 419 MB/);
    await expectAccessible(page, 'the queue with a resumed big upload');
    await snap(page, 'upload-resumed');
    await page.emulateMedia({ colorScheme: 'dark' });
    await snap(page, 'upload-resumed-dark');
    // Exactly one file on the provider, whole.
    const listed = (await (await fetch(`${remote.sandbox.urls.openai}/files`, { headers: { Authorization: `Bearer ${REMOTE_KEY}` } })).json()) as { data: { filename: string; bytes: number }[] };
    expect(listed.data.filter((f) => f.filename === 'training-set.jsonl')).toEqual([expect.objectContaining({ bytes: 400 * MiB })]);
  } finally {
    await app.close();
    remote.faults({});
  }
});

test('cancelling a big OpenAI upload sent in parts cancels it on the server: its parts are gone and no file is stored', async ({ page, remote }) => {
  const MiB = 1024 * 1024;
  const big = join(scratch(), 'batch-input.jsonl');
  writeFileSync(big, '');
  truncateSync(big, 100 * MiB);
  const partsDir = join(remote.sandbox.dataDir, 'upload-parts');
  const partsOnServer = () => (existsSync(partsDir) ? readdirSync(partsDir).filter((f) => !f.endsWith('.part')).length : 0);
  remote.faults({ bandwidthBytesPerSecond: 4 * MiB, targets: ['openai'] });
  const app = await startHarness({ dataDir: scratch() });
  try {
    await page.goto(app.url);
    await useOpenAIWorkspace(page, 'OpenAI batches', remote.sandbox.urls.openai);
    await pickFiles(page, app, [big]);
    await page.getByRole('dialog', { name: 'Upload 1 file to “OpenAI batches”?' }).getByRole('button', { name: 'Upload 1 file' }).click();
    const panel = page.getByRole('region', { name: 'Uploads' });
    const row = panel.getByRole('listitem').filter({ hasText: 'batch-input.jsonl' });
    await expect(row).toContainText('Uploading');
    // Cancel once the provider holds at least one part, so there is something to cancel there.
    await expect.poll(partsOnServer, { timeout: 120_000 }).toBeGreaterThan(0);
    await row.getByRole('button', { name: 'Cancel batch-input.jsonl' }).click();
    await expect(row).toContainText('Cancelled');
    await expect.poll(partsOnServer, { timeout: 60_000 }).toBe(0);
    const listed = (await (await fetch(`${remote.sandbox.urls.openai}/files`, { headers: { Authorization: `Bearer ${REMOTE_KEY}` } })).json()) as { data: { filename: string }[] };
    expect(listed.data.filter((f) => f.filename === 'batch-input.jsonl')).toEqual([]);
  } finally {
    await app.close();
    remote.faults({});
  }
});

test('a big file to an OpenAI-compatible server without Uploads goes in one request, and the row says so', async ({ page }) => {
  const MiB = 1024 * 1024;
  const big = join(scratch(), 'proxy-batch.jsonl');
  writeFileSync(big, '');
  truncateSync(big, 70 * MiB); // over the 64 MiB from which OpenAI files go in parts
  const proxyLike = await startSandbox({ apiKeys: [REMOTE_KEY], openaiUploads: false });
  const app = await startHarness({ dataDir: scratch() });
  try {
    await page.goto(app.url);
    await useOpenAIWorkspace(page, 'Company proxy', proxyLike.urls.openai);
    await pickFiles(page, app, [big]);
    await page.getByRole('dialog', { name: 'Upload 1 file to “Company proxy”?' }).getByRole('button', { name: 'Upload 1 file' }).click();
    const panel = page.getByRole('region', { name: 'Uploads' });
    const row = panel.getByRole('listitem').filter({ hasText: 'proxy-batch.jsonl' });
    await expect(panel.getByRole('status')).toContainText('1 uploaded', { timeout: 120_000 });
    await expect(row).toContainText('This server has no multipart Uploads, so Stowage sends the file in one request.');
    const listed = (await (await fetch(`${proxyLike.urls.openai}/files`, { headers: { Authorization: `Bearer ${REMOTE_KEY}` } })).json()) as { data: { filename: string; bytes: number }[] };
    expect(listed.data.filter((f) => f.filename === 'proxy-batch.jsonl')).toEqual([expect.objectContaining({ bytes: 70 * MiB })]);
  } finally {
    await app.close();
    await proxyLike.close();
  }
});
