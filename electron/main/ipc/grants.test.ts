import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../shared/ipc/define';
import { Scratch, startInProcess } from '../../../test/support/services';
import { until } from '../../../test/support/queue';

/**
 * Plays a compromised window: it may call any channel with any input, over both transports that
 * run the handler table (dispatch, as the browser harness does, and Electron's ipcMain under the
 * sender check). It must not get main to read a file the user never chose.
 */
const registered = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) => registered.set(channel, handler) },
}));

const { registerIpc } = await import('./register');
const { composeServices, createHandlers, dispatch } = await import('../../app');
const { appOrigins } = await import('../security');
type Composed = Awaited<ReturnType<typeof composeServices>>;

const INDEX = 'file:///app/out/renderer/index.html';
const trusted = { senderFrame: { url: INDEX, parent: null } };
const iframe = { senderFrame: { url: INDEX, parent: { url: INDEX } } };
const LOCAL = 'local-sandbox';
const scratch = new Scratch();
const dataDir = mkdtempSync(join(tmpdir(), 'stowage-grants-'));
const picks: string[][] = [];
let composed: Composed;
let handlers: ReturnType<typeof createHandlers>;

beforeAll(async () => {
  composed = await composeServices({
    appInfo: { name: 'Stowage', version: 'test', platform: process.platform },
    platform: { pickFiles: async () => picks.shift() ?? [], pickSavePath: async () => null, openExternal: async () => undefined },
    dataDir,
    emit: () => undefined,
    startSandbox: startInProcess,
  });
  handlers = createHandlers(composed.services);
  registerIpc(handlers, appOrigins(INDEX, undefined, true));
});

afterAll(async () => {
  await composed.dispose();
  rmSync(dataDir, { recursive: true, force: true });
  scratch.remove();
});

type Send = (channel: string, input: unknown) => Promise<Result<unknown>>;
const transports: [string, Send][] = [
  ['dispatch (the harness)', (channel, input) => dispatch(handlers, channel, input)],
  ['Electron ipcMain', async (channel, input) => (await registered.get(channel)!(trusted, input)) as Result<unknown>],
];

let n = 0;
const fresh = (name: string, content: string) => scratch.file(`${(n += 1)}-${name}`, content);

describe.each(transports)('paths over %s', (_name, send) => {
  it('refuses a path nobody chose, in plain words, and reads nothing', async () => {
    const secret = fresh('id_rsa', '-----BEGIN OPENSSH PRIVATE KEY-----');
    const before = composed.services.uploads.list().items.length;
    const raw = await send('uploads:preflight', { workspaceId: LOCAL, paths: [secret] });
    expect(raw).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const forged = await send('uploads:preflight', { workspaceId: LOCAL, grants: [secret] });
    expect(forged).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/only reads files you chose/) } });
    const guessed = await send('uploads:preflight', { workspaceId: LOCAL, grants: ['0123456789abcdef0123456789abcdef'] });
    expect(guessed).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(JSON.stringify([raw, forged, guessed])).not.toContain('id_rsa');
    expect(composed.services.uploads.list().items.length).toBe(before);
  });

  it('pre-flights and uploads what the open dialog returned, once per grant', async () => {
    // Different bytes per transport: VLM Run keeps one copy per content, and the second would be "kept".
    const chosen = fresh('report.txt', `quarterly numbers, run ${n}`);
    picks.push([chosen]);
    const picked = (await send('dialog:pickFiles', { folders: false })) as Result<{ files: { token: string; name: string }[] }>;
    expect(picked).toEqual({ ok: true, value: { files: [{ token: expect.stringMatching(/^[0-9a-f]{32}$/), name: expect.stringMatching(/report\.txt$/) }] } });
    expect(JSON.stringify(picked)).not.toContain(scratch.dir);
    const token = picked.ok ? picked.value.files[0]!.token : '';
    const plan = (await send('uploads:preflight', { workspaceId: LOCAL, grants: [token] })) as Result<{ preflightId: string; count: number }>;
    expect(plan).toMatchObject({ ok: true, value: { count: 1 } });
    expect(await send('uploads:preflight', { workspaceId: LOCAL, grants: [token] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const started = (await send('uploads:start', { preflightId: plan.ok ? plan.value.preflightId : '', purpose: 'assistants', duplicatePolicy: 'upload' })) as Result<{ batchId: string }>;
    expect(started.ok).toBe(true);
    const batchId = started.ok ? started.value.batchId : '';
    await until(() => composed.services.uploads.list().items.some((i) => i.batchId === batchId && i.state === 'done'));
  });

  it('pre-flights a dropped file registered through the preload\'s own channel', async () => {
    const dropped = fresh('dropped.csv', 'a,b\n1,2\n');
    const grant = (await send('drop:register', { path: dropped })) as Result<{ token: string; name: string }>;
    expect(grant).toEqual({ ok: true, value: { token: expect.stringMatching(/^[0-9a-f]{32}$/), name: expect.stringMatching(/dropped\.csv$/) } });
    const plan = await send('uploads:preflight', { workspaceId: LOCAL, grants: [grant.ok ? grant.value.token : ''] });
    expect(plan).toMatchObject({ ok: true, value: { count: 1, files: [{ path: dropped }] } });
    expect(await send('drop:register', { path: 'relative/name.txt' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('the drop register channel in Electron', () => {
  it('answers the app\'s main frame only (the preload runs there; an iframe never gets a grant)', async () => {
    const result = await registered.get('drop:register')!(iframe, { path: fresh('x.txt', 'x') });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
