/**
 * A saved key goes only to the provider and origin (scheme, host, port) it was saved for. The
 * "other host" is a real loopback server on another port that writes down every Authorization
 * header it receives and forwards to the sandbox, so a confirmed key really connects there.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox';
import { HttpClient } from '../net/client';
import { loadKeytar } from '../secrets/keytar-store';
import { KEYCHAIN_SERVICE } from '../secrets/secret-store';
import { startKeyWitness, type KeyWitness } from '../../../test/support/key-witness';
import { startTestSandbox, TEST_KEY } from '../../../test/support/services';
import { draftOn, WorkspaceBench } from '../../../test/support/workspaces';

let sandbox: RunningSandbox;
let witness: KeyWitness;
const http = new HttpClient();
const bench = new WorkspaceBench(http);

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterEach(async () => {
  await witness?.close();
});

afterAll(async () => {
  await sandbox.close();
  await http.close();
  bench.cleanup();
});

describe('a saved key is bound to its provider and origin', () => {
  it('Test connection with a new base URL and no key typed does not send the saved key there', async () => {
    witness = await startKeyWitness(sandbox);
    const { service } = await bench.open();
    const saved = await service.save(draftOn(sandbox));
    const moved = draftOn(sandbox, { id: saved.id, apiKey: undefined, baseUrl: witness.urls.vlmrun });

    const refused = service.test({ draft: moved });
    await expect(refused).rejects.toMatchObject({ code: 'key_not_approved' });
    await expect(refused).rejects.toThrow(/Type the key again, or confirm/);
    expect(witness.saw(TEST_KEY)).toBe(false);

    expect((await service.test({ draft: { ...moved, keyTransfer: 'confirm' } })).latencyMs).toBeGreaterThanOrEqual(0);
    expect(witness.saw(TEST_KEY)).toBe(true);
  });

  it('Test connection with another provider at the same origin needs the same confirmation', async () => {
    witness = await startKeyWitness(sandbox);
    const { service } = await bench.open();
    const saved = await service.save(draftOn(sandbox, { baseUrl: witness.urls.vlmrun }));
    const before = witness.authorizations.length;
    const asOpenAi = draftOn(sandbox, { id: saved.id, apiKey: undefined, provider: 'openai', baseUrl: witness.urls.openai, defaultPurpose: null });
    await expect(service.test({ draft: asOpenAi })).rejects.toMatchObject({ code: 'key_not_approved' });
    expect(witness.authorizations.length).toBe(before);
    expect((await service.test({ draft: { ...asOpenAi, keyTransfer: 'confirm' } })).latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('saving an edit to a new origin drops the key (and its keychain entry) unless confirmed', async () => {
    witness = await startKeyWitness(sandbox);
    const { service, dataDir } = await bench.open();
    const keytar = await loadKeytar();
    const dropped = await service.save(draftOn(sandbox));
    const edited = await service.save(draftOn(sandbox, { id: dropped.id, apiKey: undefined, baseUrl: witness.urls.vlmrun }));
    expect(edited).toMatchObject({ hasKey: false, keyStorage: null });
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, dropped.id)).toBeNull();
    await expect(service.test({ id: dropped.id })).rejects.toThrow(/enter the key again/);
    expect(witness.authorizations).toEqual([]);

    const kept = await service.save(draftOn(sandbox));
    const confirmed = await service.save(draftOn(sandbox, { id: kept.id, apiKey: undefined, baseUrl: witness.urls.vlmrun, keyTransfer: 'confirm' }));
    expect(confirmed).toMatchObject({ hasKey: true, keyStorage: 'keychain' });
    expect((await service.test({ id: kept.id })).latencyMs).toBeGreaterThanOrEqual(0);
    expect(witness.saw(TEST_KEY)).toBe(true);

    const onDisk = JSON.parse(readFileSync(join(dataDir, 'workspaces.json'), 'utf8')) as { workspaces: { id: string; keyBinding: unknown }[] };
    const origin = new URL(witness.urls.vlmrun).origin;
    expect(onDisk.workspaces.find((w) => w.id === kept.id)?.keyBinding).toEqual({ provider: 'vlmrun', origin });
    expect(onDisk.workspaces.find((w) => w.id === dropped.id)?.keyBinding).toBeNull();
  });

  it('binds a key saved before bindings existed to the workspace origin on load', async () => {
    witness = await startKeyWitness(sandbox);
    const first = await bench.open();
    const saved = await first.service.save(draftOn(sandbox));
    const path = join(first.dataDir, 'workspaces.json');
    const old = JSON.parse(readFileSync(path, 'utf8')) as { workspaces: Record<string, unknown>[] };
    for (const record of old.workspaces) delete record.keyBinding;
    writeFileSync(path, JSON.stringify(old));

    const reopened = await bench.open(first.dataDir);
    const migrated = JSON.parse(readFileSync(path, 'utf8')) as { workspaces: { keyBinding: unknown }[] };
    expect(migrated.workspaces[0]?.keyBinding).toEqual({ provider: 'vlmrun', origin: new URL(sandbox.urls.vlmrun).origin });
    expect((await reopened.service.test({ id: saved.id })).latencyMs).toBeGreaterThanOrEqual(0);
    const moved = draftOn(sandbox, { id: saved.id, apiKey: undefined, baseUrl: witness.urls.vlmrun });
    await expect(reopened.service.test({ draft: moved })).rejects.toMatchObject({ code: 'key_not_approved' });
    expect(witness.authorizations).toEqual([]);
  });

  it('a settings file whose URL no longer matches the key binding never sends the key', async () => {
    witness = await startKeyWitness(sandbox);
    const first = await bench.open();
    const saved = await first.service.save(draftOn(sandbox));
    const path = join(first.dataDir, 'workspaces.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace(sandbox.urls.vlmrun, witness.urls.vlmrun));

    const reopened = await bench.open(first.dataDir);
    expect((await reopened.service.workspace(saved.id)).hasKey).toBe(false);
    await expect(reopened.service.connect(saved.id)).rejects.toMatchObject({ code: 'key_not_approved' });
    expect(witness.authorizations).toEqual([]);
  });
});
