import { test, expect, expectAccessible, fixture, pickFiles, snap, uploadAll } from './fixtures';

test('the Local sandbox restarts after its process is killed, and the window says so', async ({ page, harness }) => {
  await uploadAll(page, harness, [fixture('notes.txt')]);
  await expect(page.getByRole('cell', { name: 'notes.txt', exact: true })).toBeVisible();

  process.kill(await harness.sandboxPid(), 'SIGKILL');

  const notice = page.getByRole('status').filter({ hasText: 'The local sandbox restarted' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('If something failed while it was stopped, try it again.');
  await expect(page.getByRole('cell', { name: 'notes.txt', exact: true })).toBeVisible();
  await expectAccessible(page, 'the sandbox restart notice');
  await snap(page, 'sandbox-restarted');

  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByText('The local sandbox restarted')).toHaveCount(0);

  // The restarted sandbox takes uploads again (the queue counts both batches).
  await pickFiles(page, harness, [fixture('table.csv')]);
  await page.getByRole('dialog').getByRole('button', { name: 'Upload 1 file' }).click();
  await expect(page.getByRole('region', { name: 'Uploads' }).getByRole('status')).toContainText('2 uploaded');
  await expect(page.getByRole('cell', { name: 'table.csv', exact: true })).toBeVisible();
});
