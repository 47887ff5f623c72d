import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const eslint = new ESLint({ cwd: root });

/** Lints a snippet as if it lived at `path` and returns the rule ids that fired. */
async function rulesFiredAt(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'fatal');
}

describe('architecture boundaries enforced by ESLint', () => {
  const importElectron = "import { app } from 'electron';\nexport const name = app.getName();\n";

  it.each(['electron/services/uploads/x.ts', 'electron/sandbox/x.ts', 'shared/x.ts', 'renderer/src/x.ts', 'electron/app/handlers/x.ts', 'electron/app/x.ts'])(
    'refuses an electron import in %s',
    async (path) => {
      expect(await rulesFiredAt(path, importElectron)).toContain('no-restricted-imports');
    },
  );

  it.each(['electron/main/x.ts', 'electron/preload/x.ts'])('allows an electron import in %s', async (path) => {
    expect(await rulesFiredAt(path, importElectron)).not.toContain('no-restricted-imports');
  });

  it('keeps raw ipcMain inside electron/main/ipc', async () => {
    const code = "import { ipcMain } from 'electron';\nipcMain.handle('x', async () => 1);\n";
    expect(await rulesFiredAt('electron/main/window-extra.ts', code)).toContain('no-restricted-imports');
    expect(await rulesFiredAt('electron/main/ipc/extra.ts', code)).not.toContain('no-restricted-imports');
  });

  it('keeps shared/ free of Node modules and the DOM', async () => {
    expect(await rulesFiredAt('shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toContain('no-restricted-imports');
    expect(await rulesFiredAt('shared/x.ts', "import { join } from 'path';\nexport const a = join;\n")).toContain('no-restricted-imports');
    expect(await rulesFiredAt('shared/x.ts', 'export const a = () => document.title;\n')).toContain('no-restricted-globals');
    expect(await rulesFiredAt('shared/x.ts', 'export const a = () => window.location.href;\n')).toContain('no-restricted-globals');
  });

  it('keeps Node modules out of the renderer', async () => {
    expect(await rulesFiredAt('renderer/src/x.ts', "import { readFile } from 'node:fs/promises';\nexport const a = readFile;\n")).toContain('no-restricted-imports');
  });
});
