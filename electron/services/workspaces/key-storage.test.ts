/**
 * "This session only" chosen while editing moves a saved key out of the real OS keychain: the
 * entry is deleted at once, the key keeps working until the app quits, and after a restart of
 * the services it is gone. The opposite move puts it in the keychain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox';
import { HttpClient } from '../net/client';
import { loadKeytar } from '../secrets/keytar-store';
import { KEYCHAIN_SERVICE } from '../secrets/secret-store';
import { startTestSandbox, TEST_KEY } from '../../../test/support/services';
import { draftOn, WorkspaceBench } from '../../../test/support/workspaces';

let sandbox: RunningSandbox;
const http = new HttpClient();
const bench = new WorkspaceBench(http);

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await sandbox.close();
  await http.close();
  bench.cleanup();
});

describe('changing where a saved key is kept, without typing it again', () => {
  it('keychain → this session only: the keychain entry is gone, the session works, a restart forgets it', async () => {
    const keytar = await loadKeytar();
    const { service, dataDir } = await bench.open();
    const saved = await service.save(draftOn(sandbox));
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, saved.id)).toBe(TEST_KEY);

    const edited = await service.save(draftOn(sandbox, { id: saved.id, apiKey: undefined, keyStorage: 'session' }));
    expect(edited).toMatchObject({ keyStorage: 'session', hasKey: true });
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, saved.id)).toBeNull();
    expect((await service.test({ id: saved.id })).latencyMs).toBeGreaterThanOrEqual(0);

    const restarted = await bench.open(dataDir);
    expect((await restarted.service.workspace(saved.id)).hasKey).toBe(false);
    await expect(restarted.service.connect(saved.id)).rejects.toThrow(/enter the key again/);
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, saved.id)).toBeNull();
  });

  it('this session only → keychain: the key is written there and survives a restart', async () => {
    const keytar = await loadKeytar();
    const { service, dataDir } = await bench.open();
    const saved = await service.save(draftOn(sandbox, { keyStorage: 'session' }));
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, saved.id)).toBeNull();

    expect(await service.save(draftOn(sandbox, { id: saved.id, apiKey: undefined, keyStorage: 'keychain' }))).toMatchObject({ keyStorage: 'keychain', hasKey: true });
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, saved.id)).toBe(TEST_KEY);
    const restarted = await bench.open(dataDir);
    expect((await restarted.service.test({ id: saved.id })).latencyMs).toBeGreaterThanOrEqual(0);
    await restarted.service.remove(saved.id);
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, saved.id)).toBeNull();
  });
});
