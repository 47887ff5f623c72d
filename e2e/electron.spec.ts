import { test, expect, _electron as electron } from '@playwright/test';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Where the electron package keeps its binary, or null when it was installed without one. */
function electronBinary(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const pathFile = join(require.resolve('electron/package.json'), '..', 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = require('electron') as unknown as string;
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

test.describe('the real Electron app', () => {
  test.skip(binary === null, 'No Electron binary is installed here (ELECTRON_SKIP_BINARY_DOWNLOAD=1); the app is proven through the browser harness instead.');

  test('launches hardened and answers over IPC', async () => {
    const app = await electron.launch({ args: ['.'], executablePath: binary ?? undefined });
    const window = await app.firstWindow();
    await expect(window.getByTestId('app-info')).toContainText('Stowage');
    // Sandboxed and isolated: the page has neither Node's require nor process, only the named bridge.
    const page = await window.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      invoke: typeof (globalThis as { api?: { invoke?: unknown } }).api?.invoke,
      appInfo: typeof (globalThis as { api?: { appInfo?: unknown } }).api?.appInfo,
    }));
    expect(page).toEqual({ require: 'undefined', process: 'undefined', invoke: 'undefined', appInfo: 'function' });
    await app.close();
  });
});
