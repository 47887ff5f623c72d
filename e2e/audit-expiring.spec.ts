import { test, expect, expectAccessible, snap, connectRemote, REMOTE_KEY } from './fixtures';

/**
 * The "Expiring within 7 days" list (issue 12 §4), against an OpenAI-dialect workspace whose files
 * expire in 2, 6 and 10 days or never (the sandbox seed sets `expires_at`).
 */
test('the audit lists exactly the files that expire within 7 days, soonest first', async ({ page, remote }) => {
  const res = await fetch(`${remote.sandbox.urls.openai}/_sandbox/seed`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${REMOTE_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ count: 8, purposes: ['user_data'], expires_in_seconds: [6 * 86_400, 2 * 86_400, 10 * 86_400, null] }),
  });
  expect(res.ok).toBe(true);
  await connectRemote(page, remote, 'Acme OpenAI', 'openai');
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Audit' }).click();
  await page.getByRole('button', { name: 'Run audit' }).click();
  await expect(page.getByText(/8 files, .* in “Acme OpenAI”, counted/)).toBeVisible();

  const expiring = page.getByRole('region', { name: 'Expiring within 7 days' });
  await expect(expiring.getByRole('row')).toHaveCount(1 + 4);
  const names = await expiring.locator('tbody td:first-child').allTextContents();
  // Files 1 and 5 expire in 6 days, 2 and 6 in 2 days; 3 and 7 in 10 days and 4 and 8 never are not listed.
  expect(names.slice(0, 2).sort()).toEqual(['seed-000002.txt', 'seed-000006.txt']);
  expect(names.slice(2).sort()).toEqual(['seed-000001.txt', 'seed-000005.txt']);
  await expectAccessible(page, 'the audit with expiring files');
  await snap(page, 'audit-expiring');
});
