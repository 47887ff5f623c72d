import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, expectAccessible, snap, dropPaths, REMOTE_KEY, type Remote } from './fixtures';
import type { Page } from '@playwright/test';

async function addWorkspace(page: Page, baseUrl: string) {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Workspaces' }).click();
  await page.getByRole('button', { name: 'Add workspace…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a workspace' });
  await dialog.getByLabel('Name').fill('Wrong address');
  await dialog.getByLabel('Base URL').fill(baseUrl);
  await dialog.getByLabel('API key').fill(REMOTE_KEY);
  await dialog.getByRole('radio', { name: 'This session only' }).check();
  return dialog;
}

const rootOf = (remote: Remote) => new URL(remote.sandbox.urls.vlmrun).origin;

test('a wrong base URL is about the address, in the connection test and in the file list', async ({ page, remote }) => {
  const dialog = await addWorkspace(page, rootOf(remote));
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('Nothing answers at this address as a VLM Run Files API (HTTP 404). Check the base URL (it usually ends in /v1).');
  await expect(alert).not.toContainText('no such file');
  await expect(alert).not.toContainText('deleted');
  await expectAccessible(page, 'a failed connection test');
  await snap(page, 'error-wrong-address-test');

  // Saved anyway: the file list says the same, not that a file is missing.
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('combobox', { name: 'Workspace' }).selectOption({ label: 'Wrong address' });
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Files' }).click();
  const listError = page.getByRole('alert');
  await expect(listError).toContainText('Nothing answers at this address as a VLM Run Files API (HTTP 404)');
  await expect(listError).toContainText('Change it in the workspace settings.');
  await snap(page, 'error-wrong-address-list');
});

test('nothing listens at the address: the test says so', async ({ page }) => {
  const dialog = await addWorkspace(page, 'http://127.0.0.1:1/v1');
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Nothing answers at this address: Stowage could not connect to it.');
});

test('when every dropped item is refused, the dialog says so and offers only Close', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'stowage-e2e-'));
  const empty = join(dir, 'empty.txt');
  writeFileSync(empty, '');
  await dropPaths(page, [empty], [{ name: 'snippet.txt', text: 'from a web page' }]);

  const dialog = page.getByRole('dialog', { name: 'None of these can be uploaded' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Nothing was sent to VLM Run.');
  await expect(dialog.getByRole('button', { name: /^Upload/ })).toHaveCount(0);
  await expect(dialog.getByRole('radio')).toHaveCount(0);
  const refused = dialog.getByRole('region', { name: '2 items will not be uploaded' });
  // Named the same way wherever they came from: the name first, the folder beside it.
  await expect(refused.getByRole('listitem').nth(0)).toHaveText('snippet.txt — Not a file on this computer (dragged from a web page or another app?).');
  await expect(refused.getByRole('listitem').nth(1)).toHaveText(`empty.txt in ${dir} — Empty file (0 bytes): there is nothing to upload.`);
  await expect(refused.locator('.rejected-name')).toHaveText(['snippet.txt', 'empty.txt']);
  await expectAccessible(page, 'the all-refused pre-flight');
  await snap(page, 'preflight-all-refused');
  await page.emulateMedia({ colorScheme: 'dark' });
  await snap(page, 'preflight-all-refused-dark');

  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await expect(dialog).toBeHidden();
});
