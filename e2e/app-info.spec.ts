import { test, expect } from './fixtures';

test('the app opens in Chromium and gets its identity over the contract', async ({ page, harness }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });

  await expect(page.getByTestId('app-info')).toHaveText(`Stowage 0.1.0 on ${process.platform}`);

  // The answer really crossed the bridge: the request went in and the result came back.
  expect(harness.traffic.some((t) => t.direction === 'in' && t.data.includes('"app:info"'))).toBe(true);
  expect(harness.traffic.some((t) => t.direction === 'out' && t.data.includes('"platform"'))).toBe(true);
  // The production CSP (meta tag) allowed the app and the bridge, and blocked nothing they need.
  expect(errors).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('app-info.png') });
});

test('a link that is not http(s) is refused with a typed error', async ({ page }) => {
  await page.getByTestId('app-info').waitFor();
  const result = await page.evaluate(async () => {
    const api = window.api as unknown as Record<string, (input: unknown) => Promise<unknown>>;
    return api.shellOpenExternal!({ url: 'file:///etc/passwd' });
  });
  expect(result).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Only web links (http or https) can be opened.' } });
});
