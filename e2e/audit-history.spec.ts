import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, snap, connectRemote, fixture, uploadAll, REMOTE_KEY, type Remote } from './fixtures';

const auth = { Authorization: `Bearer ${REMOTE_KEY}` };

/** Seeds files numbered from `start + 1` (seed-000031.txt…), so new files have new names. */
async function seedFrom(remote: Remote, start: number, count: number): Promise<void> {
  const res = await fetch(`${remote.sandbox.urls.vlmrun}/_sandbox/seed`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ count, start, purposes: ['assistants'] }),
  });
  expect(res.ok).toBe(true);
}

/** The remote VLM Run workspace's files as the provider lists them: name by id. */
async function remoteFiles(remote: Remote): Promise<Map<string, string>> {
  const res = await fetch(`${remote.sandbox.urls.vlmrun}/files?limit=1000`, { headers: auth });
  const files = (await res.json()) as { id: string; filename: string }[];
  return new Map(files.map((f) => [f.id, f.filename]));
}

async function openAudit(page: Page) {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Audit' }).click();
}

async function runAudit(page: Page, again: boolean, files: number) {
  await page.getByRole('button', { name: again ? 'Run the audit again' : 'Run audit' }).click();
  await expect(page.getByText(new RegExp(`^${files.toLocaleString('en-US')} files, .+ counted`))).toBeVisible();
}

/** The ids the one `files:delete` call sent (the harness records every message). */
function deletedIds(harness: { traffic: { direction: string; data: string }[] }): string[][] {
  return harness.traffic
    .filter((t) => t.direction === 'in' && t.data.includes('"files:delete"'))
    .map((t) => (JSON.parse(t.data) as { input: { ids: string[] } }).input.ids);
}

test('shows what changed since the last audit, deletes exactly the added files picked, and deletes an old audit', async ({ page, harness, remote }) => {
  await remote.seed(30);
  await connectRemote(page, remote);
  await openAudit(page);
  const history = page.getByRole('region', { name: 'History' });
  await expect(history).toContainText('No saved audits yet.');

  await runAudit(page, false, 30);
  await expect(history.getByText('No earlier audit to compare with yet — run the audit again later to see what changed.')).toBeVisible();
  const chart = history.getByRole('figure', { name: '“Acme production” at each saved audit' });
  await expect(chart.locator('tbody tr')).toHaveCount(1);

  // Meanwhile, someone deletes three files and adds 55 new ones (more than one page of the list).
  const before = await remoteFiles(remote);
  const goneIds = [...before.entries()].filter(([, name]) => ['seed-000004.txt', 'seed-000005.txt', 'seed-000006.txt'].includes(name)).map(([id]) => id);
  for (const id of goneIds) expect((await fetch(`${remote.sandbox.urls.vlmrun}/files/${id}`, { method: 'DELETE', headers: auth })).ok).toBe(true);
  await seedFrom(remote, 30, 55);

  await runAudit(page, true, 82);
  const since = history.getByRole('region', { name: 'Since the last audit' });
  await expect(since.getByTestId('since-summary')).toHaveText(/^55 files added \(.+\), 3 files gone \(.+\)\.$/);
  const totals = since.getByRole('table', { name: 'Totals before and after' });
  await expect(totals.getByRole('row', { name: /^Files 30 82 \+52$/ })).toBeVisible();
  await expect(chart.locator('tbody tr')).toHaveCount(2);

  const gone = since.getByRole('table', { name: 'Files gone' });
  await expect(gone.locator('tbody tr')).toHaveCount(3);
  await expect(gone.locator('tbody')).toContainText('seed-000006.txt');
  await expect(gone.getByRole('checkbox')).toHaveCount(0);

  // The added list is paged: 50 and then 5, newest first.
  const added = since.getByRole('table', { name: 'Files added' });
  await expect(added.locator('tbody tr')).toHaveCount(50);
  await expect(added.locator('tbody tr').first()).toContainText('seed-000085.txt');
  await since.getByRole('navigation', { name: 'Files added: pages' }).getByRole('button', { name: 'Next ›' }).click();
  await expect(since.getByText('51–55 of 55')).toBeVisible();
  await expect(added.locator('tbody tr')).toHaveCount(5);
  await expect(added.locator('tbody tr').last()).toContainText('seed-000031.txt');

  // A name opens the file's preview; Close brings the focus back.
  await added.getByRole('button', { name: 'seed-000031.txt' }).click();
  const preview = page.getByRole('complementary', { name: 'seed-000031.txt' });
  await expect(preview).toBeVisible();
  await expect(preview.getByText('Stowage sandbox seed file 31')).toBeVisible();
  await preview.getByRole('button', { name: 'Close preview' }).click();
  await expect(preview).toHaveCount(0);
  await expect(added.getByRole('button', { name: 'seed-000031.txt' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(preview.getByRole('button', { name: 'Close preview' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(preview).toHaveCount(0);
  await expect(added.getByRole('button', { name: 'seed-000031.txt' })).toBeFocused();

  await expectAccessible(page, 'the audit history');
  for (const [part, name] of [
    [chart, 'audit-history-chart'],
    [since, 'audit-history'],
  ] as const) {
    await part.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await snap(page, name);
    await page.emulateMedia({ colorScheme: 'dark' });
    await snap(page, `${name}-dark`);
    await page.emulateMedia({ colorScheme: 'light' });
  }

  // Two picked by hand: exactly those two are deleted, and the list then says so.
  await added.getByRole('checkbox', { name: 'Select seed-000032.txt' }).check();
  await added.getByRole('checkbox', { name: 'Select seed-000033.txt' }).check();
  await since.getByRole('button', { name: 'Delete 2 selected files…' }).click();
  let dialog = page.getByRole('dialog', { name: 'Delete 2 files?' });
  await expect(dialog.getByRole('list', { name: 'Files to delete' }).getByRole('listitem')).toHaveText([/seed-000032\.txt/, /seed-000033\.txt/]);
  await dialog.getByRole('button', { name: 'Delete 2 files' }).click();
  await expect(page.getByRole('dialog', { name: 'Delete finished' }).getByRole('status')).toHaveText('2 deleted');
  await page.keyboard.press('Escape');
  const nameOf = await remoteFiles(remote);
  expect(nameOf.size).toBe(80);
  expect([...nameOf.values()]).not.toContain('seed-000032.txt');
  expect([...nameOf.values()]).not.toContain('seed-000033.txt');
  await expect(added.getByRole('row', { name: /seed-000032\.txt — deleted from here since/ })).toBeVisible();
  await expect(added.getByRole('checkbox', { name: 'Select seed-000032.txt' })).toHaveCount(0);

  // "Select all added files": the 53 still there, exactly those, nothing older.
  await since.getByRole('button', { name: 'Select all added files' }).click();
  await expect(page.getByText(/^53 files selected/)).toBeVisible();
  await since.getByRole('button', { name: 'Delete 53 selected files…' }).click();
  dialog = page.getByRole('dialog', { name: 'Delete 53 files?' });
  await expect(dialog).toContainText('and 45 more files');
  await dialog.getByRole('button', { name: 'Delete 53 files' }).click();
  await expect(page.getByRole('dialog', { name: 'Delete finished' }).getByRole('status')).toHaveText('53 deleted');
  await page.keyboard.press('Escape');
  const sent = deletedIds(harness);
  expect(sent).toHaveLength(2);
  const after = await remoteFiles(remote);
  const original = [...before.entries()].filter(([id]) => !goneIds.includes(id));
  expect([...after.keys()].sort()).toEqual(original.map(([id]) => id).sort());
  expect(sent[1]!.every((id) => !before.has(id))).toBe(true);

  // Deleting the older audit (after a confirmation) leaves nothing to compare with.
  const saved = history.getByRole('region', { name: 'Saved audits' });
  await expect(saved.getByRole('table', { name: 'Saved audits' }).locator('tbody tr')).toHaveCount(2);
  await saved.getByRole('button', { name: 'Delete all but the newest…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete 1 saved audit?' });
  await expect(confirm.getByRole('list', { name: 'Audits to delete' })).toContainText('30 files');
  await expectAccessible(page, 'the delete-audits confirmation');
  await snap(page, 'audit-history-delete-audit');
  await confirm.getByRole('button', { name: 'Delete 1 saved audit' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(saved.getByRole('table', { name: 'Saved audits' }).locator('tbody tr')).toHaveCount(1);
  await expect(history.getByText('No earlier audit to compare with yet — run the audit again later to see what changed.')).toBeVisible();
  expect(harness.traffic.some((t) => t.direction === 'in' && t.data.includes('"history:removeAudits"'))).toBe(true);
});

test('groups likely duplicates honestly and deletes exactly all but the newest of each group', async ({ page, harness, remote }) => {
  // Not uploaded from here: the same three names and sizes, twice (contents unknown to the app).
  await remote.seed(3, ['user_data'], 'openai');
  await remote.seed(3, ['user_data'], 'openai');
  await connectRemote(page, remote, 'OpenAI team', 'openai');
  await expect(page.getByRole('row', { name: /seed-000001\.txt/ })).toHaveCount(2);

  // Uploaded from here: the same content twice under two names, and two files that share a name
  // and size but whose contents the app knows differ.
  const dir = mkdtempSync(join(tmpdir(), 'stowage-dupes-'));
  const copy = join(dir, 'notes copy.txt');
  writeFileSync(copy, readFileSync(fixture('notes.txt')));
  const dataA = join(mkdtempSync(join(dir, 'a-')), 'data.txt');
  const dataB = join(mkdtempSync(join(dir, 'b-')), 'data.txt');
  writeFileSync(dataA, 'alpha 1');
  writeFileSync(dataB, 'bravo 2');
  const clear = () => page.getByRole('region', { name: 'Uploads' }).getByRole('button', { name: 'Clear finished' }).click();
  await uploadAll(page, harness, [fixture('notes.txt'), dataA]);
  await clear();
  await uploadAll(page, harness, [copy]);
  await clear();
  await uploadAll(page, harness, [dataB]);
  await clear();

  await openAudit(page);
  await runAudit(page, false, 10);
  const panel = page.getByRole('region', { name: 'Likely duplicates' });
  await expect(panel.getByTestId('duplicates-summary')).toContainText('4 groups of likely duplicates');
  const groups = panel.getByRole('list', { name: 'Duplicate groups' }).getByRole('listitem');
  await expect(groups).toHaveCount(4);
  const byContent = groups.filter({ hasText: 'Same content (MD5)' });
  await expect(byContent).toHaveCount(1);
  await expect(byContent).toContainText('notes copy.txt');
  await expect(byContent).toContainText('notes.txt');
  await expect(groups.filter({ hasText: 'Same name and size' })).toHaveCount(3);
  await expect(panel).not.toContainText('data.txt');
  const notesBytes = readFileSync(fixture('notes.txt')).length;
  await expect(byContent.getByRole('row').nth(1)).toContainText('Newest: kept');
  // OpenAI dates files to the second: two uploads in one second tie, and the tie is broken by id, so
  // the test reads which copy is kept and checks that exactly the other one goes.
  const keptRow = byContent.getByRole('row', { name: /Newest: kept/ });
  await expect(keptRow).toHaveCount(1);
  const kept = (await keptRow.textContent())!.includes('notes copy.txt') ? 'notes copy.txt' : 'notes.txt';
  const older = kept === 'notes.txt' ? 'notes copy.txt' : 'notes.txt';
  await expect(byContent).toContainText(`${notesBytes} bytes reclaimable`);

  await expectAccessible(page, 'the likely duplicates');
  await panel.scrollIntoViewIfNeeded();
  await snap(page, 'audit-duplicates');
  await page.emulateMedia({ colorScheme: 'dark' });
  await snap(page, 'audit-duplicates-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await panel.getByRole('button', { name: 'Select all but the newest in each group' }).click();
  await expect(page.getByText(/^4 files selected/)).toBeVisible();
  await panel.getByRole('button', { name: 'Delete 4 selected files…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete 4 files?' });
  const listed = await dialog.getByRole('list', { name: 'Files to delete' }).getByRole('listitem').allTextContents();
  expect(listed.map((l) => l.replace(/\s+\d+ bytes$/, '')).sort()).toEqual([older, 'seed-000001.txt', 'seed-000002.txt', 'seed-000003.txt'].sort());
  await dialog.getByRole('button', { name: 'Delete 4 files' }).click();
  await expect(page.getByRole('dialog', { name: 'Delete finished' }).getByRole('status')).toHaveText('4 deleted');
  await page.keyboard.press('Escape');
  await expect(panel.getByText('No likely duplicates: no two files share their content (where known) or their name and size.')).toBeVisible();

  // Exactly the older copies went: the provider still has the newest of each, and the rest.
  const sent = deletedIds(harness);
  expect(sent).toHaveLength(1);
  const res = await fetch(`${remote.sandbox.urls.openai}/files?limit=100`, { headers: auth });
  const left = ((await res.json()) as { data: { id: string; filename: string; created_at: number }[] }).data;
  expect(left.map((f) => f.filename).sort()).toEqual(['data.txt', 'data.txt', kept, 'seed-000001.txt', 'seed-000002.txt', 'seed-000003.txt'].sort());
  expect(sent[0]!.some((id) => left.some((f) => f.id === id))).toBe(false);
});
