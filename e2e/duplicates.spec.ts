import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, snap, connectRemote, fixture, pickFiles, type Remote } from './fixtures';
import type { Harness } from './harness/host';

/** Picks files, sets purpose and duplicate policy in the pre-flight, and starts the batch. */
async function send(page: Page, harness: Harness, paths: string[], options: { purpose?: string; policy?: RegExp } = {}) {
  await pickFiles(page, harness, paths);
  const dialog = page.getByRole('dialog');
  if (options.purpose) await dialog.getByLabel('Purpose').selectOption(options.purpose);
  if (options.policy) await dialog.getByRole('radio', { name: options.policy }).check();
  await dialog.getByRole('button', { name: /^Upload \d+ files?$/ }).click();
  await expect(dialog).toBeHidden();
}

const panelOf = (page: Page) => page.getByRole('region', { name: 'Uploads' });

test('a copy stored for another purpose is not "already stored": "Skip exact copies" still sends it for vision', async ({ page, harness }) => {
  await send(page, harness, [fixture('notes.txt')], { purpose: 'assistants' });
  await expect(panelOf(page).getByRole('status')).toHaveText('1 uploaded');
  await panelOf(page).getByRole('button', { name: 'Clear finished' }).click();

  await send(page, harness, [fixture('notes.txt')], { purpose: 'vision', policy: /Skip exact copies/ });
  await expect(panelOf(page).getByRole('status')).toHaveText('1 uploaded');
  const rows = page.getByRole('row', { name: /notes\.txt/ });
  await expect(rows).toHaveCount(2);
  await expect(rows.locator('td.col-purpose')).toHaveText(['vision', 'assistants']);
});

test('"Upload it anyway" that VLM Run answers with the copy it holds says so, never "1 uploaded"', async ({ page, harness }) => {
  await send(page, harness, [fixture('notes.txt')]);
  await expect(panelOf(page).getByRole('status')).toHaveText('1 uploaded');
  await panelOf(page).getByRole('button', { name: 'Clear finished' }).click();

  await send(page, harness, [fixture('notes.txt')]);
  const waiting = panelOf(page).getByRole('listitem').filter({ hasText: 'notes.txt' });
  await expect(waiting).toContainText('Already stored');
  await expect(waiting).toContainText('The same contents are already stored for assistants.');
  await waiting.getByRole('button', { name: 'Upload notes.txt anyway' }).click();

  await expect(panelOf(page).getByRole('status')).toHaveText('VLM Run kept the existing copy (same id) instead of storing a second one');
  await expect(waiting).toContainText('Not stored twice');
  await expect(waiting).toContainText('VLM Run kept the existing copy (same id) instead of storing a second one.');
  await expect(page.getByRole('row', { name: /notes\.txt/ })).toHaveCount(1);
  await expect(page.getByText('Uploads: 0 done, 1 existing copy kept instead')).toBeVisible();
  await expectAccessible(page, 'a copy the provider kept');
  await snap(page, 'duplicates-kept');
});

test.describe('OpenAI-compatible: name and size is a guess', () => {
  async function openAi(page: Page, remote: Remote) {
    await remote.seed(3, ['user_data'], 'openai');
    await connectRemote(page, remote, 'OpenAI team', 'openai');
    await expect(page.getByRole('row', { name: /seed-000001\.txt/ })).toBeVisible();
  }

  test('an edited file with the same name and size waits for a choice, even under "skip", and says what is known', async ({ page, harness, remote }) => {
    await openAi(page, remote);
    const dir = mkdtempSync(join(tmpdir(), 'stowage-e2e-'));
    // Same name and size as the stored seed file ("Stowage sandbox seed file 1"), other contents.
    const edited = join(dir, 'seed-000001.txt');
    writeFileSync(edited, 'Stowage sandbox EDITED  f 1\n');
    await send(page, harness, [edited], { policy: /Skip exact copies/ });

    const row = panelOf(page).getByRole('listitem').filter({ hasText: 'seed-000001.txt' });
    await expect(row).toContainText('Same name and size');
    await expect(row).toContainText('A file with the same name and size is stored (contents not compared).');
    await expect(row).not.toContainText('Already stored');
    await expect(panelOf(page).getByRole('status')).toHaveText('1 with a file of the same name and size stored (contents not compared) — choose below');
    await expect(panelOf(page).getByRole('button', { name: 'Skip all stored' })).toHaveCount(0);
    await expect(panelOf(page).getByRole('button', { name: 'Skip all waiting' })).toBeVisible();
    await expectAccessible(page, 'a same-name, same-size guess');
    await snap(page, 'duplicates-guess');
    await page.emulateMedia({ colorScheme: 'dark' });
    await snap(page, 'duplicates-guess-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await row.getByRole('button', { name: 'Upload seed-000001.txt anyway' }).click();
    await expect(panelOf(page).getByRole('status')).toHaveText('1 uploaded');
    await expect(page.getByRole('row', { name: /seed-000001\.txt/ })).toHaveCount(2);

    // Uploaded from here, its contents are on record: sending it again is an exact match.
    await panelOf(page).getByRole('button', { name: 'Clear finished' }).click();
    await send(page, harness, [edited], { policy: /Skip exact copies/ });
    await expect(panelOf(page).getByRole('status')).toHaveText('1 skipped');
    await expect(panelOf(page).getByRole('listitem').filter({ hasText: 'seed-000001.txt' })).toContainText('Skipped: already stored');
  });
});
