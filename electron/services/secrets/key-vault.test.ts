import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { KeytarSecretStore, loadKeytar, probeKeychain, type KeytarLike } from './keytar-store';
import { KeyVault } from './key-vault';
import { KEYCHAIN_SERVICE } from './secret-store';

const run = promisify(execFile);
const probeScript = fileURLToPath(new URL('./probe-keychain.ts', import.meta.url));

const failingKeytar = async (): Promise<KeytarLike> => ({
  getPassword: async () => {
    throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
  },
  setPassword: async () => {
    throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
  },
  deletePassword: async () => {
    throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
  },
});

describe('the OS keychain (real gnome-keyring in a D-Bus session)', () => {
  it('stores, reads and deletes a key under service "Stowage", account = workspace id', async () => {
    const keytar = await loadKeytar();
    const store = new KeytarSecretStore(keytar);
    await store.set('ws-keychain-test', 'sk-real-keychain-1');
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, 'ws-keychain-test')).toBe('sk-real-keychain-1');
    expect(await store.get('ws-keychain-test')).toBe('sk-real-keychain-1');
    await store.delete('ws-keychain-test');
    expect(await store.get('ws-keychain-test')).toBeNull();
  });

  it('the vault keeps keys there when asked, and says so', async () => {
    const vault = new KeyVault(loadKeytar);
    expect(await vault.keychainAvailable()).toBe(true);
    expect(await vault.save('ws-vault', 'sk-vault-1', 'keychain')).toBe('keychain');
    expect(await (await loadKeytar()).getPassword(KEYCHAIN_SERVICE, 'ws-vault')).toBe('sk-vault-1');
    expect(await new KeyVault(loadKeytar).get('ws-vault', 'keychain')).toBe('sk-vault-1');
    await vault.remove('ws-vault');
    expect(await vault.get('ws-vault', 'keychain')).toBeNull();
  });

  it('several vaults probing the keychain at once all find it (each probe uses its own entry)', async () => {
    const vaults = Array.from({ length: 6 }, () => new KeyVault(loadKeytar));
    expect(await Promise.all(vaults.map((v) => v.keychainAvailable()))).toEqual(vaults.map(() => true));
  });

  it('a key the user wants for this session only never reaches the keychain', async () => {
    const vault = new KeyVault(loadKeytar);
    expect(await vault.save('ws-session', 'sk-session-1', 'session')).toBe('session');
    expect(await (await loadKeytar()).getPassword(KEYCHAIN_SERVICE, 'ws-session')).toBeNull();
    expect(await vault.get('ws-session', 'session')).toBe('sk-session-1');
  });
});

describe('when no keychain answers', () => {
  it('falls back to session-only keys (injected failing keytar)', async () => {
    expect(await probeKeychain(failingKeytar)).toBeNull();
    const vault = new KeyVault(failingKeytar);
    expect(await vault.keychainAvailable()).toBe(false);
    expect(await vault.save('ws-x', 'sk-x', 'keychain')).toBe('session');
    expect(await vault.get('ws-x', 'session')).toBe('sk-x');
  });

  it('detects a D-Bus session that is not there (real keytar in a child process)', async () => {
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/stowage-bus', DISPLAY: '' };
    const { stdout } = await run(process.execPath, ['--import', 'tsx', probeScript], { env });
    expect(stdout.trim()).toBe('unavailable');
    const { stdout: here } = await run(process.execPath, ['--import', 'tsx', probeScript], { env: process.env });
    expect(here.trim()).toBe('available');
  });
});
