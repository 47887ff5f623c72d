import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, expectAccessible, snap, connectRemote } from './fixtures';

test('runs the audit with progress and cancel, charts it, finds old files to delete and exports CSV', async ({ page, harness, remote }) => {
  await remote.seed(40, ['assistants', 'batch', 'vision']);
  await connectRemote(page, remote);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Audit' }).click();
  await expect(page.getByRole('heading', { name: 'Audit “Acme production”' })).toBeVisible();
  await expectAccessible(page, 'the audit start screen');

  // A slow provider: the run shows progress and can be cancelled.
  remote.faults({ latencyMs: 3000 });
  await page.getByRole('button', { name: 'Run audit' }).click();
  await expect(page.getByRole('progressbar', { name: 'Audit progress' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /Starting the audit|Listing files|Listed/ })).toBeVisible();
  await snap(page, 'audit-running');
  await page.getByRole('button', { name: 'Cancel audit' }).click();
  await expect(page.getByText(/Audit cancelled after \d+ files?\. Nothing was changed\./)).toBeVisible();
  remote.faults({});

  await page.getByRole('button', { name: 'Run the audit again' }).click();
  await expect(page.getByText(/40 files, 1\.\d kB in “Acme production”, counted/)).toBeVisible();
  const byPurpose = page.getByRole('figure', { name: 'By purpose' });
  await expect(byPurpose.locator('svg.recharts-surface')).toBeVisible();
  await expect(byPurpose.getByRole('row', { name: /^batch 13/ })).toBeVisible();
  const byAge = page.getByRole('figure', { name: 'By age' });
  await expect(byAge.getByRole('row', { name: /^Under 1 day 40/ })).toBeVisible();
  await page.getByRole('radio', { name: 'Total size' }).check();
  await expect(byPurpose.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expectAccessible(page, 'the audit report');
  await snap(page, 'audit-report');

  // Every file, filterable and sortable.
  await page.getByRole('searchbox', { name: 'Filter all files by name' }).fill('seed-00003');
  await expect(page.getByTestId('inventory-count')).toHaveText('10 of 40 files');
  await page.getByRole('table', { name: 'All files' }).getByRole('button', { name: 'Size' }).click();
  await expect(page.getByRole('table', { name: 'All files' }).getByRole('columnheader', { name: 'Size' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByRole('table', { name: 'All files' }).locator('tbody td.col-name').first()).toHaveText(/^seed-00003\d\.txt$/);

  // Export CSV through the main process's save dialog, then read the file back.
  const target = join(mkdtempSync(join(tmpdir(), 'stowage-export-')), 'inventory.csv');
  harness.platform.queueSave(target);
  await page.getByRole('button', { name: 'Export CSV…' }).click();
  await expect(page.getByText(`Saved to ${target}`)).toBeVisible();
  const lines = readFileSync(target, 'utf8').trim().split(/\r?\n/);
  expect(lines[0]).toBe('id,name,bytes,size,purpose,createdAt,expiresAt');
  expect(lines.slice(1).every((l) => /,\d+,\d+ bytes,/.test(l))).toBe(true);
  expect(lines).toHaveLength(41);
  expect(lines.filter((l) => l.includes(',batch,'))).toHaveLength(13);
  harness.platform.queueSave(null);
  await page.getByRole('button', { name: 'Export JSON…' }).click();
  await expect(page.getByText('Export cancelled: nothing was saved.')).toBeVisible();

  // Old-files finder: older than 0 days with purpose batch → exactly those 13, deleted in bulk.
  const finder = page.getByRole('region', { name: 'Find old files' });
  await finder.getByLabel('Older than').fill('0');
  await finder.getByLabel('Purpose').selectOption('batch');
  await expect(finder.getByRole('status')).toHaveText(/^13 files \(.+\) match$/);
  await finder.getByRole('button', { name: 'Select 13 files' }).click();
  await expect(page.getByText(/^13 files selected/)).toBeVisible();
  await finder.getByRole('button', { name: 'Delete 13 selected files…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete 13 files?' });
  await expect(dialog).toContainText('and 5 more files');
  await dialog.getByRole('button', { name: 'Delete 13 files' }).click();
  await expect(page.getByRole('dialog', { name: 'Delete finished' }).getByRole('status')).toHaveText('13 deleted');
  await page.keyboard.press('Escape');
  await expect(page.getByText(/13 files deleted since; run the audit again/)).toBeVisible();
  await page.getByRole('searchbox', { name: 'Filter all files by name' }).fill('');
  await expect(page.getByTestId('inventory-count')).toHaveText('27 files');
});
