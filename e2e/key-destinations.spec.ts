/**
 * Keys go only where the operator approved, seen from the workspace form. "Another host" is a
 * real loopback server on its own port in front of the remote sandbox that writes down every
 * Authorization header it receives, so the spec can tell whether the key travelled there.
 */
import { startKeyWitness, type KeyWitness } from '../test/support/key-witness';
import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, snap, connectRemote, REMOTE_KEY } from './fixtures';

let witness: KeyWitness | null = null;

test.afterEach(async () => {
  await witness?.close();
  witness = null;
});

/** Checks a screen with axe and saves it in the light and the dark theme (`<name>.png`, `<name>-dark.png`). */
async function lookInBothThemes(page: Page, name: string, what: string): Promise<void> {
  await expectAccessible(page, what);
  await snap(page, name);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page, `${what} (dark)`);
  await snap(page, `${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
}

test('a new base URL for a workspace with a saved key asks first, and Test does not send the key until confirmed', async ({ page, remote }) => {
  witness = await startKeyWitness(remote.sandbox);
  await connectRemote(page, remote);
  const savedHost = new URL(remote.sandbox.urls.vlmrun).host;
  const newHost = new URL(witness.urls.vlmrun).host;
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Workspaces' }).click();
  await page.getByRole('button', { name: 'Edit Acme production' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit “Acme production”' });
  await expect(dialog.getByRole('checkbox')).toHaveCount(0);

  await dialog.getByLabel('Base URL').fill(witness.urls.vlmrun);
  const confirm = dialog.getByRole('checkbox', { name: `Send the saved key to ${newHost}?` });
  await expect(confirm).not.toBeChecked();
  await expect(dialog.getByRole('group')).toContainText(`The saved key was approved for VLM Run at ${savedHost}. Stowage will not send it to ${newHost}`);
  await expect(dialog.getByLabel('API key')).toHaveAttribute('placeholder', `Type the key for ${newHost}`);
  await lookInBothThemes(page, 'workspace-key-transfer', 'the edit dialog asking before the saved key moves');

  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    `Test failed: The saved key was approved for VLM Run at ${savedHost}, so Stowage did not send it to VLM Run at ${newHost}. Type the key again, or confirm “Send the saved key to ${newHost}”, then test again.`,
  );
  expect(witness.saw(REMOTE_KEY)).toBe(false);
  await lookInBothThemes(page, 'workspace-key-transfer-test-refused', 'the refused test');

  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('group')).toContainText(`Type the API key for ${newHost}, or tick “Send the saved key to ${newHost}?” to save.`);
  await expect(confirm).toBeFocused();
  await expect(confirm).toHaveAccessibleDescription(`Type the API key for ${newHost}, or tick “Send the saved key to ${newHost}?” to save.`);
  await lookInBothThemes(page, 'workspace-key-transfer-save-refused', 'the refused save');
  expect(witness.saw(REMOTE_KEY)).toBe(false);

  await confirm.check();
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByRole('status')).toContainText(/Connected\. VLM Run answered in \d+ ms\./);
  expect(witness.saw(REMOTE_KEY)).toBe(true);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const card = page.getByRole('listitem').filter({ hasText: 'Acme production' });
  await expect(card).toContainText(witness.urls.vlmrun);
  await expect(card).toContainText('Key kept for this session only');
});

test('plain http:// to another computer is refused next to the URL field before anything is sent', async ({ page, harness }) => {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Workspaces' }).click();
  await page.getByRole('button', { name: 'Add workspace…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a workspace' });
  await dialog.getByLabel('Name').fill('Plain HTTP');
  await dialog.getByLabel('Base URL').fill('http://files.example.com/v1');
  await dialog.getByLabel('API key').fill(REMOTE_KEY);
  await dialog.getByRole('button', { name: 'Test connection' }).click();

  const url = dialog.getByLabel('Base URL');
  const expected =
    'The base URL must use https://. The API key goes with every request, and plain http:// would send it unencrypted, so http:// is allowed only for a server on this computer (localhost, 127.0.0.1, ::1). Change it to https://files.example.com/v1.';
  await expect(dialog.locator('#ws-url-error')).toHaveText(expected);
  await expect(url).toBeFocused();
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(url).toHaveAccessibleDescription(new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
  await lookInBothThemes(page, 'workspace-url-http-refused', 'the add dialog with a refused http:// address');

  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeVisible();
  const sent = harness.traffic.filter((t) => t.direction === 'in' && (t.data.includes('"workspaces:test"') || t.data.includes('"workspaces:save"')));
  expect(sent).toEqual([]);

  await url.fill('http://localhost:9/v1');
  await expect(dialog.locator('#ws-url-error')).toHaveCount(0);
  await url.fill('https://files.example.com/v1');
  await expect(dialog.locator('#ws-url-error')).toHaveCount(0);
  await expect(url).toHaveAttribute('aria-invalid', 'false');
});
