import { test, expect, expectAccessible, snap, REMOTE_KEY } from './fixtures';

test('adds a VLM Run workspace with a key, tests it, uses it, edits and removes it', async ({ page, remote }) => {
  await remote.seed(3);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Workspaces' }).click();
  await page.getByRole('button', { name: 'Add workspace…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a workspace' });
  await expect(dialog).toBeVisible();

  // The provider's default address is filled in, and the scope field follows the provider.
  await expect(dialog.getByLabel('Provider')).toHaveValue('vlmrun');
  await expect(dialog.getByLabel('Base URL')).toHaveValue('https://api.vlm.run/v1');
  await expect(dialog.getByLabel('Project ID')).toHaveCount(0);
  await dialog.getByLabel('Provider').selectOption({ label: 'Yandex AI Studio' });
  await expect(dialog.getByLabel('Base URL')).toHaveValue('https://ai.api.cloud.yandex.net/v1');
  await expect(dialog.getByLabel('Folder ID')).toBeVisible();
  await dialog.getByLabel('Provider').selectOption({ label: 'VLM Run' });
  await expect(dialog.getByLabel('Base URL')).toHaveValue('https://api.vlm.run/v1');

  // Saving without a key says what is missing.
  await dialog.getByLabel('Name').fill('Acme production');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Paste the API key');

  await dialog.getByLabel('Base URL').fill(remote.sandbox.urls.vlmrun);
  await dialog.getByLabel('API key').fill('sk-wrong-key');
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Test failed: VLM Run did not accept the API key');

  await dialog.getByLabel('API key').fill(REMOTE_KEY);
  await expect(dialog.getByLabel('API key')).toHaveAttribute('type', 'password');
  await dialog.getByRole('radio', { name: 'This session only' }).check();
  await expect(dialog.getByText(/when Stowage quits/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByRole('status')).toContainText(/Connected\. VLM Run answered in \d+ ms\./);
  await expectAccessible(page, 'the add-workspace dialog');
  await snap(page, 'workspace-form');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page, 'the add-workspace dialog (dark)');
  await snap(page, 'workspace-form-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  const card = page.getByRole('listitem').filter({ hasText: 'Acme production' });
  await expect(card).toContainText('Key kept for this session only');
  await expect(card).toContainText('In use');
  // Switching from the sidebar and back from the list.
  await page.getByRole('combobox', { name: 'Workspace' }).selectOption({ label: 'Local sandbox' });
  await expect(page.getByRole('listitem').filter({ hasText: 'Local sandbox' })).toContainText('In use');
  await card.getByRole('button', { name: 'Use Acme production' }).click();
  await expect(card).toContainText('In use');
  await expect(page.getByRole('combobox', { name: 'Workspace' }).locator('option:checked')).toHaveText('Acme production');
  await expectAccessible(page, 'the workspaces screen');
  await snap(page, 'workspaces');

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Files' }).click();
  await expect(page.getByRole('row')).toHaveCount(4);
  await expect(page.getByRole('cell', { name: 'seed-000001.txt', exact: true })).toBeVisible();

  // Editing never shows the key again: the field is empty and says a key is saved.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Workspaces' }).click();
  await card.getByRole('button', { name: 'Edit Acme production' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit “Acme production”' });
  await expect(edit.getByLabel('API key')).toHaveValue('');
  await expect(edit.getByLabel('API key')).toHaveAttribute('placeholder', 'Saved. Type a new key to replace it.');
  await edit.getByLabel('Files at a time').fill('5');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(card).toContainText('5 files at a time');

  await card.getByRole('button', { name: 'Remove Acme production' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove “Acme production”?' });
  await expect(confirm).toContainText('are not touched');
  await confirm.getByRole('button', { name: 'Remove workspace' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Acme production' })).toHaveCount(0);
});

test('Esc closes the workspace dialog without saving', async ({ page }) => {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Workspaces' }).click();
  await page.getByRole('button', { name: 'Add workspace…' }).click();
  await page.getByRole('dialog', { name: 'Add a workspace' }).getByLabel('Name').fill('Never saved');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByText('Never saved')).toHaveCount(0);
});
