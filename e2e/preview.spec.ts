import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, snap, fixture, uploadAll } from './fixtures';

async function open(page: Page, name: string) {
  await page.getByRole('cell', { name, exact: true }).click();
  await page.keyboard.press('Space');
  const pane = page.getByRole('complementary', { name });
  await expect(pane).toBeVisible();
  return pane;
}

test('previews an image, a PDF, JSON and CSV; anything else gets details and ways out', async ({ page, harness, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const dir = mkdtempSync(join(tmpdir(), 'stowage-e2e-'));
  const blob = join(dir, 'archive.bin');
  writeFileSync(blob, Buffer.from([0, 1, 2, 3, 250, 251, 252, 253]));
  await uploadAll(page, harness, [fixture('photo.png'), fixture('sample.pdf'), fixture('invoice.json'), fixture('table.csv'), blob]);

  const image = await open(page, 'photo.png');
  const img = image.getByRole('img', { name: 'Preview of photo.png' });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(160);
  await expectAccessible(page, 'the image preview');
  await snap(page, 'preview-image');

  const pdf = await open(page, 'sample.pdf');
  const frame = pdf.locator('iframe[title="PDF preview of sample.pdf"]');
  await expect(frame).toBeVisible();
  expect(await frame.getAttribute('src')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  await expectAccessible(page, 'the PDF preview');
  await snap(page, 'preview-pdf');

  const json = await open(page, 'invoice.json');
  await expect(json.getByLabel('Contents of invoice.json')).toContainText('"customer": {\n    "name": "Acme Ltd",');
  await snap(page, 'preview-json');

  const csv = await open(page, 'table.csv');
  const grid = csv.getByRole('region', { name: 'Contents of table.csv' });
  await expect(grid.getByRole('columnheader', { name: 'amount' })).toBeVisible();
  await expect(grid.getByRole('cell', { name: 'Smith, Jane' })).toBeVisible();
  await expect(grid.getByRole('cell', { name: 'O"Brien' })).toBeVisible();
  await expectAccessible(page, 'the CSV preview');

  const other = await open(page, 'archive.bin');
  await expect(other.getByText('No preview for this type')).toBeVisible();
  await expect(other.getByText('8 bytes')).toBeVisible();
  const id = (await other.locator('dd code').textContent()) ?? '';
  expect(id).not.toBe('');
  await other.getByRole('button', { name: 'Copy ID' }).click();
  await expect(other.getByRole('status').filter({ hasText: 'File ID copied.' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(id);
  await other.getByRole('button', { name: 'Open in browser' }).click();
  await expect(other.getByRole('status').filter({ hasText: 'Opened in your browser.' })).toBeVisible();
  expect(harness.platform.opened).toHaveLength(1);
  expect(harness.platform.opened[0]).toMatch(/^https?:\/\//);
  // The app window itself never went anywhere.
  expect(new URL(page.url()).origin).toBe(new URL(harness.url).origin);
  await expectAccessible(page, 'the no-preview pane');
  await snap(page, 'preview-none');

  await other.getByRole('button', { name: 'Close preview' }).click();
  await expect(page.getByRole('complementary', { name: 'archive.bin' })).toHaveCount(0);
});
