import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox';
import { HttpClient } from '../net/client';
import { LOCAL_SANDBOX_ID } from '../local-sandbox/local-sandbox';
import { startTestSandbox, TEST_KEY } from '../../../test/support/services';
import { draftOn, WorkspaceBench } from '../../../test/support/workspaces';
import type { ParsedDraft } from './workspace-service';

let sandbox: RunningSandbox;
const http = new HttpClient();
const bench = new WorkspaceBench(http);
const open = (dataDir?: string) => bench.open(dataDir);
const draft = (over: Partial<ParsedDraft> = {}): ParsedDraft => draftOn(sandbox, over);

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await sandbox.close();
  await http.close();
  bench.cleanup();
});

describe('workspaces', () => {
  it('starts with only the built-in Local sandbox, active, and a working connection to it', async () => {
    const { service, local } = await open();
    try {
      const listed = await service.list();
      expect(listed.workspaces.map((w) => w.id)).toEqual([LOCAL_SANDBOX_ID]);
      expect(listed.activeId).toBe(LOCAL_SANDBOX_ID);
      expect(listed.keychain).toBe('available');
      const activated = await service.activate(LOCAL_SANDBOX_ID);
      expect(activated.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/vlmrun\/v1$/);
      expect((await service.test({ id: LOCAL_SANDBOX_ID })).latencyMs).toBeGreaterThanOrEqual(0);
      await expect(service.remove(LOCAL_SANDBOX_ID)).rejects.toThrow(/built in/);
    } finally {
      await local.close();
    }
  });

  it('saves a workspace with its key in the keychain; the settings file never holds the key', async () => {
    const { service, dataDir } = await open();
    const saved = await service.save(draft());
    expect(saved).toMatchObject({ name: 'Team VLM', keyStorage: 'keychain', hasKey: true, builtIn: false, concurrency: 4 });
    const onDisk = readFileSync(join(dataDir, 'workspaces.json'), 'utf8');
    expect(onDisk).toContain('Team VLM');
    expect(onDisk).not.toContain(TEST_KEY);
    expect(JSON.stringify(await service.list())).not.toContain(TEST_KEY);

    const reopened = await open(dataDir);
    const again = (await reopened.service.list()).workspaces.find((w) => w.id === saved.id);
    expect(again).toMatchObject({ hasKey: true, keyStorage: 'keychain' });
    expect((await reopened.service.test({ id: saved.id })).latencyMs).toBeGreaterThanOrEqual(0);
    await reopened.service.remove(saved.id);
    expect((await reopened.service.list()).workspaces.map((w) => w.id)).toEqual([LOCAL_SANDBOX_ID]);
  });

  it('edits without retyping the key, and a session-only key is gone after a restart', async () => {
    const { service, dataDir } = await open();
    const saved = await service.save(draft({ keyStorage: 'session' }));
    expect(saved.keyStorage).toBe('session');
    const edited = await service.save(draft({ id: saved.id, name: 'Renamed', apiKey: undefined, keyStorage: 'session' }));
    expect(edited).toMatchObject({ name: 'Renamed', hasKey: true });
    const reopened = await open(dataDir);
    expect((await reopened.service.workspace(saved.id)).hasKey).toBe(false);
    await expect(reopened.service.connect(saved.id)).rejects.toThrow(/enter the key again/);
  });

  it('tests a draft before saving: latency when right, plain errors when not', async () => {
    const { service } = await open();
    expect((await service.test({ draft: draft() })).latencyMs).toBeGreaterThanOrEqual(0);
    await expect(service.test({ draft: draft({ apiKey: 'wrong-key-123456' }) })).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(service.test({ draft: draft({ baseUrl: 'file:///etc/passwd' }) })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(service.test({ draft: draft({ provider: 'openai', baseUrl: sandbox.urls.openai, defaultPurpose: 'datasets' }) })).rejects.toThrow(/not a purpose OpenAI accepts/);
    const yandex = draft({ provider: 'yandex', baseUrl: sandbox.urls.openai, folderId: 'b1g', defaultPurpose: 'assistants' });
    expect((await service.test({ draft: yandex })).latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('accepts plain http:// only for this computer; anywhere else the key must travel over https://', async () => {
    const { service } = await open();
    for (const baseUrl of ['http://files.example.com/v1', 'http://10.0.0.5:8080/v1', 'http://localhost.example.com/v1', 'http://[::2]/v1']) {
      await expect(service.save(draft({ baseUrl })), baseUrl).rejects.toThrow(/must use https:\/\//);
      await expect(service.test({ draft: draft({ baseUrl }) }), baseUrl).rejects.toMatchObject({ code: 'invalid_input' });
    }
    for (const baseUrl of ['http://localhost:9/v1', 'http://127.8.9.10:9/v1', 'http://[::1]:9/v1', 'https://files.example.com/v1']) {
      expect((await service.save(draft({ baseUrl }))).baseUrl, baseUrl).toBe(baseUrl);
    }
    expect((await service.list()).workspaces.some((w) => w.baseUrl.startsWith('http://files'))).toBe(false);
  });

  it('refuses to send a key over plain http:// to another computer even when the settings file says so', async () => {
    const first = await open();
    const saved = await first.service.save(draft());
    const path = join(first.dataDir, 'workspaces.json');
    const origin = new URL(sandbox.urls.vlmrun).origin;
    writeFileSync(path, readFileSync(path, 'utf8').replaceAll(origin, 'http://files.example.com'));
    const reopened = await open(first.dataDir);
    await expect(reopened.service.connect(saved.id)).rejects.toThrow(/must use https:\/\//);
  });

  it('moves a damaged settings file aside instead of overwriting it silently', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stowage-ws-bad-'));
    writeFileSync(join(dataDir, 'workspaces.json'), '{ not json');
    const { service } = await open(dataDir);
    expect((await service.list()).workspaces).toHaveLength(1);
    expect(readFileSync(join(dataDir, 'workspaces.json.bad'), 'utf8')).toBe('{ not json');
  });
});
