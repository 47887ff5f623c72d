import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, snap, connectRemote, pickFiles, REMOTE_KEY } from './fixtures';

const rows = (page: Page) => page.locator('tbody tr:not(.spacer)');

async function selectFirst(page: Page, count: number): Promise<{ ids: string[]; names: string[] }> {
  await rows(page).nth(0).locator('td.col-name').click();
  await rows(page).nth(count - 1).locator('td.col-name').click({ modifiers: ['Shift'] });
  const ids = await rows(page).locator('td.col-id').evaluateAll((cells, n) => cells.slice(0, n).map((c) => c.textContent ?? ''), count);
  const names = await rows(page).locator('td.col-name').evaluateAll((cells, n) => cells.slice(0, n).map((c) => c.textContent ?? ''), count);
  return { ids, names };
}

test('deletes exactly the files shown in the confirmation, even if the table changed meanwhile', async ({ page, harness, remote }) => {
  await remote.seed(10);
  await connectRemote(page, remote);
  await expect(rows(page)).toHaveCount(10);

  // An upload that lands while the confirmation is open refreshes the table behind it.
  const big = join(mkdtempSync(join(tmpdir(), 'stowage-e2e-')), 'late-arrival.bin');
  writeFileSync(big, Buffer.alloc(3 * 1024 * 1024, 1));
  remote.faults({ bandwidthBytesPerSecond: 1_000_000 });
  await pickFiles(page, harness, [big]);
  await page.getByRole('dialog').getByRole('button', { name: 'Upload 1 file' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'late-arrival.bin' })).toContainText('Uploading');

  const shown = await selectFirst(page, 3);
  expect(shown.names).toEqual(['seed-000010.txt', 'seed-000009.txt', 'seed-000008.txt']);
  await expect(page.getByText('3 files selected · 85 bytes')).toBeVisible();
  await page.keyboard.press('Delete');
  const dialog = page.getByRole('dialog', { name: 'Delete 3 files?' });
  await expect(dialog).toContainText('3 files (85 bytes) will be deleted');
  await expect(dialog.getByRole('list', { name: 'Files to delete' }).getByRole('listitem')).toHaveText(shown.names.map((n) => new RegExp(n)));
  await expectAccessible(page, 'the delete confirmation');
  await snap(page, 'delete-confirm');

  await expect(rows(page).nth(0).locator('td.col-name')).toHaveText('late-arrival.bin', { timeout: 20_000 });
  remote.faults({});
  await dialog.getByRole('button', { name: 'Delete 3 files' }).click();
  const done = page.getByRole('dialog', { name: 'Delete finished' });
  await expect(done.getByRole('status')).toHaveText('3 deleted');
  await snap(page, 'delete-result');

  const sent = harness.traffic.filter((t) => t.direction === 'in' && t.data.includes('"files:delete"')).map((t) => JSON.parse(t.data) as { input: { ids: string[] } });
  expect(sent).toHaveLength(1);
  expect(sent[0]?.input.ids).toEqual(shown.ids);

  await done.getByRole('button', { name: 'Done' }).click();
  await expect(rows(page)).toHaveCount(8);
  await expect(page.getByRole('cell', { name: 'late-arrival.bin', exact: true })).toBeVisible();
  for (const name of shown.names) await expect(page.getByRole('cell', { name, exact: true })).toHaveCount(0);
  await expect(page.getByText('Nothing selected')).toBeVisible();
});

test('reports each file that could not be deleted, and Esc cancels without deleting', async ({ page, harness, remote }) => {
  await remote.seed(6);
  await connectRemote(page, remote);
  await expect(rows(page)).toHaveCount(6);
  const shown = await selectFirst(page, 3);

  await page.getByRole('button', { name: 'Delete 3 selected…' }).click();
  await expect(page.getByRole('dialog', { name: 'Delete 3 files?' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(harness.traffic.some((t) => t.data.includes('"files:delete"'))).toBe(false);

  // Someone else deletes one of them first.
  const gone = await fetch(`${remote.sandbox.urls.vlmrun}/files/${shown.ids[1]}`, { method: 'DELETE', headers: { Authorization: `Bearer ${REMOTE_KEY}` } });
  expect(gone.ok).toBe(true);
  await page.keyboard.press('Delete');
  const dialog = page.getByRole('dialog', { name: 'Delete 3 files?' });
  await dialog.getByRole('button', { name: 'Delete 3 files' }).click();
  const done = page.getByRole('dialog', { name: 'Delete finished' });
  await expect(done.getByRole('status')).toHaveText('2 deleted, 1 failed: not found');
  await expect(done.getByRole('list', { name: 'Files that were not deleted' })).toContainText(shown.names[1] ?? '');
  await expectAccessible(page, 'the delete result');
  await page.keyboard.press('Escape');
  await expect(rows(page)).toHaveCount(3);
});
