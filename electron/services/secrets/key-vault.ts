import { AppError } from '../../../shared/errors';
import type { KeyStorage } from '../../../shared/models/workspaces';
import { KeytarSecretStore, probeKeychain, type KeytarLike } from './keytar-store';
import { KnownSecrets } from './redact';
import { MemorySecretStore, type SecretStore } from './secret-store';

/**
 * Decides where each workspace's key lives: the OS keychain when it answers and the user wants
 * it kept, otherwise this session's memory. Callers say where they want a key; the vault says
 * where it really went, so the window can tell the user the truth. Every key it stores or reads
 * is added to `known`, so text meant for people can be redacted of it.
 */
export class KeyVault {
  private readonly session = new MemorySecretStore();
  private readonly ready: Promise<SecretStore | null>;

  constructor(
    loadKeytar: () => Promise<KeytarLike>,
    readonly known: KnownSecrets = new KnownSecrets(),
  ) {
    this.ready = probeKeychain(loadKeytar).then((keytar) => (keytar ? new KeytarSecretStore(keytar) : null));
  }

  async keychainAvailable(): Promise<boolean> {
    return (await this.ready) !== null;
  }

  /**
   * Stores a key and returns where it ended up ('session' when the keychain refused it). Asked to
   * keep a key for the session only, it deletes any keychain entry for the account first and
   * fails plainly if the keychain will not let go of it, so "this session only" is never untrue.
   */
  async save(account: string, secret: string, wanted: KeyStorage): Promise<KeyStorage> {
    this.known.add(secret);
    const keychain = await this.ready;
    if (wanted === 'keychain' && keychain) {
      try {
        await keychain.set(account, secret);
        await this.session.delete(account);
        return 'keychain';
      } catch {
        // The keychain answered the probe but refused this write: keep the key for the session.
        await keychain.delete(account).catch(() => undefined);
      }
    } else if (keychain) {
      await keychain.delete(account).catch(() => {
        throw new AppError(
          'keychain_unavailable',
          'Stowage could not remove the key from the system keychain, so it is still stored there. Unlock the keychain and save again, or delete the “Stowage” entry in your keychain app.',
        );
      });
    }
    await this.session.set(account, secret);
    return 'session';
  }

  async get(account: string, storage: KeyStorage | null): Promise<string | null> {
    const fromSession = await this.session.get(account);
    if (fromSession !== null || storage !== 'keychain') return this.remember(fromSession);
    const keychain = await this.ready;
    if (!keychain) return null;
    return this.remember(await keychain.get(account).catch(() => null));
  }

  async remove(account: string): Promise<void> {
    await this.session.delete(account);
    const keychain = await this.ready;
    if (keychain) await keychain.delete(account).catch(() => undefined);
  }

  private remember(secret: string | null): string | null {
    if (secret) this.known.add(secret);
    return secret;
  }
}
