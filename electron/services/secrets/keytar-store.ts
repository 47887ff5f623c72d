import { randomUUID } from 'node:crypto';
import { KEYCHAIN_SERVICE, type SecretStore } from './secret-store';

/** The three keytar functions Stowage uses; a seam so tests can inject a failing keychain. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** The OS keychain (libsecret/gnome-keyring, macOS Keychain, Windows Credential Vault) via keytar. */
export class KeytarSecretStore implements SecretStore {
  constructor(
    private readonly keytar: KeytarLike,
    private readonly service = KEYCHAIN_SERVICE,
  ) {}

  get(account: string): Promise<string | null> {
    return this.keytar.getPassword(this.service, account);
  }

  set(account: string, secret: string): Promise<void> {
    return this.keytar.setPassword(this.service, account, secret);
  }

  async delete(account: string): Promise<void> {
    await this.keytar.deletePassword(this.service, account);
  }
}

/** Each probe writes its own entry: two vaults probing at once must not read or delete each other's. */
const PROBE_ACCOUNT_PREFIX = '__stowage_probe__';
const PROBE_TIMEOUT_MS = 5_000;

/**
 * Whether the keychain really answers: loading keytar can fail (no native build for this
 * runtime), and on Linux a missing or locked Secret Service makes calls fail or hang. One
 * write/read/delete round trip with a time limit tells us before the user trusts it with a key.
 */
export async function probeKeychain(load: () => Promise<KeytarLike>): Promise<KeytarLike | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), PROBE_TIMEOUT_MS);
    timer.unref();
  });
  const attempt = (async () => {
    const keytar = await load();
    const token = randomUUID();
    const account = `${PROBE_ACCOUNT_PREFIX}${token}`;
    await keytar.setPassword(KEYCHAIN_SERVICE, account, token);
    const back = await keytar.getPassword(KEYCHAIN_SERVICE, account);
    await keytar.deletePassword(KEYCHAIN_SERVICE, account);
    return back === token ? keytar : null;
  })().catch(() => null);
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Loads the real keytar module (a native addon, so it is loaded only when asked for). */
export async function loadKeytar(): Promise<KeytarLike> {
  const mod = (await import('keytar')) as unknown as KeytarLike & { default?: KeytarLike };
  return mod.default ?? mod;
}
