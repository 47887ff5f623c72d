import type { KeyStorage } from '../../../shared/models/workspaces';
import { KeytarSecretStore, probeKeychain, type KeytarLike } from './keytar-store';
import { MemorySecretStore, type SecretStore } from './secret-store';

/**
 * Decides where each workspace's key lives: the OS keychain when it answers and the user wants
 * it kept, otherwise this session's memory. Callers say where they want a key; the vault says
 * where it really went, so the window can tell the user the truth.
 */
export class KeyVault {
  private readonly session = new MemorySecretStore();
  private readonly ready: Promise<SecretStore | null>;

  constructor(loadKeytar: () => Promise<KeytarLike>) {
    this.ready = probeKeychain(loadKeytar).then((keytar) => (keytar ? new KeytarSecretStore(keytar) : null));
  }

  async keychainAvailable(): Promise<boolean> {
    return (await this.ready) !== null;
  }

  /** Stores a key and returns where it ended up ('session' when the keychain refused it). */
  async save(account: string, secret: string, wanted: KeyStorage): Promise<KeyStorage> {
    const keychain = await this.ready;
    if (wanted === 'keychain' && keychain) {
      try {
        await keychain.set(account, secret);
        await this.session.delete(account);
        return 'keychain';
      } catch {
        // The keychain answered the probe but refused this write: keep the key for the session.
      }
    }
    await this.session.set(account, secret);
    if (keychain) await keychain.delete(account).catch(() => undefined);
    return 'session';
  }

  async get(account: string, storage: KeyStorage | null): Promise<string | null> {
    const fromSession = await this.session.get(account);
    if (fromSession !== null || storage !== 'keychain') return fromSession;
    const keychain = await this.ready;
    if (!keychain) return null;
    return keychain.get(account).catch(() => null);
  }

  async remove(account: string): Promise<void> {
    await this.session.delete(account);
    const keychain = await this.ready;
    if (keychain) await keychain.delete(account).catch(() => undefined);
  }
}
