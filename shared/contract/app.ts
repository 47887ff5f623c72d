import { z } from 'zod';
import { invoke } from '../ipc/define';
import { MAX_GRANTS, PathGrant } from './grants';

/** App-level channels: identity of the running build and the system bridges (dialogs, browser). */
export const appChannels = {
  'app:info': invoke(
    z.undefined(),
    z.object({ name: z.string(), version: z.string(), platform: z.string() }),
  ),
  /**
   * Native file/folder picker, owned by main so the renderer never touches the file system. Main
   * keeps the chosen paths and answers a grant for each (see grants.ts): the window never gets a
   * path it could hand back, only tokens for what the user chose.
   */
  'dialog:pickFiles': invoke(
    z.object({ folders: z.boolean().default(false) }),
    z.object({ files: z.array(PathGrant).max(MAX_GRANTS) }),
  ),
  /** Opens an http(s) link in the OS browser; any other scheme is refused. */
  'shell:openExternal': invoke(z.object({ url: z.string().max(8192) }), z.object({ opened: z.literal(true) })),
} as const;
