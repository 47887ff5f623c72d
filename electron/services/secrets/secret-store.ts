/**
 * Where API keys live. Three functions, so the rest of the app never knows whether a key sits in
 * the OS keychain or only in this process's memory, and tests can pass an in-memory one.
 */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<void>;
}

/** The keychain service name every key is filed under (account = workspace id). */
export const KEYCHAIN_SERVICE = 'Stowage';

/**
 * Keys kept for this session only: used when the OS keychain does not answer, or when the user
 * asks not to store a key. Nothing is written anywhere; the keys are gone when the app quits.
 */
export class MemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, string>();

  async get(account: string): Promise<string | null> {
    return this.secrets.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.secrets.set(account, secret);
  }

  async delete(account: string): Promise<void> {
    this.secrets.delete(account);
  }
}
