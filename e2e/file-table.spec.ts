import { test, expect, expectAccessible, snap, connectRemote } from './fixtures';
import type { Page } from '@playwright/test';

const pager = (page: Page) => page.getByRole('navigation', { name: 'Pages' });
const names = (page: Page) => page.locator('tbody tr:not(.spacer) td.col-name').allTextContents();

test('pages, filters, searches and sorts the provider listing', async ({ page, remote, harness }) => {
  await remote.seed(130, ['assistants', 'batch', 'vision']);
  await connectRemote(page, remote);
  await expect(pager(page)).toContainText('1–50 · Page 1');

  await pager(page).getByLabel('Rows per page').selectOption('25');
  await expect(pager(page)).toContainText('1–25 · Page 1');
  await expect(page.getByRole('cell', { name: 'seed-000130.txt', exact: true })).toBeVisible();
  await pager(page).getByRole('button', { name: 'Next ›' }).click();
  await expect(pager(page)).toContainText('26–50 · Page 2');
  await expect(page.getByRole('cell', { name: 'seed-000105.txt', exact: true })).toBeVisible();
  await pager(page).getByLabel('Go to page').fill('6');
  await pager(page).getByRole('button', { name: 'Go' }).click();
  await expect(pager(page)).toContainText('126–130 · Page 6');
  await expect(pager(page).getByRole('button', { name: 'Next ›' })).toBeDisabled();
  await pager(page).getByRole('button', { name: '‹ Previous' }).click();
  await expect(pager(page)).toContainText('101–125 · Page 5');
  await expectAccessible(page, 'the file table');
  await snap(page, 'file-table');

  // Purpose filter: back to page 1, every row has that purpose.
  await page.getByRole('toolbar').getByLabel('Purpose').selectOption('batch');
  await expect(pager(page)).toContainText('Page 1');
  await expect(page.locator('tbody td.col-purpose').first()).toHaveText('batch');
  expect(new Set(await page.locator('tbody tr:not(.spacer) td.col-purpose').allTextContents())).toEqual(new Set(['batch']));

  // Search by name (together with the purpose filter), then on its own.
  await page.getByRole('toolbar').getByLabel('Purpose').selectOption('');
  await page.getByRole('searchbox', { name: 'Search by file name' }).fill('seed-00012');
  await expect(pager(page)).toContainText('1–10');
  expect((await names(page)).every((n) => n.startsWith('seed-00012'))).toBe(true);
  // A filter change asks for page 1 straight away: the page the user was on is never fetched
  // under the new filter (with a search, that would be a second full listing).
  const lists = harness.traffic
    .filter((t) => t.direction === 'in' && t.data.includes('"files:list"'))
    .map((t) => (JSON.parse(t.data) as { input: { purpose: string | null; search: string; page: { index?: number } } }).input);
  expect(lists.filter((q) => (q.purpose === 'batch' || q.search !== '') && (q.page.index ?? 0) !== 0)).toEqual([]);
  expect(lists.some((q) => q.search === 'seed-00012')).toBe(true);
  await page.getByRole('searchbox', { name: 'Search by file name' }).fill('no-such-file');
  await expect(page.getByText('No files match these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(pager(page)).toContainText('1–25 · Page 1');

  // Sort by name: the header says so, and the page reads in order either way.
  const nameHeader = page.getByRole('columnheader', { name: 'Name' });
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  // The VLM Run dialect cannot sort the whole listing by name, and the table says so.
  await expect(page.getByText('Sorted within this page: VLM Run cannot sort the whole listing.')).toBeVisible();
  await expect(page.locator('tbody td.col-name').first()).toHaveText('seed-000106.txt');
  const ascending = await names(page);
  expect(ascending).toEqual([...ascending].sort());
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(page.locator('tbody td.col-name').first()).not.toHaveText(ascending[0] ?? '');
  const descending = await names(page);
  expect(descending).toEqual([...descending].sort().reverse());
  const sizeHeader = page.getByRole('columnheader', { name: 'Size' });
  await sizeHeader.getByRole('button').click();
  await expect(sizeHeader).toHaveAttribute('aria-sort', 'ascending');
});

test('selects like a desktop file list, chooses columns, previews with Space', async ({ page, remote }) => {
  await remote.seed(12);
  await connectRemote(page, remote);
  const rows = page.locator('tbody tr:not(.spacer)');
  await expect(rows).toHaveCount(12);

  await rows.nth(0).getByRole('cell').nth(1).click();
  await rows.nth(4).getByRole('cell').nth(1).click({ modifiers: ['Shift'] });
  await expect(page.getByText('5 files selected · 143 bytes')).toBeVisible();
  await rows.nth(2).getByRole('cell').nth(1).click({ modifiers: ['Control'] });
  await expect(page.getByText('4 files selected')).toBeVisible();
  await page.keyboard.press('Control+a');
  await expect(page.getByText('12 files selected')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Select all on this page' })).toBeChecked();
  await page.getByRole('checkbox', { name: 'Select all on this page' }).uncheck();
  await expect(page.getByText('Nothing selected')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Select seed-000008.txt' }).check();
  await expect(page.getByText('1 file selected · 28 bytes')).toBeVisible();

  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('group', { name: 'Show columns' }).getByLabel('File ID').uncheck();
  await expect(page.getByRole('columnheader', { name: 'File ID' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('group', { name: 'Show columns' })).toHaveCount(0);
  await page.reload();
  await expect(rows).toHaveCount(12);
  await expect(page.getByRole('columnheader', { name: 'File ID' })).toHaveCount(0);

  await rows.nth(1).getByRole('cell').nth(1).click();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  const pane = page.getByRole('complementary', { name: 'seed-000010.txt' });
  await expect(pane).toBeVisible();
  await expect(pane.getByLabel('Contents of seed-000010.txt')).toHaveText('Stowage sandbox seed file 10');
  await page.keyboard.press('Space');
  await expect(pane).toHaveCount(0);
});

test('shows loading, then an error with Retry that recovers', async ({ page, remote }) => {
  await remote.seed(5);
  remote.faults({ latencyMs: 1500 });
  await connectRemote(page, remote);
  await expect(page.getByRole('status').filter({ hasText: 'Loading files…' })).toBeVisible();
  await expect(page.locator('tbody tr:not(.spacer)')).toHaveCount(5);

  remote.faults({ serverErrors: { rate: 1, status: 500 } });
  await pager(page).getByLabel('Rows per page').selectOption('100');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(/VLM Run|provider/);
  await expectAccessible(page, 'the file table error state');
  await snap(page, 'file-table-error');
  remote.faults({});
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.locator('tbody tr:not(.spacer)')).toHaveCount(5);
});

test('follows the provider: cursor paging without jump, and an expiry column for OpenAI', async ({ page, remote }) => {
  await remote.seed(30, ['assistants', 'batch'], 'openai');
  await connectRemote(page, remote, 'OpenAI team', 'openai');
  await expect(page.getByRole('columnheader', { name: 'Expires' })).toBeVisible();
  await expect(page.getByRole('row', { name: /seed-000030\.txt/ }).locator('td.col-expiresAt')).toHaveText('Never');
  await pager(page).getByLabel('Rows per page').selectOption('25');
  await expect(pager(page)).toContainText('1–25 · Page 1');
  await expect(pager(page).getByLabel('Go to page')).toHaveCount(0);
  await pager(page).getByRole('button', { name: 'Next ›' }).click();
  await expect(pager(page)).toContainText('26–30 · Page 2');
  await expect(page.getByRole('cell', { name: 'seed-000001.txt', exact: true })).toBeVisible();
  await expect(pager(page).getByRole('button', { name: 'Next ›' })).toBeDisabled();
  await pager(page).getByRole('button', { name: '‹ Previous' }).click();
  await expect(pager(page)).toContainText('1–25 · Page 1');
  await expect(page.getByRole('cell', { name: 'seed-000030.txt', exact: true })).toBeVisible();
  await expectAccessible(page, 'the file table with an expiry column');
  await snap(page, 'file-table-openai');
});
