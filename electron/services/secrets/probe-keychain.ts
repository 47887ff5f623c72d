/**
 * Prints whether the OS keychain answers from this process's environment ("available" or
 * "unavailable"). Run as a child process by the vault's tests with a broken D-Bus address, and
 * handy on a user's machine to see what Stowage will see.
 */
import { KeyVault } from './key-vault';
import { loadKeytar } from './keytar-store';

const vault = new KeyVault(loadKeytar);
process.stdout.write(`${(await vault.keychainAvailable()) ? 'available' : 'unavailable'}\n`);
process.exit(0);
