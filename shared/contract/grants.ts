import { z } from 'zod';
import { invoke } from '../ipc/define';

/**
 * A grant token: what the window holds instead of a path. Main hands one out for each path the
 * user chose (its open dialog, or a real drop registered by the preload) and reads only paths
 * behind live tokens, so a compromised page cannot name a file for main to read.
 */
export const GrantToken = z.string().min(1).max(64);

/** Most grants one call hands out or uses (a batch's file limit). */
export const MAX_GRANTS = 100_000;

/** A granted path as the window sees it: the token and the file or folder name to show. */
export const PathGrant = z.object({ token: GrantToken, name: z.string().max(1024) });
export type PathGrant = z.infer<typeof PathGrant>;

/** Longest path main accepts to register (Windows' extended-length limit; Linux stops at 4096). */
const MAX_PATH = 32_767;

/**
 * Channels only the preload calls: they are registered with main behind the same sender check as
 * every channel, but the preload never exposes them on `window.api`. In Electron the page cannot
 * reach ipcRenderer (context isolation, sandbox), so the only way to reach `drop:register` is the
 * preload's `grantDroppedFile(file)`, which takes the path from webUtils.getPathForFile: a File
 * the OS handed over in a drop, which page script cannot forge for a path of its choosing.
 */
export const preloadChannels = {
  /** Registers the path of a file or folder dropped on the window; answers its grant. */
  'drop:register': invoke(z.object({ path: z.string().min(1).max(MAX_PATH) }), PathGrant),
} as const;
