import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type IConfiguration } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const config = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs')) as IConfiguration;
const scratch = mkdtempSync(join(tmpdir(), 'stowage-arrows-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let caseNumber = 0;

/**
 * Builds a tiny tree with the project's layout in a scratch folder (one importing file and the
 * files it names), cruises it with the project's own rules, and returns the rules that fired.
 */
async function rulesFired(files: Record<string, string>): Promise<string[]> {
  caseNumber += 1;
  const base = join(scratch, `case-${caseNumber}`);
  for (const [path, code] of Object.entries(files)) {
    mkdirSync(dirname(join(base, path)), { recursive: true });
    writeFileSync(join(base, path), code);
  }
  const result = await cruise(['.'], {
    baseDir: base,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx'] },
  });
  if (typeof result.output === 'string') throw new Error('expected a cruise result object');
  return [...new Set(result.output.summary.violations.map((v) => v.rule.name))].sort();
}

const leaf = 'export const x = 1;\n';
const uses = (path: string) => `import { x } from '${path}';\nexport const y = x;\n`;

describe('the import arrows (.dependency-cruiser.cjs) refuse each wrong direction', () => {
  it.each([
    ['shared reaching into main', 'shared/x.ts', '../electron/main/y', 'electron/main/y.ts', 'shared-is-a-leaf'],
    ['the SQLite opener reaching into services', 'electron/lib/x.ts', '../services/y', 'electron/services/y.ts', 'lib-is-a-leaf'],
    ['the sandbox using a service', 'electron/sandbox/x.ts', '../services/y', 'electron/services/y.ts', 'sandbox-stands-alone'],
    ['a service importing the app core', 'electron/services/uploads/x.ts', '../../app/y', 'electron/app/y.ts', 'services-point-inward'],
    ['a service importing the Electron shell', 'electron/services/x.ts', '../main/y', 'electron/main/y.ts', 'services-point-inward'],
    ['a service importing the sandbox', 'electron/services/x.ts', '../sandbox/index', 'electron/sandbox/index.ts', 'services-point-inward'],
    ['the app core importing the Electron shell', 'electron/app/x.ts', '../main/y', 'electron/main/y.ts', 'app-knows-services-only'],
    ['the app core reaching into the sandbox server', 'electron/app/x.ts', '../sandbox/server', 'electron/sandbox/server.ts', 'app-knows-services-only'],
    ['the Electron shell skipping the app core', 'electron/main/x.ts', '../services/y', 'electron/services/y.ts', 'main-knows-app-only'],
    ['the preload bundling the schemas', 'electron/preload/x.ts', '../../shared/contract/index', 'shared/contract/index.ts', 'preload-carries-names-only'],
    ['the renderer importing a service', 'renderer/src/x.ts', '../../electron/services/y', 'electron/services/y.ts', 'renderer-sees-shared-only'],
    ['the harness reaching past the app core', 'e2e/harness/x.ts', '../../electron/services/y', 'electron/services/y.ts', 'harness-is-a-transport'],
    ['production code importing a test helper', 'electron/services/x.ts', '../../test/support/y', 'test/support/y.ts', 'product-never-imports-tests'],
    ['a test helper reaching the Electron shell', 'test/support/x.ts', '../../electron/main/y', 'electron/main/y.ts', 'tests-never-reach-the-shell'],
  ])('%s', async (_name, from, specifier, target, rule) => {
    expect(await rulesFired({ [from]: uses(specifier), [target]: leaf })).toContain(rule);
  });

  it('refuses a cycle made only of type imports', async () => {
    const fired = await rulesFired({
      'electron/services/a.ts': "import type { B } from './b';\nexport type A = { b?: B };\n",
      'electron/services/b.ts': "import type { A } from './a';\nexport type B = { a?: A };\n",
    });
    expect(fired).toContain('no-cycles');
  });

  it('allows the arrows the house is built on', async () => {
    expect(
      await rulesFired({
        'electron/main/x.ts': uses('../app/index'),
        'electron/app/index.ts': `${uses('../services/y')}export { z } from '../sandbox/fork-host';\n`,
        'electron/services/y.ts': "import { x as m } from '../../shared/m';\nexport const x = m;\n",
        'electron/sandbox/fork-host.ts': 'export const z = 2;\n',
        'shared/m.ts': leaf,
        'e2e/harness/h.ts': uses('../../electron/app/index'),
        'electron/services/y.test.ts': uses('../../test/support/s'),
        'test/support/s.ts': leaf,
        'electron/preload/p.ts': uses('../../shared/contract/channels'),
        'shared/contract/channels.ts': leaf,
      }),
    ).toEqual([]);
  });
});
