import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_CHANNEL_NAMES, PRELOAD_CHANNEL_NAMES } from '../../shared/contract/channels';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const out = (path: string) => join(root, 'out', path);
const scratch = mkdtempSync(join(tmpdir(), 'stowage-boot-'));

interface BootRecord {
  windows: { options: { webPreferences: Record<string, unknown> } }[];
  loaded: string[];
  channels: string[];
  forks: { modulePath: string; serviceName: string | null; messages: string[]; exitCode?: number | string }[];
  events: string[];
  workspacesList: { ok: boolean; value?: { workspaces: { id: string; builtIn: boolean }[]; activeId: string | null } };
  foreignCall: { ok: boolean; error?: { code: string } };
  filesList: { ok: boolean; count: number | null };
  driveError?: string;
}

let record: BootRecord;
let exitCode: number | null;

/**
 * Boots the BUILT app (out/main/index.js) under plain Node, with a recording stand-in for the
 * `electron` module (test/support/electron-stand-in), as a first run on a user's machine would:
 * the paths it loads must exist in out/, the sandbox host it forks must start, and quitting must
 * shut everything down. This catches packaging mistakes no source-level test can.
 */
beforeAll(async () => {
  if (!existsSync(out('main/index.js'))) throw new Error('The app is not built: run `npx electron-vite build` first (npm test does).');
  const report = join(scratch, 'boot.json');
  const child = spawn(process.execPath, ['--import', join(root, 'test/support/electron-stand-in/register.mjs'), out('main/index.js')], {
    env: { ...process.env, STOWAGE_BOOT_REPORT: report, STOWAGE_BOOT_USERDATA: join(scratch, 'userData'), ELECTRON_RENDERER_URL: '' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  exitCode = await new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  record = JSON.parse(readFileSync(report, 'utf8')) as BootRecord;
}, 90_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the built app boots as Electron would run it', () => {
  it('runs its start without error and exits cleanly when asked to quit', () => {
    expect(record.driveError).toBeUndefined();
    expect(exitCode).toBe(0);
    expect(record.events).toContain('enableSandbox');
    expect(record.events.at(-1)).toBe('quit');
  });

  it('opens one hardened window whose preload and page exist in out/', () => {
    expect(record.windows).toHaveLength(1);
    const prefs = record.windows[0]!.options.webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    const preload = prefs.preload as string;
    expect(preload).toBe(out('preload/index.cjs'));
    expect(existsSync(preload)).toBe(true);
    const page = fileURLToPath(record.loaded[0]!);
    expect(page).toBe(out('renderer/index.html'));
    expect(readFileSync(page, 'utf8')).toContain('Content-Security-Policy');
    expect(record.events).toEqual(expect.arrayContaining(['permissionRequestHandler', 'permissionCheckHandler', 'cspHeader']));
  });

  it('ships a preload of channel names only (no schemas, no zod)', () => {
    const preload = readFileSync(out('preload/index.cjs'), 'utf8');
    expect(preload).not.toMatch(/\bZodError\b|\bsafeParse\b/);
    expect(statSync(out('preload/index.cjs')).size).toBeLessThan(16_384);
  });

  it('registers every contract channel (the preload\'s own included) behind the sender check', () => {
    expect([...record.channels].sort()).toEqual([...INVOKE_CHANNEL_NAMES, ...PRELOAD_CHANNEL_NAMES].sort());
    expect(record.workspacesList.ok).toBe(true);
    expect(record.workspacesList.value?.activeId).toBe('local-sandbox');
    expect(record.foreignCall).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('forks the sandbox host from out/, which starts and serves the default workspace, and stops on quit', () => {
    expect(record.forks).toHaveLength(1);
    const host = record.forks[0]!;
    expect(host.modulePath).toBe(out('main/sandbox-host.js'));
    expect(host.messages).toContain('ready');
    expect(record.filesList).toMatchObject({ ok: true, count: 0 });
    expect(host.exitCode).toBe(0);
  });
});
