import { containsPiece, startKeyWitness } from '../test/support/key-witness';
import { test, expect, connectRemote, REMOTE_KEY, uploadAll, fixture } from './fixtures';

/** Channels the key may travel on, and only renderer → main, once, when the user typed it. */
const KEY_CHANNELS = ['"workspaces:save"', '"workspaces:test"'];

test('the API key never comes back over the bridge and never sits in the page', async ({ page, harness, remote }) => {
  await remote.seed(30, ['assistants', 'batch']);
  await connectRemote(page, remote);
  await uploadAll(page, harness, [fixture('invoice.json')]);

  // Exercise every screen that talks to the provider.
  await page.getByRole('cell', { name: 'invoice.json', exact: true }).click();
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Contents of invoice.json')).toContainText('"invoice": "INV-1042"');
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Audit' }).click();
  await page.getByRole('button', { name: 'Run audit' }).click();
  await expect(page.getByRole('figure', { name: 'By purpose' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Workspaces' }).click();
  await page.getByRole('button', { name: 'Edit Acme production' }).click();
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('dialog').getByRole('status')).toContainText('Connected.');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  // A server that repeats the start and end of the key in its error: the operator reads its words, not the key.
  const echo = await startKeyWitness(remote.sandbox, { echo: true });
  try {
    await page.getByRole('button', { name: 'Add workspace…' }).click();
    const add = page.getByRole('dialog', { name: 'Add a workspace' });
    await add.getByLabel('Name').fill('Echoing server');
    await add.getByLabel('Base URL').fill(echo.urls.vlmrun);
    await add.getByLabel('API key').fill(REMOTE_KEY);
    await add.getByRole('button', { name: 'Test connection' }).click();
    await expect(add.getByRole('alert')).toContainText('VLM Run said: “The key •••… (ending •••) has no access to this project”');
    expect(echo.saw(REMOTE_KEY)).toBe(true);
    expect(containsPiece(await add.getByRole('alert').innerText(), REMOTE_KEY)).toBe(false);
    await add.getByRole('button', { name: 'Cancel' }).click();
  } finally {
    await echo.close();
  }

  const outgoing = harness.traffic.filter((t) => t.direction === 'out');
  expect(outgoing.length).toBeGreaterThan(20);
  expect(outgoing.filter((t) => containsPiece(t.data, REMOTE_KEY))).toEqual([]);
  const incoming = harness.traffic.filter((t) => t.direction === 'in' && t.data.includes(REMOTE_KEY));
  for (const message of incoming) expect(KEY_CHANNELS.some((c) => message.data.includes(c))).toBe(true);

  const html = await page.content();
  expect(containsPiece(html, REMOTE_KEY)).toBe(false);
  const fieldValues = await page.evaluate(() => [...document.querySelectorAll('input')].map((i) => i.value).join('\n'));
  expect(fieldValues).not.toContain(REMOTE_KEY);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toContain(REMOTE_KEY);
});
