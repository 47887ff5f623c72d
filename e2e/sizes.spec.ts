import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, expectAccessible, snap, connectRemote, pickFiles } from './fixtures';

/** 130 MiB: "130 MB" in binary units, "136 MB" in the decimal ones the OS file managers use. */
const SIZE = 136_314_880;

test('one file reads as one size in the pre-flight, the queue, the table, the status bar, the audit and a refusal', async ({ page, harness, remote }) => {
  const dir = mkdtempSync(join(tmpdir(), 'stowage-e2e-'));
  const survey = join(dir, 'survey.bin');
  writeFileSync(survey, '');
  truncateSync(survey, SIZE);

  await pickFiles(page, harness, [survey]);
  const dialog = page.getByRole('dialog', { name: 'Upload 1 file to “Local sandbox”?' });
  await expect(dialog).toContainText('1 file, 136 MB in total, to VLM Run');
  await dialog.getByText('Show the 1 file').click();
  await expect(dialog.getByRole('listitem').filter({ hasText: 'survey.bin' })).toHaveText('survey.bin 136 MB');
  await dialog.getByRole('button', { name: 'Upload 1 file' }).click();

  const panel = page.getByRole('region', { name: 'Uploads' });
  await expect(panel.getByRole('status')).toHaveText('1 uploaded');
  await expect(panel.getByRole('listitem').filter({ hasText: 'survey.bin' }).locator('.upload-bytes')).toHaveText('136 MB');
  const row = page.getByRole('row', { name: /survey\.bin/ });
  await expect(row.locator('td.col-bytes')).toHaveText('136 MB');
  await row.getByRole('checkbox', { name: 'Select survey.bin' }).check();
  await expect(page.getByText('1 file selected · 136 MB')).toBeVisible();
  await snap(page, 'sizes-table');

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Audit' }).click();
  await page.getByRole('button', { name: 'Run audit' }).click();
  await expect(page.getByText('1 file, 136 MB in “Local sandbox”, counted', { exact: false })).toBeVisible();

  // The same file on a provider with a limit: the refusal uses the same unit for both sizes.
  await connectRemote(page, remote, 'Yandex folder', 'yandex');
  await pickFiles(page, harness, [survey]);
  const refused = page.getByRole('dialog', { name: 'None of these can be uploaded' });
  await expect(refused.getByRole('region', { name: '1 item will not be uploaded' })).toContainText(
    `survey.bin in ${dir} — Too large: 136 MB, and Yandex AI Studio accepts at most 134 MB per file (it takes each file in one request). Split it into smaller files to upload it.`,
  );
  await expectAccessible(page, 'a refusal over the size limit');
  await snap(page, 'sizes-refused');
});
