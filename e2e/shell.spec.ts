import { test, expect, expectAccessible, snap } from './fixtures';

test.describe('first start', () => {
  test('opens on the Local sandbox with no account, ready to take files', async ({ page }) => {
    await expect(page.getByRole('combobox', { name: 'Workspace' })).toHaveValue('local-sandbox');
    await expect(page.getByText('VLM Run · on this computer')).toBeVisible();
    await expect(page.getByText('Drop files here to upload')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add files…' })).toBeEnabled();
    await expect(page.getByText('Nothing selected')).toBeVisible();
    await expect(page.getByText('No uploads')).toBeVisible();
    await expect(page.getByTestId('app-info')).toHaveText(`Stowage 0.1.0 on ${process.platform}`);
    await expectAccessible(page, 'the empty file table');
    await snap(page, 'files-empty-light');
  });

  test('follows the dark theme and keeps the keyboard shortcuts', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.getByText('Drop files here to upload')).toBeVisible();
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(22, 24, 29)');
    await expectAccessible(page, 'the empty file table in dark mode');
    await snap(page, 'files-empty-dark');

    await page.keyboard.press('Control+f');
    await expect(page.getByRole('searchbox', { name: 'Search by file name' })).toBeFocused();
  });

  test('says plainly which screen is which and moves between them', async ({ page }) => {
    const nav = page.getByRole('navigation', { name: 'Screens' });
    await nav.getByRole('button', { name: 'Audit' }).click();
    await expect(page.getByRole('heading', { name: 'Audit “Local sandbox”' })).toBeVisible();
    await expect(nav.getByRole('button', { name: 'Audit' })).toHaveAttribute('aria-current', 'page');
    await nav.getByRole('button', { name: 'Workspaces' }).click();
    await expect(page.getByRole('heading', { name: 'Workspaces', level: 1 })).toBeVisible();
    await expect(page.getByText('Built in: no key needed')).toBeVisible();
  });
});
