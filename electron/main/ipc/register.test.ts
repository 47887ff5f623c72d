import { beforeEach, describe, expect, it, vi } from 'vitest';
import { HANDLED_CHANNELS } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Services } from '../../app/handlers';

const registered = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) => registered.set(channel, handler) },
}));

const { registerIpc } = await import('./register');
const { createHandlers } = await import('../../app/handlers');
const { KnownSecrets } = await import('../../services/secrets/redact');
const { appOrigins } = await import('../security');

const INDEX = 'file:///app/out/renderer/index.html';
const origins = appOrigins(INDEX, undefined, true);
const openExternal = vi.fn(async () => undefined);
const handlers = createHandlers({
  appInfo: { name: 'Stowage', version: '9.9.9', platform: 'linux' },
  platform: { pickFiles: async () => ['/a'], pickSavePath: async () => null, openExternal },
  secrets: new KnownSecrets(),
} as unknown as Services);

const trusted = { senderFrame: { url: INDEX, parent: null } };
const iframe = { senderFrame: { url: INDEX, parent: { url: INDEX } } };
const foreign = { senderFrame: { url: 'https://evil.example/', parent: null } };

beforeEach(() => {
  registered.clear();
  openExternal.mockClear();
  registerIpc(handlers, origins);
});

describe('registerIpc', () => {
  it('registers every contract channel (the preload\'s own included) and nothing else', () => {
    expect([...registered.keys()].sort()).toEqual([...HANDLED_CHANNELS].sort());
  });

  it('answers the trusted main frame', async () => {
    const result = await registered.get('app:info')!(trusted, undefined);
    expect(result).toEqual({ ok: true, value: { name: 'Stowage', version: '9.9.9', platform: 'linux' } });
  });

  it('refuses a sub-frame and a foreign page before any handler runs', async () => {
    for (const event of [iframe, foreign, { senderFrame: null }]) {
      const result = await registered.get('shell:openExternal')!(event, { url: 'https://example.com/' });
      expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) });
    }
    expect(openExternal).not.toHaveBeenCalled();
    await registered.get('shell:openExternal')!(trusted, { url: 'https://example.com/' });
    expect(openExternal).toHaveBeenCalledWith('https://example.com/');
  });

  it('rejects input that does not match the schema, without calling the handler', async () => {
    const result = await registered.get('shell:openExternal')!(trusted, { url: 42 });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'invalid_input' }) });
    expect(openExternal).not.toHaveBeenCalled();
  });
});

describe('dispatch error conversion', () => {
  it('passes an AppError through and hides any other exception behind the generic message', async () => {
    const { dispatch } = await import('../../app/handlers');
    const failing = {
      ...handlers,
      'app:info': async () => {
        throw new AppError('offline', 'Could not reach api.example.');
      },
      'dialog:pickFiles': async () => {
        throw new Error('ECONNREFUSED http://user:sk-secret@host/');
      },
    };
    expect(await dispatch(failing, 'app:info', undefined)).toEqual({ ok: false, error: { code: 'offline', message: 'Could not reach api.example.' } });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const hidden = await dispatch(failing, 'dialog:pickFiles', {});
    expect(JSON.stringify(logged.mock.calls)).not.toContain('sk-secret');
    expect(logged).toHaveBeenCalledWith('[ipc] dialog:pickFiles failed with Error');
    logged.mockRestore();
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(hidden)).not.toContain('sk-secret');
  });

  it('refuses an unknown channel and an output that breaks the contract', async () => {
    const { dispatch } = await import('../../app/handlers');
    expect(await dispatch(handlers, 'fs:readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const broken = { ...handlers, 'app:info': async () => ({ name: 'x' }) } as unknown as typeof handlers;
    expect(await dispatch(broken, 'app:info', undefined)).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
