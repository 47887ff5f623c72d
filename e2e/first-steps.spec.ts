import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, snap, connectRemote, fixture, uploadAll } from './fixtures';

test('the Local sandbox says on the Files screen that it is a practice store, and leads to adding an account', async ({ page, remote }) => {
  const banner = page.getByRole('note', { name: 'About the Local sandbox' });
  await expect(banner).toHaveText(/This is the Local sandbox: a practice store on this computer\. Nothing here reaches VLM Run\./);
  await expectAccessible(page, 'the Files screen with the sandbox banner');
  await snap(page, 'sandbox-banner');
  await page.emulateMedia({ colorScheme: 'dark' });
  await snap(page, 'sandbox-banner-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await banner.getByRole('button', { name: 'Add your account…' }).click();
  const form = page.getByRole('dialog', { name: 'Add a workspace' });
  await expect(form).toBeVisible();
  await expect(form.getByLabel('Base URL')).toHaveValue('https://api.vlm.run/v1');
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);

  // A real account is not a practice store: no banner there.
  await remote.seed(2);
  await connectRemote(page, remote);
  await expect(page.getByRole('row', { name: /seed-000001\.txt/ })).toBeVisible();
  await expect(page.getByRole('note', { name: 'About the Local sandbox' })).toHaveCount(0);
});

test('every row has a visible Preview button, and the status bar says how to preview', async ({ page, harness }) => {
  await uploadAll(page, harness, [fixture('notes.txt'), fixture('invoice.json')]);
  await expect(page.getByText('To preview a file: its Preview button, a double-click, or Space')).toBeVisible();
  const button = page.getByRole('button', { name: 'Preview notes.txt' });
  await expect(button).toBeVisible();
  await button.click();
  const pane = page.getByRole('complementary', { name: 'notes.txt' });
  await expect(pane).toBeVisible();
  await expect(page.getByRole('button', { name: 'Hide preview of notes.txt' })).toBeVisible();
  // The click previews; it does not change the selection.
  await expect(page.getByText('Nothing selected')).toBeVisible();
  await page.getByRole('button', { name: 'Hide preview of notes.txt' }).click();
  await expect(pane).toHaveCount(0);
  // The keyboard paths stay.
  await page.getByRole('cell', { name: 'invoice.json', exact: true }).click();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: 'invoice.json' })).toBeVisible();
  await expectAccessible(page, 'the table with preview buttons and the pane open');
});

async function expectLayoutHolds(page: Page, name: string, previewOpen: boolean) {
  const toolbar = page.getByRole('toolbar', { name: 'File actions' });
  const boxes = await toolbar.locator(':scope > *:visible').evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom, right: r.right })));
  const bar = (await toolbar.boundingBox())!;
  expect(boxes.length).toBeGreaterThan(4);
  const first = boxes[0]!;
  // One line: every control shares the first one's vertical band, and none sticks out on the right.
  for (const box of boxes) {
    expect(box.top).toBeLessThan(first.bottom);
    expect(box.right).toBeLessThanOrEqual(bar.x + bar.width + 0.5);
  }
  const area = await page.locator('.table-area').boundingBox();
  const header = page.getByRole('columnheader', { name: 'File ID' });
  if ((await header.count()) > 0) {
    const box = await header.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(area!.x + area!.width + 1);
  } else {
    // Deliberately hidden for lack of room: said above the table and in the Columns menu, with how to get it back.
    const why = previewOpen ? /^No room for File ID.* beside the preview: close it or widen the window to show (it|them)\.$/ : /^No room for File ID.* in this window: widen it to show (it|them)\.$/;
    await expect(page.getByText(why)).toBeVisible();
    await page.getByRole('button', { name: 'Columns' }).click();
    const menu = page.getByRole('group', { name: 'Show columns' });
    await expect(menu.locator('label').filter({ hasText: 'File ID' })).toContainText('no room now');
    await expect(menu).toContainText('widen the window to show every column.');
    await snap(page, `${name}-columns`);
    await page.keyboard.press('Escape');
  }
  // Nothing spills sideways: the table fits its area.
  const table = await page.getByRole('table', { name: 'Files' }).boundingBox();
  expect(table!.width).toBeLessThanOrEqual(area!.width);
}

for (const viewport of [{ width: 1280, height: 800 }, { width: 1024, height: 700 }]) {
  test(`with the preview open at ${viewport.width}×${viewport.height} the toolbar stays one line and File ID is shown or deliberately hidden`, async ({ page, remote }) => {
    await page.setViewportSize(viewport);
    await remote.seed(8, ['assistants'], 'openai');
    await connectRemote(page, remote, 'OpenAI team', 'openai');
    await page.getByRole('button', { name: 'Preview seed-000008.txt' }).click();
    await expect(page.getByRole('complementary', { name: 'seed-000008.txt' })).toBeVisible();
    await page.getByRole('checkbox', { name: 'Select seed-000003.txt' }).check();
    await expectLayoutHolds(page, `layout-${viewport.width}`, true);
    await expectAccessible(page, `the preview pane at ${viewport.width}`);
    await snap(page, `layout-${viewport.width}`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await snap(page, `layout-${viewport.width}-dark`);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: 'Close preview' }).click();
    await expect(page.getByRole('columnheader', { name: 'Uploaded' })).toBeVisible();
    await expectLayoutHolds(page, `layout-${viewport.width}-closed`, false);
  });
}

test('"Sort all files" finds the biggest file on a provider that sorts only a page', async ({ page, harness, remote }) => {
  await connectRemote(page, remote);
  await uploadAll(page, harness, [fixture('photo.png')]);
  await remote.seed(60);
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText('1–50 · Page 1');
  const size = page.getByRole('columnheader', { name: 'Size' });
  await size.getByRole('button').click();
  await size.getByRole('button').click();
  await expect(size).toHaveAttribute('aria-sort', 'descending');
  const note = page.getByText('Sorted within this page: VLM Run cannot sort the whole listing.');
  await expect(note).toBeVisible();
  await expect(page.locator('tbody td.col-name').first()).not.toHaveText('photo.png');

  await note.getByRole('button', { name: 'Sort all files' }).click();
  await expect(page.getByText('Sorted across all pages: Stowage read the whole workspace to sort it.')).toBeVisible();
  await expect(page.locator('tbody td.col-name').first()).toHaveText('photo.png');
  await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText('1–50 of 61 · Page 1 of 2');
  await expectAccessible(page, 'the table sorted across all pages');
  await snap(page, 'sort-all-files');
});
