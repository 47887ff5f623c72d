import { test, expect, expectAccessible, snap, connectRemote, dropPaths, fixture } from './fixtures';

/**
 * Expiry end to end (issue 12 §4): chosen in the pre-flight where the provider takes it, sent as
 * `expires_after`, shown in the file table from the provider's own `expires_at`, and listed by
 * the audit's "Expiring within 7 days".
 */
test('an upload to OpenAI can expire after 1 day: the table and the audit show it', async ({ page, remote }) => {
  // VLM Run (the Local sandbox) cannot be asked to delete files, so the choice is not offered there.
  await dropPaths(page, [fixture('notes.txt')]);
  const local = page.getByRole('dialog', { name: 'Upload 1 file to “Local sandbox”?' });
  await expect(local.getByLabel('Purpose')).toBeVisible();
  await expect(local.getByLabel('Delete after')).toHaveCount(0);
  await local.getByRole('button', { name: 'Cancel' }).click();

  await connectRemote(page, remote, 'Acme OpenAI', 'openai');
  await dropPaths(page, [fixture('notes.txt')]);
  const dialog = page.getByRole('dialog', { name: 'Upload 1 file to “Acme OpenAI”?' });
  const expiry = dialog.getByLabel('Delete after');
  await expect(expiry).toHaveValue('never');
  await expect(expiry.locator('option')).toHaveText(['Never', '1 hour', '6 hours', '12 hours', '1 day', '3 days', '7 days', '14 days', '30 days']);
  await expect(dialog).toContainText('The files stay until you delete them.');
  await dialog.getByLabel('Purpose').selectOption('batch');
  await expect(dialog).toContainText('OpenAI deletes batch files after 30 days unless you choose a shorter time here.');
  await dialog.getByLabel('Purpose').selectOption('user_data');
  await expiry.selectOption({ label: '1 day' });
  await expect(dialog).toContainText('OpenAI deletes each file 1 day after it is stored.');
  await expectAccessible(page, 'the pre-flight dialog with an expiry choice');
  await snap(page, 'preflight-expiry');
  await page.emulateMedia({ colorScheme: 'dark' });
  await snap(page, 'preflight-expiry-dark');
  await expectAccessible(page, 'the pre-flight dialog with an expiry choice, dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await dialog.getByRole('button', { name: 'Upload 1 file' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Uploads' }).getByRole('status')).toHaveText('1 uploaded');
  const cell = page.getByRole('row', { name: /notes\.txt/ }).locator('td.col-expiresAt');
  await expect(cell).toHaveText('in 1 day');
  await expect(cell.locator('span')).toHaveAttribute('title', /^Expires \w+day, \d+ \w+ \d{4} at \d\d:\d\d:\d\d/);
  await expectAccessible(page, 'the file table with an expiring upload');
  await snap(page, 'file-table-expiry');
  await page.emulateMedia({ colorScheme: 'dark' });
  await snap(page, 'file-table-expiry-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Audit' }).click();
  await page.getByRole('button', { name: 'Run audit' }).click();
  await expect(page.getByText(/1 file, .* in “Acme OpenAI”, counted/)).toBeVisible();
  const expiring = page.getByRole('region', { name: 'Expiring within 7 days' });
  await expect(expiring.getByRole('row')).toHaveCount(1 + 1);
  await expect(expiring.locator('tbody td:first-child')).toHaveText('notes.txt');
});
